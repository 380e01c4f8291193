package org.mosipmigrate.schema.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparable shape of one MOSIP database: base tables with their columns (information_schema
 * values), PRIMARY KEY / UNIQUE / FOREIGN KEY (with MATCH type) / CHECK constraints, indexes and comments, in the
 * format of the catalog facts ({@code mosip-catalog/*-VERSION.csv}). Built either from those facts or from a live
 * database, so that both sides are compared with the same {@link CatalogDiff}.
 *
 * @param comments COMMENT ON texts by {@link #commentKey}: "" the database, "t" a table, "t.c" a column. The facts hold
 *                 only some (see comments-VERSION.csv); a live catalog holds all of its schema's
 */
public record SchemaCatalog(String db, String schema, Map<String, Table> tables, Map<String, String> comments) {
    public SchemaCatalog {
        tables = Collections.unmodifiableMap(new TreeMap<>(tables));
        comments = Collections.unmodifiableMap(new TreeMap<>(comments));
    }

    public SchemaCatalog(String db, String schema, Map<String, Table> tables) {
        this(db, schema, tables, Map.of());
    }

    /** Key of a comment: "" for the database, the table name, or "table.column". */
    public static String commentKey(String table, String column) {
        return table == null || table.isEmpty() ? "" : column == null || column.isEmpty() ? table : table + "." + column;
    }

    /** information_schema values of one column; {@code ordinal} is kept but not compared as a difference of shape. */
    public record Column(String name, int ordinal, String dataType, String charMaxLength, String numericPrecision,
                         String numericScale, boolean nullable, String columnDefault) {
        /** The type as written in CREATE TABLE. */
        public String sqlType() {
            return switch (dataType) {
                case "character varying" -> charMaxLength.isEmpty() ? "varchar" : "varchar(" + charMaxLength + ")";
                case "character" -> "char(" + (charMaxLength.isEmpty() ? "1" : charMaxLength) + ")";
                case "numeric" -> numericPrecision.isEmpty() ? "numeric"
                        : "numeric(" + numericPrecision + "," + (numericScale.isEmpty() ? "0" : numericScale) + ")";
                case "timestamp without time zone" -> "timestamp";
                case "time without time zone" -> "time";
                default -> dataType;
            };
        }

        /** Everything that makes two columns equal, ordinal excluded. */
        public String shape() {
            return dataType + "|" + charMaxLength + "|" + numericPrecision + "|" + numericScale + "|"
                    + (nullable ? "NULL" : "NOT NULL") + "|" + columnDefault;
        }
    }

    /**
     * type is PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK; columns as in the facts ("a;b", "a -> t(x)", or the CHECK text);
     * match is a foreign key's MATCH type (FULL or SIMPLE), empty when unknown (facts without it) or not a foreign key.
     */
    public record Constraint(String name, String type, String columns, String match) {
        public Constraint(String name, String type, String columns) {
            this(name, type, columns, "");
        }

        /** What {@link CatalogDiff} compares: type, columns and, when known, the MATCH type. */
        public String shape() {
            return type + " " + columns + (match.isEmpty() ? "" : " MATCH " + match);
        }

        /** The same constraint without its MATCH type (compared against facts that do not know it). */
        public Constraint withoutMatch() {
            return new Constraint(name, type, columns, "");
        }
        public List<String> columnList() {
            String own = columns.contains(" -> ") ? columns.substring(0, columns.indexOf(" -> ")) : columns;
            return List.of(own.split(";"));
        }

        public String refTable() {
            String ref = columns.substring(columns.indexOf(" -> ") + 4);
            String t = ref.substring(0, ref.indexOf('('));
            return t.substring(t.indexOf('.') + 1);
        }

        public List<String> refColumns() {
            return List.of(columns.substring(columns.indexOf('(', columns.indexOf(" -> ")) + 1, columns.lastIndexOf(')')).split(";"));
        }
    }

    /** columns = the text inside {@code USING btree (...)}, with " WHERE ..." for partial indexes. */
    public record Index(String name, boolean unique, String columns) {
    }

    public record Table(String name, List<Column> columns, Map<String, Constraint> constraints, Map<String, Index> indexes) {
        public Table {
            columns = List.copyOf(columns);
            constraints = Collections.unmodifiableMap(new TreeMap<>(constraints));
            indexes = Collections.unmodifiableMap(new TreeMap<>(indexes));
        }

        public Map<String, Column> columnsByName() {
            Map<String, Column> m = new LinkedHashMap<>();
            columns.forEach(c -> m.put(c.name(), c));
            return m;
        }
    }

    /** The catalog facts of a MOSIP version ("1.1.5.5" or "1.2.0.1") for one database, or empty when absent. */
    public static SchemaCatalog expected(String version, String db) {
        Map<String, SchemaCatalog> all = Facts.of(version);
        SchemaCatalog c = all.get(db);
        return c != null ? c : new SchemaCatalog(db, schemaOf(db), Map.of());
    }

    /** Databases the facts of a version describe. */
    public static List<String> databases(String version) {
        return List.copyOf(Facts.of(version).keySet());
    }

    public static String schemaOf(String db) {
        return db.startsWith("mosip_") ? db.substring("mosip_".length()) : db;
    }

    /** Reads the same shape from a live database (base tables of {@code schema} only). */
    public static SchemaCatalog read(Connection c, String db, String schema) throws SQLException {
        Map<String, List<Column>> columns = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.table_name, c.column_name, c.ordinal_position, c.data_type, c.character_maximum_length,
                       c.numeric_precision, c.numeric_scale, c.is_nullable, c.column_default
                  FROM information_schema.columns c
                  JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                 WHERE c.table_schema = ? AND t.table_type = 'BASE TABLE'
                 ORDER BY c.table_name, c.ordinal_position""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new Column(rs.getString(2), rs.getInt(3),
                            rs.getString(4), str(rs.getString(5)), str(rs.getString(6)), str(rs.getString(7)), "YES".equals(rs.getString(8)),
                            str(rs.getString(9))));
                }
            }
        }
        Map<String, Map<String, Constraint>> constraints = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT cl.relname, con.conname, con.contype,
                       (SELECT string_agg(a.attname, ';' ORDER BY k.ord) FROM unnest(con.conkey) WITH ORDINALITY k(att, ord)
                          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.att),
                       rc.relname,
                       (SELECT string_agg(a.attname, ';' ORDER BY k.ord) FROM unnest(con.confkey) WITH ORDINALITY k(att, ord)
                          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.att),
                       pg_get_constraintdef(con.oid), con.confmatchtype
                  FROM pg_constraint con
                  JOIN pg_class cl ON cl.oid = con.conrelid
                  JOIN pg_namespace n ON n.oid = cl.relnamespace
                  LEFT JOIN pg_class rc ON rc.oid = con.confrelid
                 WHERE n.nspname = ? AND con.contype IN ('p', 'u', 'f', 'c') AND cl.relkind IN ('r', 'p')""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = switch (rs.getString(3)) {
                        case "p" -> "PRIMARY KEY";
                        case "u" -> "UNIQUE";
                        case "f" -> "FOREIGN KEY";
                        default -> "CHECK";
                    };
                    String cols = switch (type) {
                        case "FOREIGN KEY" -> rs.getString(4) + " -> " + rs.getString(5) + "(" + rs.getString(6) + ")";
                        case "CHECK" -> rs.getString(7);
                        default -> rs.getString(4);
                    };
                    String match = !type.equals("FOREIGN KEY") ? "" : switch (rs.getString(8)) {
                        case "f" -> "FULL";
                        case "p" -> "PARTIAL";
                        default -> "SIMPLE";
                    };
                    constraints.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), new Constraint(rs.getString(2), type, cols, match));
                }
            }
        }
        Map<String, Map<String, Index>> indexes = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT t.relname, i.relname, x.indisunique, pg_get_indexdef(x.indexrelid)
                  FROM pg_index x
                  JOIN pg_class i ON i.oid = x.indexrelid
                  JOIN pg_class t ON t.oid = x.indrelid
                  JOIN pg_namespace n ON n.oid = t.relnamespace
                 WHERE n.nspname = ? AND t.relkind IN ('r', 'p')""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .put(rs.getString(2), new Index(rs.getString(2), rs.getBoolean(3), indexColumns(rs.getString(4))));
                }
            }
        }
        Map<String, Table> tables = new TreeMap<>();
        columns.forEach((t, cols) -> tables.put(t, new Table(t, cols, constraints.getOrDefault(t, Map.of()), indexes.getOrDefault(t, Map.of()))));
        return new SchemaCatalog(db, schema, tables, comments(c, schema));
    }

    /** The database's comment and those of the schema's base tables and their columns. */
    private static Map<String, String> comments(Connection c, String schema) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT '', NULL, shobj_description(d.oid, 'pg_database') FROM pg_database d WHERE d.datname = current_database()
                UNION ALL
                SELECT cl.relname, a.attname, d.description
                  FROM pg_description d
                  JOIN pg_class cl ON cl.oid = d.objoid AND d.classoid = 'pg_class'::regclass
                  JOIN pg_namespace n ON n.oid = cl.relnamespace
                  LEFT JOIN pg_attribute a ON a.attrelid = cl.oid AND a.attnum = d.objsubid AND d.objsubid > 0
                 WHERE n.nspname = ? AND cl.relkind IN ('r', 'p') AND (d.objsubid = 0 OR NOT a.attisdropped)""")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(3) != null) {
                        out.put(commentKey(rs.getString(1), rs.getString(2)), rs.getString(3));
                    }
                }
            }
        }
        return out;
    }

    /** "CREATE INDEX x ON s.t USING btree (a, b) WHERE p" -> "a, b) WHERE p" minus the last ')' when there is no WHERE. */
    static String indexColumns(String def) {
        int start = def.indexOf(" USING ");
        start = def.indexOf('(', start) + 1;
        return def.substring(start, def.length() - 1);
    }

    private static String str(String s) {
        return s == null ? "" : s;
    }

    /** The CSV facts, parsed once per version. */
    private static final class Facts {
        private static final Map<String, Map<String, SchemaCatalog>> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static Map<String, SchemaCatalog> of(String version) {
            if (!version.equals("1.1.5.5") && !version.equals("1.2.0.1")) {
                throw new IllegalArgumentException("no catalog facts for MOSIP version " + version + " (known: 1.1.5.5, 1.2.0.1)");
            }
            return CACHE.computeIfAbsent(version, Facts::load);
        }

        private static Map<String, SchemaCatalog> load(String version) {
            Map<String, String> schemas = new TreeMap<>();
            Map<String, Map<String, List<Column>>> columns = new TreeMap<>();
            Map<String, Map<String, Constraint>> constraints = new TreeMap<>();
            Map<String, Map<String, Index>> indexes = new TreeMap<>();
            for (Map<String, String> r : Csv.read("mosip-catalog/catalog-" + version + ".csv")) {
                schemas.put(r.get("db"), r.get("schema"));
                columns.computeIfAbsent(r.get("db"), k -> new TreeMap<>()).computeIfAbsent(r.get("table"), k -> new ArrayList<>())
                        .add(new Column(r.get("column"), Integer.parseInt(r.get("ordinal")), r.get("data_type"), r.get("char_max_length"),
                                r.get("numeric_precision"), r.get("numeric_scale"), "YES".equals(r.get("is_nullable")), r.get("column_default")));
            }
            Map<String, String> matches = new TreeMap<>();
            for (Map<String, String> r : Csv.read("mosip-catalog/fk-match-types.csv")) {
                if (r.get("version").equals(version)) {
                    matches.put(r.get("db") + "/" + r.get("table") + "/" + r.get("constraint_name"), r.get("match"));
                }
            }
            for (Map<String, String> r : Csv.read("mosip-catalog/constraints-" + version + ".csv")) {
                String key = r.get("db") + "/" + r.get("table");
                constraints.computeIfAbsent(key, k -> new TreeMap<>()).put(r.get("constraint_name"), new Constraint(r.get("constraint_name"),
                        r.get("type"), normalizeFk(r.get("columns")), matches.getOrDefault(key + "/" + r.get("constraint_name"), "")));
            }
            Map<String, Map<String, String>> comments = new TreeMap<>();
            for (Map<String, String> r : Csv.read("mosip-catalog/comments-" + version + ".csv")) {
                comments.computeIfAbsent(r.get("db"), k -> new TreeMap<>()).put(commentKey(r.get("table"), r.get("column")), r.get("comment"));
            }
            for (Map<String, String> r : Csv.read("mosip-catalog/indexes-" + version + ".csv")) {
                indexes.computeIfAbsent(r.get("db") + "/" + r.get("table"), k -> new TreeMap<>())
                        .put(r.get("index_name"), new Index(r.get("index_name"), "YES".equals(r.get("unique")), r.get("columns")));
            }
            Map<String, SchemaCatalog> out = new TreeMap<>();
            columns.forEach((db, tables) -> {
                Map<String, Table> t = new TreeMap<>();
                tables.forEach((name, cols) -> {
                    cols.sort(java.util.Comparator.comparingInt(Column::ordinal));
                    t.put(name, new Table(name, cols, constraints.getOrDefault(db + "/" + name, Map.of()), indexes.getOrDefault(db + "/" + name, Map.of())));
                });
                out.put(db, new SchemaCatalog(db, schemas.get(db), t, comments.getOrDefault(db, Map.of())));
            });
            return out;
        }
    }

    /** Foreign keys in the facts sometimes name the parent schema-qualified; the live reader never does. */
    static String normalizeFk(String columns) {
        int arrow = columns.indexOf(" -> ");
        if (arrow < 0) {
            return columns;
        }
        String ref = columns.substring(arrow + 4);
        int paren = ref.indexOf('(');
        String table = ref.substring(0, paren);
        return columns.substring(0, arrow + 4) + table.substring(table.indexOf('.') + 1) + ref.substring(paren);
    }

    /** The packaged facts (RFC 4180 CSV). */
    static final class Csv {
        static List<Map<String, String>> read(String resource) {
            return org.mosipmigrate.core.text.CsvResource.read(SchemaCatalog.class.getClassLoader(), resource);
        }
    }
}
