package org.mosipmigrate.seed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.seed.MosipCatalog.Column;
import org.mosipmigrate.seed.MosipCatalog.Constraint;
import org.mosipmigrate.seed.MosipCatalog.ConstraintType;
import org.mosipmigrate.seed.MosipCatalog.Index;
import org.mosipmigrate.seed.MosipCatalog.Table;

/**
 * MOSIP-shaped 1.1.5.5 (V2) databases built from the catalog facts in resources mosip/*.csv: the V2
 * roles, one schema per database owned by {@code sysadmin}, every table with its columns, keys,
 * indexes and foreign keys, grants to the app role, and deterministic rows (see {@link MosipRowGenerator}).
 * Rows are generated on the server by one set-based {@code INSERT ... SELECT} per table (nothing travels
 * over the wire), before keys and foreign keys are added, as a restore would do.
 */
public final class V2Cluster {
    /** The 11 V2 databases that MOSIP's 1.2.0.1 upgrade chain takes over (V3 has them plus resident and hotlist). */
    public static final List<String> ALL_V2_DATABASES = List.of(
            "mosip_audit", "mosip_credential", "mosip_ida", "mosip_idmap", "mosip_idrepo", "mosip_kernel",
            "mosip_keymgr", "mosip_master", "mosip_pms", "mosip_prereg", "mosip_regprc");

    /** Databases of a V2 install that V3 drops or folds into others; the builder can create them too. */
    public static final List<String> RETIRED_V2_DATABASES = List.of("mosip_authdevice", "mosip_iam", "mosip_regdevice", "mosip_websub");

    /** Rows in each reference table (languages, types, policies, keys, ...). */
    public static final int SMALL_TABLE_ROWS = 6;

    /** Tables that grow with the population, and how many rows per resident each gets. */
    private static final Map<String, Map<String, Integer>> ROWS_PER_RESIDENT = Map.ofEntries(
            Map.entry("mosip_audit", Map.of("app_audit_log", 3)),
            Map.entry("mosip_idrepo", Map.of("uin", 1, "uin_h", 2, "uin_biometric", 2, "uin_biometric_h", 2,
                    "uin_document", 2, "uin_document_h", 2, "uin_auth_lock", 1, "anonymous_profile", 1)),
            Map.entry("mosip_idmap", Map.of("vid", 2)),
            Map.entry("mosip_kernel", Map.of("uin", 1, "uin_assigned", 1, "vid", 1, "vid_assigned", 1, "prid", 1, "otp_transaction", 1)),
            Map.entry("mosip_credential", Map.of("credential_transaction", 2)),
            Map.entry("mosip_ida", Map.of("auth_transaction", 3, "identity_cache", 1, "credential_event_store", 2,
                    "otp_transaction", 1, "uin_auth_lock", 1, "hotlist_cache", 1)),
            Map.entry("mosip_regprc", Map.ofEntries(Map.entry("registration", 1), Map.entry("registration_list", 1),
                    Map.entry("registration_transaction", 4), Map.entry("individual_demographic_dedup", 1),
                    Map.entry("reg_bio_ref", 1), Map.entry("abis_request", 1), Map.entry("abis_response", 1),
                    Map.entry("abis_response_det", 1), Map.entry("reg_demo_dedupe_list", 1),
                    Map.entry("reg_manual_verification", 1), Map.entry("reg_lost_uin_det", 1))),
            Map.entry("mosip_prereg", Map.of("applicant_demographic", 1, "applicant_demographic_consumed", 1,
                    "applicant_document", 2, "applicant_document_consumed", 2, "reg_appointment", 1,
                    "reg_appointment_consumed", 1, "processed_prereg_list", 1, "otp_transaction", 1,
                    "pre_registration_transaction", 1)),
            Map.entry("mosip_websub", Map.of("message_store", 1, "message_delivery_success", 1)),
            Map.entry("mosip_iam", Map.of("oauth_access_token", 1)));

    /** Links without a constraint that MOSIP code and upgrade steps join on: db -> "table.column -> table.column". */
    private static final Map<String, List<String>> IMPLIED_REFERENCES = Map.of(
            "mosip_regprc", List.of("registration_list.reg_id -> registration.id", "reg_demo_dedupe_list.reg_id -> registration.id",
                    "registration_transaction.reg_id -> registration.id"),
            "mosip_idrepo", List.of("uin_h.uin_ref_id -> uin.uin_ref_id", "uin_biometric_h.uin_ref_id -> uin.uin_ref_id",
                    "uin_document_h.uin_ref_id -> uin.uin_ref_id"));

    /** Spring Batch keeps its ids in sequences that are not in the table catalog. */
    private static final List<String> BATCH_SEQUENCES = List.of("batch_job_seq", "batch_job_execution_seq", "batch_step_execution_seq");

    private static final Pattern SIMPLE_DEFAULT = Pattern.compile("true|false|-?\\d+(\\.\\d+)?|'[^']*'(::[a-z ]+)?");

    /** Opens a connection to a database of the server as a superuser. */
    @FunctionalInterface
    public interface Server {
        Connection open(String database) throws SQLException;
    }

    /**
     * @param rolePassword password of the roles created here, or null: roles can log in only where pg_hba trusts them
     * @param overrides    column values that replace the generic ones (see {@link RealisticValues})
     * @param comment      COMMENT ON DATABASE, set right after CREATE DATABASE (null: none)
     */
    public record Options(int residents, long seed, String rolePassword, ValueOverrides overrides, String comment) {
        public Options {
            overrides = overrides == null ? ValueOverrides.NONE : overrides;
        }

        /** Generic values, no comment. */
        public Options(int residents, long seed, String rolePassword) {
            this(residents, seed, rolePassword, null, null);
        }
    }

    private V2Cluster() {
    }

    /** Tables of {@code db} whose row count is at least the number of residents. */
    public static List<String> residentScaledTables(String db) {
        return List.copyOf(new TreeSet<>(ROWS_PER_RESIDENT.getOrDefault(db, Map.of()).keySet()));
    }

    /** The row count each table of {@code db} gets for a given population. */
    public static Map<String, Long> plannedRowCounts(String db, int residents) {
        Map<String, Table> tables = tablesByName(db);
        Map<String, Long> rows = new LinkedHashMap<>();
        Map<String, Integer> perResident = ROWS_PER_RESIDENT.getOrDefault(db, Map.of());
        tables.keySet().forEach(t -> rows.put(t, perResident.containsKey(t) ? (long) perResident.get(t) * residents : SMALL_TABLE_ROWS));
        capByParents(tables, rows);
        return rows;
    }

    /** App role of a V2 database, e.g. mosip_idrepo -> idrepouser. */
    public static String appRole(String db) {
        return MosipCatalog.schemaOf(db) + "user";
    }

    /** The cluster-wide V2 roles (sysadmin owns every V2 object; the upgrade chain still needs it). */
    public static void createCommonRoles(Server s, String rolePassword) throws SQLException {
        createRoleIfMissing(s, "sysadmin", "SUPERUSER LOGIN", rolePassword);
        createRoleIfMissing(s, "dbadmin", "CREATEDB CREATEROLE LOGIN", rolePassword);
        createRoleIfMissing(s, "appadmin", "LOGIN", rolePassword);
    }

    /** True when the database exists on the server. */
    public static boolean exists(Server s, String db) throws SQLException {
        try (Connection c = s.open("postgres"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(db))) {
            return rs.next();
        }
    }

    /** Drops a database if present, disconnecting its sessions first (works on every major; WITH (FORCE) needs 13+). */
    public static void dropIfExists(Server s, String db) throws SQLException {
        try (Connection c = s.open("postgres"); Statement st = c.createStatement()) {
            st.execute("UPDATE pg_database SET datallowconn = false WHERE datname = " + Sql.literal(db));
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + Sql.literal(db) + " AND pid <> pg_backend_pid()");
            st.execute("DROP DATABASE IF EXISTS " + Sql.ident(db));
        }
    }

    /**
     * A key made only of foreign-key columns repeats once the child has more rows than its parent;
     * cap such children at the parent's size (repeated to a fixpoint for chains).
     */
    private static void capByParents(Map<String, Table> tables, Map<String, Long> rows) {
        for (int pass = 0; pass < 5; pass++) {
            for (Table t : tables.values()) {
                Set<String> fkColumns = MosipRowGenerator.foreignKeyColumns(t);
                for (Set<String> key : MosipRowGenerator.keyColumnSets(t)) {
                    if (fkColumns.containsAll(key)) {
                        for (String column : key) {
                            String parent = MosipRowGenerator.foreignKeyOf(t, column).orElseThrow().refTable();
                            rows.computeIfPresent(t.name(), (k, n) -> Math.min(n, rows.getOrDefault(parent, n)));
                        }
                    }
                }
            }
        }
    }

    private static Map<String, List<Constraint>> impliedReferences(String db) {
        Map<String, List<Constraint>> out = new LinkedHashMap<>();
        for (String link : IMPLIED_REFERENCES.getOrDefault(db, List.of())) {
            String[] child = link.split(" -> ")[0].split("\\.");
            String[] parent = link.split(" -> ")[1].split("\\.");
            out.computeIfAbsent(child[0], k -> new ArrayList<>()).add(new Constraint("implied_" + child[0] + "_" + child[1],
                    ConstraintType.FOREIGN_KEY, List.of(child[1]), parent[0], List.of(parent[1]), null));
        }
        return out;
    }

    private static Map<String, Table> tablesByName(String db) {
        Map<String, Table> out = new LinkedHashMap<>();
        MosipCatalog.v2Tables(db).forEach(t -> out.put(t.name(), t));
        return out;
    }

    /** Roles are cluster-wide and may be shared (tests, re-runs): create only when absent, tolerate a racing creator. */
    public static void createRoleIfMissing(Server s, String role, String options, String password) throws SQLException {
        try (Connection c = s.open("postgres"); Statement st = c.createStatement()) {
            st.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = " + Sql.literal(role) + ") THEN "
                    + "CREATE ROLE " + Sql.ident(role) + " " + options + (password == null ? "" : " PASSWORD " + Sql.literal(password)) + "; END IF; "
                    + "EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
        }
    }

    /**
     * Creates database {@code db} (it must not exist) with its schema and rows. {@code afterLoad} runs on the
     * same connection, as sysadmin, once every key and foreign key is in place (seed rows, planted defects).
     * Returns the row count of each table as planned.
     */
    public static Map<String, Long> createDatabase(Server s, String db, Options o, SqlStep afterLoad) throws SQLException {
        String schema = MosipCatalog.schemaOf(db);
        String appRole = appRole(db);
        createRoleIfMissing(s, appRole, "LOGIN", o.rolePassword());
        try (Connection c = s.open("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + Sql.ident(db) + " OWNER sysadmin ENCODING 'UTF8' TEMPLATE template0");
            if (o.comment() != null) {
                st.execute("COMMENT ON DATABASE " + Sql.ident(db) + " IS " + Sql.literal(o.comment()));
            }
        }
        Map<String, Table> tables = tablesByName(db);
        Map<String, Long> rows = plannedRowCounts(db, o.residents());
        MosipRowGenerator generator = new MosipRowGenerator(tables, rows, o.seed(), impliedReferences(db), o.overrides());
        try (Connection c = s.open(db); Statement st = c.createStatement()) {
            // objects belong to sysadmin, as in a V2 install where the DDL ran as sysadmin
            st.execute("SET ROLE sysadmin");
            st.execute("SET synchronous_commit = off");
            st.execute("CREATE SCHEMA " + Sql.ident(schema) + " AUTHORIZATION sysadmin");
            for (Table t : tables.values()) {
                st.execute(createTableSql(t));
                st.execute(generator.insertSql(t));
            }
            for (Table t : tables.values()) {
                for (String sql : keysAndIndexesSql(t)) {
                    st.execute(sql);
                }
            }
            for (Table t : tables.values()) {
                for (Constraint fk : t.constraints(ConstraintType.FOREIGN_KEY)) {
                    st.execute(foreignKeySql(t, fk));
                }
            }
            createBatchSequences(st, schema, tables);
            grant(st, db, schema, appRole);
            if (afterLoad != null) {
                afterLoad.run(c);
            }
            st.execute("RESET ROLE");
            st.execute("ANALYZE");
        }
        return rows;
    }

    /** Work on a database's connection. */
    @FunctionalInterface
    public interface SqlStep {
        void run(Connection c) throws SQLException;
    }

    static String createTableSql(Table t) {
        String columns = t.columns().stream().map(V2Cluster::columnDefinition).collect(Collectors.joining(",\n  "));
        return "CREATE TABLE " + Sql.qualified(t.schema(), t.name()) + " (\n  " + columns + "\n)";
    }

    private static String columnDefinition(Column c) {
        StringBuilder sb = new StringBuilder(Sql.ident(c.name())).append(' ').append(c.sqlType());
        if (c.columnDefault() != null && SIMPLE_DEFAULT.matcher(c.columnDefault()).matches()) {
            sb.append(" DEFAULT ").append(c.columnDefault());
        }
        if (!c.nullable()) {
            sb.append(" NOT NULL");
        }
        return sb.toString();
    }

    /** PK and UNIQUE constraints (they bring their index), then the other indexes of the catalog. */
    static List<String> keysAndIndexesSql(Table t) {
        List<String> out = new ArrayList<>();
        String table = Sql.qualified(t.schema(), t.name());
        Set<String> constraintNames = t.constraints().stream().map(Constraint::name).collect(Collectors.toSet());
        for (Constraint c : t.constraints()) {
            switch (c.type()) {
                case PRIMARY_KEY -> out.add("ALTER TABLE " + table + " ADD CONSTRAINT " + Sql.ident(c.name())
                        + " PRIMARY KEY (" + Sql.columnList(c.columns()) + ")");
                case UNIQUE -> out.add("ALTER TABLE " + table + " ADD CONSTRAINT " + Sql.ident(c.name())
                        + " UNIQUE (" + Sql.columnList(c.columns()) + ")");
                case CHECK -> out.add("ALTER TABLE " + table + " ADD CONSTRAINT " + Sql.ident(c.name()) + " " + c.checkDefinition());
                default -> {
                }
            }
        }
        for (Index i : t.indexes()) {
            if (!constraintNames.contains(i.name())) {
                out.add("CREATE " + (i.unique() ? "UNIQUE " : "") + "INDEX " + Sql.ident(i.name()) + " ON " + table
                        + " USING btree (" + Sql.columnList(i.columns()) + ")");
            }
        }
        return out;
    }

    private static String foreignKeySql(Table t, Constraint fk) {
        return "ALTER TABLE " + Sql.qualified(t.schema(), t.name()) + " ADD CONSTRAINT " + Sql.ident(fk.name())
                + " FOREIGN KEY (" + Sql.columnList(fk.columns()) + ") REFERENCES " + Sql.qualified(t.schema(), fk.refTable())
                + " (" + Sql.columnList(fk.refColumns()) + ")" + (MosipCatalog.matchFull(t.db(), t.name(), fk.name()) ? " MATCH FULL" : "");
    }

    /** Sequences positioned after the generated batch rows, so a Spring Batch restart would not collide. */
    private static void createBatchSequences(Statement st, String schema, Map<String, Table> tables) throws SQLException {
        if (!tables.containsKey("batch_job_instance")) {
            return;
        }
        for (String seq : BATCH_SEQUENCES) {
            st.execute("CREATE SEQUENCE " + Sql.qualified(schema, seq) + " MAXVALUE 9223372036854775807 NO CYCLE");
            st.execute("SELECT setval(" + Sql.literal(Sql.qualified(schema, seq)) + ", " + (SMALL_TABLE_ROWS + 1) + ")");
        }
    }

    private static void grant(Statement st, String db, String schema, String appRole) throws SQLException {
        st.execute("GRANT CONNECT ON DATABASE " + Sql.ident(db) + " TO " + Sql.ident(appRole));
        st.execute("GRANT USAGE ON SCHEMA " + Sql.ident(schema) + " TO " + Sql.ident(appRole));
        st.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + Sql.ident(schema) + " TO " + Sql.ident(appRole));
    }
}
