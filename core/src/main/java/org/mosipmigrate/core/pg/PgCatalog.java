package org.mosipmigrate.core.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/** Read-only catalog queries shared by planning, restore and verification. */
public final class PgCatalog {
    /** Schemas that belong to the server or to this tool, never to the data being moved. */
    public static final String EXCLUDED_SCHEMAS =
            "('pg_catalog','information_schema','pg_toast','" + RestoreMarkers.SCHEMA + "')";

    private PgCatalog() {
    }

    public record DatabaseInfo(String name, String owner, String encoding, String collate, String ctype, int serverVersionNum) {
        public int major() {
            return serverVersionNum / 10000;
        }
    }

    public record ColumnInfo(String name, String type, boolean userDefinedType) {
    }

    public record TableInfo(String schema, String name, long bytes, long relpages, long estimatedRows,
                            List<ColumnInfo> columns, List<String> primaryKey) {
        public TableInfo {
            columns = List.copyOf(columns);
            primaryKey = List.copyOf(primaryKey);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }

        public List<String> columnNames() {
            return columns.stream().map(ColumnInfo::name).toList();
        }

        /**
         * Binary COPY is about twice as fast as text, but arrays and composites of user-defined types
         * embed type OIDs that differ between clusters; such tables travel as text.
         */
        public String copyFormat() {
            return columns.stream().anyMatch(ColumnInfo::userDefinedType) ? "text" : "binary";
        }
    }

    public record SequenceInfo(String schema, String name, long lastValue, boolean isCalled) {
    }

    public static int serverVersionNum(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
            rs.next();
            return Integer.parseInt(rs.getString(1));
        }
    }

    public static List<String> listDatabases(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT datname FROM pg_database WHERE NOT datistemplate AND datallowconn "
                     + "AND datname <> 'postgres' ORDER BY datname")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    public static DatabaseInfo describeDatabase(Connection c, String db) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT d.datname, pg_get_userbyid(d.datdba), pg_encoding_to_char(d.encoding), d.datcollate, d.datctype, "
                        + "current_setting('server_version_num')::int FROM pg_database d WHERE d.datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new MigrateException(ErrorCode.CONFIG, "database " + db + " does not exist on the source",
                            "fix source.postgres.databases");
                }
                return new DatabaseInfo(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6));
            }
        }
    }

    /** Ordinary tables (partition leaves included, partitioned parents excluded: they hold no rows). */
    public static List<TableInfo> listTables(Connection c) throws SQLException {
        Map<Long, TableInfo> byOid = new LinkedHashMap<>();
        Map<Long, List<ColumnInfo>> cols = new LinkedHashMap<>();
        Map<Long, List<String>> pks = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(
                    "SELECT a.attrelid::bigint, a.attname, format_type(a.atttypid, a.atttypmod), "
                            + " (t.oid >= 16384 OR (t.typelem <> 0 AND t.typelem >= 16384) OR t.typtype IN ('c','d','e','r','m')) "
                            + "FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid JOIN pg_namespace n ON n.oid = r.relnamespace "
                            + "JOIN pg_type t ON t.oid = a.atttypid "
                            + "WHERE r.relkind = 'r' AND n.nspname NOT IN " + EXCLUDED_SCHEMAS + " AND n.nspname NOT LIKE 'pg_temp%' "
                            + "AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' ORDER BY a.attrelid, a.attnum")) {
                while (rs.next()) {
                    cols.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                        .add(new ColumnInfo(rs.getString(2), rs.getString(3), rs.getBoolean(4)));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT i.indrelid::bigint, a.attname FROM pg_index i "
                            + "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, ord) ON true "
                            + "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                            + "WHERE i.indisprimary ORDER BY i.indrelid, k.ord")) {
                while (rs.next()) {
                    pks.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT r.oid::bigint, n.nspname, r.relname, pg_table_size(r.oid), pg_relation_size(r.oid) / current_setting('block_size')::bigint, greatest(r.reltuples,0)::bigint "
                            + "FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace "
                            + "WHERE r.relkind = 'r' AND n.nspname NOT IN " + EXCLUDED_SCHEMAS + " AND n.nspname NOT LIKE 'pg_temp%' "
                            + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid AND d.deptype = 'e') "
                            + "ORDER BY n.nspname, r.relname")) {
                while (rs.next()) {
                    long oid = rs.getLong(1);
                    byOid.put(oid, new TableInfo(rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                            cols.getOrDefault(oid, List.of()), pks.getOrDefault(oid, List.of())));
                }
            }
        }
        return new ArrayList<>(byOid.values());
    }

    /** Current value of every sequence. Sequences are not transactional: the value is live, never behind the data. */
    public static List<SequenceInfo> listSequences(Connection c) throws SQLException {
        List<String[]> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname, s.relname FROM pg_class s JOIN pg_namespace n ON n.oid = s.relnamespace "
                     + "WHERE s.relkind = 'S' AND n.nspname NOT IN " + EXCLUDED_SCHEMAS + " ORDER BY 1, 2")) {
            while (rs.next()) {
                names.add(new String[] {rs.getString(1), rs.getString(2)});
            }
        }
        List<SequenceInfo> out = new ArrayList<>();
        for (String[] n : names) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT last_value, is_called FROM " + Sql.qualified(n[0], n[1]))) {
                rs.next();
                out.add(new SequenceInfo(n[0], n[1], rs.getLong(1), rs.getBoolean(2)));
            }
        }
        return out;
    }

    /**
     * Database-level grants, settings and comment as SQL. pg_dump without --create leaves them out, yet MOSIP
     * grants CONNECT per application role and comments every database, so they are carried separately and replayed
     * after CREATE DATABASE.
     */
    public static List<String> databaseLevelSql(Connection c, String db) throws SQLException {
        List<String> out = new ArrayList<>();
        String target = Sql.ident(db);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT d.datacl IS NOT NULL, a.grantee = 0, CASE WHEN a.grantee = 0 THEN NULL ELSE pg_get_userbyid(a.grantee) END, "
                        + "a.privilege_type, a.is_grantable FROM pg_database d LEFT JOIN LATERAL aclexplode(d.datacl) a ON true "
                        + "WHERE d.datname = ? ORDER BY 3 NULLS FIRST, 4")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                boolean first = true;
                while (rs.next()) {
                    if (first && rs.getBoolean(1)) {
                        // an explicit ACL replaces the defaults: start from nothing, then grant what the source has
                        out.add("REVOKE ALL ON DATABASE " + target + " FROM PUBLIC");
                    }
                    first = false;
                    if (rs.getString(4) == null) {
                        continue;
                    }
                    String grantee = rs.getBoolean(2) ? "PUBLIC" : Sql.ident(rs.getString(3));
                    out.add("GRANT " + rs.getString(4) + " ON DATABASE " + target + " TO " + grantee
                            + (rs.getBoolean(5) ? " WITH GRANT OPTION" : ""));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT CASE WHEN s.setrole = 0 THEN NULL ELSE pg_get_userbyid(s.setrole) END, unnest(s.setconfig) "
                        + "FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = ? ORDER BY 1 NULLS FIRST, 2")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String[] kv = rs.getString(2).split("=", 2);
                    String set = " SET " + Sql.ident(kv[0]) + " = " + Sql.literal(kv.length > 1 ? kv[1] : "");
                    out.add(rs.getString(1) == null ? "ALTER DATABASE " + target + set
                            : "ALTER ROLE " + Sql.ident(rs.getString(1)) + " IN DATABASE " + target + set);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = ?")) {
            ps.setString(1, db);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getString(1) != null) {
                    out.add("COMMENT ON DATABASE " + target + " IS " + Sql.literal(rs.getString(1)));
                }
            }
        }
        return out;
    }

    /** True when the database holds at least one user table (the "target is not empty" test). */
    public static long countUserTables(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_class r JOIN pg_namespace n ON n.oid = r.relnamespace "
                     + "WHERE r.relkind IN ('r','p') AND n.nspname NOT IN " + EXCLUDED_SCHEMAS + " AND n.nspname NOT LIKE 'pg_temp%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
