package org.mosipmigrate.schema.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.schema.catalog.SchemaCatalog.Column;
import org.mosipmigrate.schema.catalog.SchemaCatalog.Constraint;
import org.mosipmigrate.schema.catalog.SchemaCatalog.Index;
import org.mosipmigrate.schema.catalog.SchemaCatalog.Table;

/**
 * DDL for a {@link SchemaCatalog}: tables, then keys and indexes, then foreign keys. Used to write the
 * packaged baseline scripts (1.1.5.5) and fresh-install scripts (1.2.0.1) from the catalog facts, and
 * the CREATE TABLE parts of upgrade steps. Names are written as in the facts; only names that need it are quoted.
 */
public final class DdlWriter {
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");
    private static final Set<String> RESERVED = Set.of("timestamp", "user", "order", "group", "table", "default", "check",
            "primary", "references", "select", "from", "where", "column", "constraint", "end", "limit", "offset", "desc", "both");

    private DdlWriter() {
    }

    public static String name(String n) {
        return PLAIN.matcher(n).matches() && !RESERVED.contains(n) ? n : Sql.ident(n);
    }

    /** The whole schema: CREATE SCHEMA, tables, keys/indexes, foreign keys, plus the given extra statements. */
    public static String schemaScript(SchemaCatalog cat, List<String> sequences) {
        StringBuilder sb = new StringBuilder();
        sb.append("CREATE SCHEMA IF NOT EXISTS ").append(name(cat.schema())).append(";\n\n");
        for (Table t : cat.tables().values()) {
            sb.append(createTable(cat.schema(), t)).append(";\n");
        }
        sb.append('\n');
        for (Table t : cat.tables().values()) {
            keysAndIndexes(cat.schema(), t).forEach(s -> sb.append(s).append(";\n"));
        }
        sb.append('\n');
        for (Table t : cat.tables().values()) {
            foreignKeys(cat.schema(), t).forEach(s -> sb.append(s).append(";\n"));
        }
        for (String seq : sequences) {
            sb.append("CREATE SEQUENCE IF NOT EXISTS ").append(name(cat.schema())).append('.').append(seq)
              .append(" MAXVALUE 9223372036854775807 NO CYCLE;\n");
        }
        return sb.toString();
    }

    public static String createTable(String schema, Table t) {
        return createTable(schema, t, false);
    }

    public static String createTable(String schema, Table t, boolean ifNotExists) {
        String cols = t.columns().stream().map(DdlWriter::column).collect(Collectors.joining(",\n    "));
        return "CREATE TABLE " + (ifNotExists ? "IF NOT EXISTS " : "") + name(schema) + "." + name(t.name()) + " (\n    " + cols + "\n)";
    }

    public static String column(Column c) {
        StringBuilder sb = new StringBuilder(name(c.name())).append(' ').append(c.sqlType());
        if (!c.columnDefault().isEmpty()) {
            sb.append(" DEFAULT ").append(c.columnDefault());
        }
        if (!c.nullable()) {
            sb.append(" NOT NULL");
        }
        return sb.toString();
    }

    /** PK, UNIQUE and CHECK constraints (each brings its index), then the other indexes. */
    public static List<String> keysAndIndexes(String schema, Table t) {
        List<String> out = new ArrayList<>();
        String table = name(schema) + "." + name(t.name());
        for (Constraint c : t.constraints().values()) {
            switch (c.type()) {
                case "PRIMARY KEY" -> out.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name(c.name()) + " PRIMARY KEY ("
                        + cols(c.columnList()) + ")");
                case "UNIQUE" -> out.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name(c.name()) + " UNIQUE (" + cols(c.columnList()) + ")");
                case "CHECK" -> out.add("ALTER TABLE " + table + " ADD CONSTRAINT " + name(c.name()) + " " + c.columns());
                default -> {
                }
            }
        }
        for (Index i : t.indexes().values()) {
            if (!t.constraints().containsKey(i.name())) {
                out.add(createIndex(schema, t.name(), i));
            }
        }
        return out;
    }

    public static String createIndex(String schema, String table, Index i) {
        return "CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX IF NOT EXISTS " + name(i.name()) + " ON " + name(schema) + "." + name(table)
                + " USING btree (" + i.columns() + ")";
    }

    public static List<String> foreignKeys(String schema, Table t) {
        List<String> out = new ArrayList<>();
        for (Constraint c : t.constraints().values()) {
            if (c.type().equals("FOREIGN KEY")) {
                out.add("ALTER TABLE " + name(schema) + "." + name(t.name()) + " ADD CONSTRAINT " + name(c.name()) + " FOREIGN KEY ("
                        + cols(c.columnList()) + ") REFERENCES " + name(schema) + "." + name(c.refTable()) + " (" + cols(c.refColumns()) + ")"
                        + (c.match().equals("FULL") ? " MATCH FULL" : ""));
            }
        }
        return out;
    }

    private static String cols(List<String> names) {
        return names.stream().map(DdlWriter::name).collect(Collectors.joining(", "));
    }
}
