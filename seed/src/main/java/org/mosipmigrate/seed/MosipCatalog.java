package org.mosipmigrate.seed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mosipmigrate.core.text.CsvResource;

/**
 * The MOSIP 1.1.5.5 schema facts (resources mosip/*-1.1.5.5.csv, read from a fresh V2 install) as
 * records: per database its tables with columns, constraints and indexes.
 */
public final class MosipCatalog {
    public record Column(String name, int ordinal, String dataType, Integer charMaxLength, Integer numericPrecision,
                         Integer numericScale, boolean nullable, String columnDefault) {
        /** The column's type as it would be written in CREATE TABLE. */
        public String sqlType() {
            return switch (dataType) {
                case "character varying" -> charMaxLength == null ? "varchar" : "varchar(" + charMaxLength + ")";
                case "character" -> "char(" + (charMaxLength == null ? 1 : charMaxLength) + ")";
                case "numeric" -> numericPrecision == null ? "numeric"
                        : "numeric(" + numericPrecision + "," + (numericScale == null ? 0 : numericScale) + ")";
                case "timestamp without time zone" -> "timestamp";
                case "time without time zone" -> "time";
                default -> dataType;
            };
        }
    }

    public enum ConstraintType { PRIMARY_KEY, UNIQUE, FOREIGN_KEY, CHECK }

    /** For foreign keys, refTable/refColumns name the parent; otherwise they are null/empty. */
    public record Constraint(String name, ConstraintType type, List<String> columns, String refTable, List<String> refColumns,
                             String checkDefinition) {
    }

    public record Index(String name, boolean unique, List<String> columns) {
    }

    public record Table(String db, String schema, String name, List<Column> columns, List<Constraint> constraints, List<Index> indexes) {
        public Optional<Column> column(String columnName) {
            return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
        }

        public Optional<Constraint> primaryKey() {
            return constraints.stream().filter(c -> c.type() == ConstraintType.PRIMARY_KEY).findFirst();
        }

        public List<Constraint> constraints(ConstraintType type) {
            return constraints.stream().filter(c -> c.type() == type).toList();
        }
    }

    private static final Map<String, Map<String, Table>> V2 = load("1.1.5.5");

    private MosipCatalog() {
    }

    /** Database names of the fresh V2 install, sorted. */
    public static List<String> v2Databases() {
        return List.copyOf(V2.keySet());
    }

    /** Tables of a V2 database in catalog order (by name). */
    public static List<Table> v2Tables(String db) {
        Map<String, Table> tables = V2.get(db);
        if (tables == null) {
            throw new IllegalArgumentException("no MOSIP 1.1.5.5 database " + db + "; known: " + V2.keySet());
        }
        return List.copyOf(tables.values());
    }

    public static String schemaOf(String db) {
        return db.startsWith("mosip_") ? db.substring("mosip_".length()) : db;
    }

    private static Map<String, Map<String, Table>> load(String version) {
        Map<String, Map<String, List<Column>>> columns = new LinkedHashMap<>();
        Map<String, List<Constraint>> constraints = new LinkedHashMap<>();
        Map<String, List<Index>> indexes = new LinkedHashMap<>();
        Map<String, String> schemas = new LinkedHashMap<>();
        for (Map<String, String> r : readCsv("mosip/catalog-" + version + ".csv")) {
            schemas.put(r.get("db"), r.get("schema"));
            columns.computeIfAbsent(r.get("db"), k -> new java.util.TreeMap<>())
                    .computeIfAbsent(r.get("table"), k -> new ArrayList<>())
                    .add(new Column(r.get("column"), Integer.parseInt(r.get("ordinal")), r.get("data_type"), intOrNull(r.get("char_max_length")),
                            intOrNull(r.get("numeric_precision")), intOrNull(r.get("numeric_scale")), "YES".equals(r.get("is_nullable")),
                            r.get("column_default").isEmpty() ? null : r.get("column_default")));
        }
        for (Map<String, String> r : readCsv("mosip/constraints-" + version + ".csv")) {
            constraints.computeIfAbsent(r.get("db") + "/" + r.get("table"), k -> new ArrayList<>()).add(parseConstraint(r));
        }
        for (Map<String, String> r : readCsv("mosip/indexes-" + version + ".csv")) {
            indexes.computeIfAbsent(r.get("db") + "/" + r.get("table"), k -> new ArrayList<>())
                    .add(new Index(r.get("index_name"), "YES".equals(r.get("unique")), List.of(r.get("columns").split(",\\s*"))));
        }
        Map<String, Map<String, Table>> out = new java.util.TreeMap<>();
        columns.forEach((db, tables) -> tables.forEach((table, cols) -> {
            cols.sort(java.util.Comparator.comparingInt(Column::ordinal));
            String key = db + "/" + table;
            out.computeIfAbsent(db, k -> new LinkedHashMap<>()).put(table, new Table(db, schemas.get(db), table, List.copyOf(cols),
                    List.copyOf(constraints.getOrDefault(key, List.of())), List.copyOf(indexes.getOrDefault(key, List.of()))));
        }));
        return out;
    }

    private static final java.util.Set<String> MATCH_FULL_1155 = readCsv("mosip/fk-match-types.csv").stream()
            .filter(r -> r.get("version").equals("1.1.5.5") && r.get("match").equals("FULL"))
            .map(r -> r.get("db") + "/" + r.get("table") + "/" + r.get("constraint_name")).collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Whether MOSIP 1.1.5.5 declares this foreign key MATCH FULL (resource mosip/fk-match-types.csv; unlisted ones are MATCH SIMPLE). */
    public static boolean matchFull(String db, String table, String constraint) {
        return MATCH_FULL_1155.contains(db + "/" + table + "/" + constraint);
    }

    private static Constraint parseConstraint(Map<String, String> r) {
        String cols = r.get("columns");
        return switch (r.get("type")) {
            case "PRIMARY KEY" -> new Constraint(r.get("constraint_name"), ConstraintType.PRIMARY_KEY, split(cols), null, List.of(), null);
            case "UNIQUE" -> new Constraint(r.get("constraint_name"), ConstraintType.UNIQUE, split(cols), null, List.of(), null);
            case "CHECK" -> new Constraint(r.get("constraint_name"), ConstraintType.CHECK, List.of(), null, List.of(), cols);
            case "FOREIGN KEY" -> {
                // "a;b -> reftable(x;y)", reftable sometimes schema-qualified
                String[] sides = cols.split(" -> ");
                String ref = sides[1].trim();
                String refTable = ref.substring(0, ref.indexOf('('));
                refTable = refTable.substring(refTable.indexOf('.') + 1);
                yield new Constraint(r.get("constraint_name"), ConstraintType.FOREIGN_KEY, split(sides[0]), refTable,
                        split(ref.substring(ref.indexOf('(') + 1, ref.lastIndexOf(')'))), null);
            }
            default -> throw new IllegalStateException("unknown constraint type " + r.get("type"));
        };
    }

    private static List<String> split(String semicolonList) {
        return Arrays.stream(semicolonList.split(";")).map(String::trim).toList();
    }

    private static Integer intOrNull(String s) {
        return s == null || s.isEmpty() ? null : Integer.valueOf(s);
    }

    static List<Map<String, String>> readCsv(String resource) {
        return CsvResource.read(MosipCatalog.class.getClassLoader(), resource);
    }
}
