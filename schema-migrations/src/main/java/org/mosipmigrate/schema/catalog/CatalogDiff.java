package org.mosipmigrate.schema.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import org.mosipmigrate.schema.catalog.SchemaCatalog.Column;
import org.mosipmigrate.schema.catalog.SchemaCatalog.Table;

/**
 * Differences between an expected catalog (the facts of a MOSIP version) and an actual one (a live
 * database): tables, columns (type, length, precision, nullability, default), constraints (with a foreign key's
 * MATCH type where the facts know it), indexes, and the comments the facts hold (the database's, and those of the
 * tables and columns listed in comments-VERSION.csv; a live comment the facts do not know is not compared).
 * Column order is not a difference (MOSIP's own chain leaves appended columns at the end).
 */
public final class CatalogDiff {
    /** kind: table, column, constraint, index, comment. difference: "missing", "unexpected" or "differs". */
    public record Difference(String db, String kind, String table, String name, String difference, String expected, String actual) {
        /** Key used to match a difference against the list of known ones. */
        public String key() {
            return db + "|" + kind + "|" + table + "|" + name;
        }

        @Override
        public String toString() {
            return db + " " + kind + " " + table + (name.isEmpty() ? "" : "." + name) + ": " + difference
                    + (expected.isEmpty() && actual.isEmpty() ? "" : " (expected " + show(expected) + ", found " + show(actual) + ")");
        }

        private static String show(String s) {
            return s.isEmpty() ? "-" : s;
        }
    }

    private CatalogDiff() {
    }

    public static List<Difference> compare(SchemaCatalog expected, SchemaCatalog actual) {
        List<Difference> out = new ArrayList<>();
        String db = expected.db();
        for (String t : new TreeSet<>(union(expected.tables(), actual.tables()))) {
            Table e = expected.tables().get(t);
            Table a = actual.tables().get(t);
            if (a == null) {
                out.add(new Difference(db, "table", t, "", "missing", "table", ""));
                continue;
            }
            if (e == null) {
                out.add(new Difference(db, "table", t, "", "unexpected", "", "table"));
                continue;
            }
            Map<String, Column> ec = e.columnsByName();
            Map<String, Column> ac = a.columnsByName();
            for (String c : new TreeSet<>(union(ec, ac))) {
                Column x = ec.get(c);
                Column y = ac.get(c);
                if (y == null) {
                    out.add(new Difference(db, "column", t, c, "missing", x.shape(), ""));
                } else if (x == null) {
                    out.add(new Difference(db, "column", t, c, "unexpected", "", y.shape()));
                } else if (!x.shape().equals(y.shape())) {
                    out.add(new Difference(db, "column", t, c, "differs", x.shape(), y.shape()));
                }
            }
            compareNamed(db, "constraint", t, e.constraints(), knownMatchOnly(e.constraints(), a.constraints()), SchemaCatalog.Constraint::shape, out);
            compareNamed(db, "index", t, e.indexes(), a.indexes(), i -> (i.unique() ? "UNIQUE " : "") + i.columns(), out);
        }
        for (Map.Entry<String, String> c : expected.comments().entrySet()) {
            String key = c.getKey();
            String table = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
            String column = key.contains(".") ? key.substring(key.indexOf('.') + 1) : "";
            if (!key.isEmpty() && !actual.tables().containsKey(table)) {
                continue; // the missing table is the difference
            }
            String found = actual.comments().get(key);
            if (found == null) {
                out.add(new Difference(db, "comment", table.isEmpty() ? "(database)" : table, column, "missing", c.getValue(), ""));
            } else if (!found.equals(c.getValue())) {
                out.add(new Difference(db, "comment", table.isEmpty() ? "(database)" : table, column, "differs", c.getValue(), found));
            }
        }
        return out;
    }

    /** The live constraints, without the MATCH type of those whose expected MATCH type the facts do not know. */
    private static Map<String, SchemaCatalog.Constraint> knownMatchOnly(Map<String, SchemaCatalog.Constraint> expected,
                                                                        Map<String, SchemaCatalog.Constraint> actual) {
        Map<String, SchemaCatalog.Constraint> out = new java.util.TreeMap<>();
        actual.forEach((n, c) -> {
            SchemaCatalog.Constraint e = expected.get(n);
            out.put(n, e == null || e.match().isEmpty() ? c.withoutMatch() : c);
        });
        return out;
    }

    private static <T> void compareNamed(String db, String kind, String table, Map<String, T> e, Map<String, T> a,
                                         java.util.function.Function<T, String> shape, List<Difference> out) {
        for (String n : new TreeSet<>(union(e, a))) {
            T x = e.get(n);
            T y = a.get(n);
            if (y == null) {
                out.add(new Difference(db, kind, table, n, "missing", shape.apply(x), ""));
            } else if (x == null) {
                out.add(new Difference(db, kind, table, n, "unexpected", "", shape.apply(y)));
            } else if (!Objects.equals(shape.apply(x), shape.apply(y))) {
                out.add(new Difference(db, kind, table, n, "differs", shape.apply(x), shape.apply(y)));
            }
        }
    }

    private static java.util.Set<String> union(Map<String, ?> a, Map<String, ?> b) {
        java.util.Set<String> s = new TreeSet<>(a.keySet());
        s.addAll(b.keySet());
        return s;
    }

}
