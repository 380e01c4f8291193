package org.mosipmigrate.engine.preflight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.core.pg.Sql;

/**
 * Both PostgreSQL servers: connectivity and privileges, versions (target major at least the source's), the pg_dump
 * that backup and copy need, encodings, locales the source uses that the target cannot load, target max_connections
 * (the runbook asks for 1000), and target databases that would be in the way. Also sums the source's table sizes
 * for the disk estimate.
 */
final class PostgresCheck implements Check {
    static final int RUNBOOK_MAX_CONNECTIONS = 1000;

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public void run(PreflightContext ctx, Findings out) throws Exception {
        Integer sourceMajor = null;
        Map<String, List<String>> locales = new TreeMap<>();
        if (ctx.source() != null) {
            sourceMajor = source(ctx, out, locales);
        }
        if (ctx.target() != null) {
            Integer targetMajor = target(ctx, out, locales);
            if (sourceMajor != null && targetMajor != null && targetMajor < sourceMajor) {
                out.add(Finding.single("PG_VERSION_ORDER", name(), Severity.BLOCKING, "the target runs PostgreSQL " + targetMajor
                                + ", older than the source's " + sourceMajor,
                        "restore into a server of the same or a newer major version (MOSIP V3 uses PostgreSQL 16)"));
            }
        }
    }

    private Integer source(PreflightContext ctx, Findings out, Map<String, List<String>> locales) throws SQLException {
        PgConnector pg = ctx.source();
        Connection c = connect(pg, "postgres", out);
        if (c == null) {
            return null;
        }
        int major;
        try (c) {
            ctx.sourceReachable(true);
            major = serverFacts(pg, c, out);
            boolean superuser = superuser(c);
            boolean readAll = major >= 14 && bool(c, "SELECT pg_has_role(current_user, 'pg_read_all_data', 'member')");
            if (!superuser && !readAll) {
                out.add(Finding.single("PG_SOURCE_PRIVILEGES", name(), Severity.BLOCKING, pg.endpoint().describe()
                                + ": the user is neither a superuser nor a member of pg_read_all_data, so it may not read every table",
                        "connect as a superuser (source.postgres.user), or on PostgreSQL 14+ GRANT pg_read_all_data TO the user"));
            }
            List<String> dbs = PreflightContext.listSourceDatabases(c, ctx.config());
            ctx.sourceDatabases(dbs);
            out.fact("source.databases", dbs);
            List<String> notUtf8 = new ArrayList<>();
            for (String db : dbs) {
                PgCatalog.DatabaseInfo info;
                try {
                    info = PgCatalog.describeDatabase(c, db);
                } catch (MigrateException e) {
                    out.add(Finding.single("PG_DATABASE_MISSING", name(), Severity.BLOCKING, pg.endpoint().describe() + ": database " + db
                            + " does not exist", "fix source.postgres.databases"));
                    continue;
                }
                if (!info.encoding().equals("UTF8")) {
                    notUtf8.add(db + " (" + info.encoding() + ")");
                }
                locales.computeIfAbsent(info.collate(), k -> new ArrayList<>()).add("LC_COLLATE of " + db);
                if (!info.ctype().equals(info.collate())) {
                    locales.computeIfAbsent(info.ctype(), k -> new ArrayList<>()).add("LC_CTYPE of " + db);
                }
            }
            if (!notUtf8.isEmpty()) {
                out.add(Finding.listing("PG_ENCODING", name(), Severity.WARNING, "databases not in UTF8, the encoding MOSIP uses", notUtf8,
                        "restore keeps each database's encoding; check that MOSIP 1.2.0.1 services accept it before the move"));
            }
        }
        long bytes = 0;
        for (String db : ctx.sourceDatabases()) {
            Connection d = connect(pg, db, out);
            if (d == null) {
                continue;
            }
            try (d) {
                bytes += Long.parseLong(query(d, "SELECT coalesce(sum(pg_table_size(c.oid)), 0) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE c.relkind IN ('r', 'm') AND n.nspname NOT IN " + PgCatalog.EXCLUDED_SCHEMAS));
                try (Statement st = d.createStatement();
                     ResultSet rs = st.executeQuery("SELECT DISTINCT co.collname, co.collcollate, co.collctype FROM pg_attribute a "
                             + "JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                             + "JOIN pg_collation co ON co.oid = a.attcollation WHERE a.attnum > 0 AND NOT a.attisdropped AND co.collprovider = 'c' "
                             + "AND co.collname NOT IN ('C', 'POSIX', 'default') AND n.nspname NOT IN " + PgCatalog.EXCLUDED_SCHEMAS)) {
                    while (rs.next()) {
                        locales.computeIfAbsent(rs.getString(2), k -> new ArrayList<>()).add("collation " + rs.getString(1) + " in " + db);
                        if (!rs.getString(3).equals(rs.getString(2))) {
                            locales.computeIfAbsent(rs.getString(3), k -> new ArrayList<>()).add("collation " + rs.getString(1) + " in " + db);
                        }
                    }
                }
            }
        }
        ctx.databaseBytes(bytes);
        out.fact("source.tableBytes", bytes);
        pgDump(ctx, out, major);
        return major;
    }

    /** backup and copy dump the schema with pg_dump, which refuses servers newer than itself. */
    private void pgDump(PreflightContext ctx, Findings out, int sourceMajor) {
        PgTools tools = new PgTools(ctx.config().pgBinDir());
        try {
            int dump = tools.majorVersion("pg_dump");
            out.fact("pgDump.version", dump);
            if (dump < sourceMajor) {
                out.add(Finding.single("PG_DUMP_VERSION", name(), Severity.BLOCKING, "pg_dump " + dump + " cannot dump the source's PostgreSQL "
                        + sourceMajor, "install the PostgreSQL client tools of major " + sourceMajor + " or newer and set pgBinDir"));
            }
        } catch (MigrateException e) {
            out.add(Finding.single("PG_DUMP_VERSION", name(), Severity.BLOCKING, "pg_dump cannot be run: " + e.getMessage(),
                    "install the PostgreSQL client tools (pg_dump, pg_restore) and set pgBinDir if they are not on PATH"));
        }
    }

    private Integer target(PreflightContext ctx, Findings out, Map<String, List<String>> locales) throws SQLException {
        PgConnector pg = ctx.target();
        Connection c = connect(pg, "postgres", out);
        if (c == null) {
            return null;
        }
        try (c) {
            ctx.targetReachable(true);
            int major = serverFacts(pg, c, out);
            if (!superuser(c)) {
                out.add(Finding.single("PG_TARGET_PRIVILEGES", name(), Severity.BLOCKING, pg.endpoint().describe()
                                + ": the user is not a superuser; restore creates the V2 roles (sysadmin is a superuser) and databases owned by them",
                        "connect as a superuser (target.postgres.user)"));
            }
            int maxConnections = Integer.parseInt(query(c, "SHOW max_connections"));
            out.fact("target.maxConnections", maxConnections);
            if (maxConnections < RUNBOOK_MAX_CONNECTIONS) {
                out.add(Finding.single("PG_MAX_CONNECTIONS", name(), Severity.WARNING, "target max_connections is " + maxConnections
                                + "; the MOSIP runbook asks for " + RUNBOOK_MAX_CONNECTIONS + " (V3 services open many pools)",
                        "set max_connections = " + RUNBOOK_MAX_CONNECTIONS + " in the target's postgresql.conf and restart it before MOSIP V3 starts"));
            }
            List<String> missing = new ArrayList<>();
            for (Map.Entry<String, List<String>> e : locales.entrySet()) {
                if (!loadable(c, e.getKey())) {
                    missing.add(e.getKey() + " (" + String.join(", ", e.getValue()) + ")");
                }
            }
            out.fact("source.locales", List.copyOf(locales.keySet()));
            if (!missing.isEmpty()) {
                out.add(Finding.listing("PG_LOCALE_MISSING", name(), Severity.BLOCKING, "locales the source uses that the target server cannot load",
                        missing, "install these locales on the target machine (e.g. locale-gen, or the distribution's locales package), "
                                + "restart its PostgreSQL, and run preflight again; restore creates each database with the source's locale"));
            }
            List<String> inTheWay = new ArrayList<>();
            for (String db : ctx.sourceDatabases()) {
                if (bool(c, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(db) + ")")) {
                    try (Connection d = pg.open(db)) {
                        long tables = PgCatalog.countUserTables(d);
                        if (tables > 0) {
                            inTheWay.add(db + " (" + tables + " tables)");
                        }
                    }
                }
            }
            if (!inTheWay.isEmpty()) {
                out.add(Finding.listing("PG_TARGET_NOT_EMPTY", name(), Severity.WARNING, "target databases of the same name already hold tables",
                        inTheWay, "restore and copy refuse them; drop them, use an empty target, or pass --clean to restore (drops them)"));
            }
            return major;
        }
    }

    /**
     * Whether the target can create a collation for {@code locale}: CREATE COLLATION asks the operating system for
     * the locale. Runs in a transaction that is rolled back, so nothing is left on the target.
     */
    static boolean loadable(Connection c, String locale) throws SQLException {
        if (locale.equals("C") || locale.equals("POSIX")) {
            return true;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("CREATE COLLATION pg_temp.mosip_migrate_locale_probe (provider = libc, locale = " + Sql.literal(locale) + ")");
            return true;
        } catch (SQLException e) {
            if ("22023".equals(e.getSQLState()) || "42704".equals(e.getSQLState()) || String.valueOf(e.getMessage()).contains("locale")) {
                return false;
            }
            throw e;
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    /** Records the server and its version as facts; returns the major version. */
    private static int serverFacts(PgConnector pg, Connection c, Findings out) throws SQLException {
        out.fact(pg.endpoint().role() + ".postgres", pg.endpoint().describe());
        out.fact(pg.endpoint().role() + ".version", query(c, "SHOW server_version"));
        return PgCatalog.serverVersionNum(c) / 10000;
    }

    private static boolean superuser(Connection c) throws SQLException {
        return bool(c, "SELECT rolsuper FROM pg_roles WHERE rolname = current_user");
    }

    /** Opens a connection, or records why it failed as a blocking finding and returns null. */
    static Connection connect(PgConnector pg, String db, Findings out) {
        try {
            return pg.open(db);
        } catch (MigrateException e) {
            out.add(Finding.single("PG_CONNECT", "postgres", Severity.BLOCKING, e.getMessage(),
                    e.hint() != null ? e.hint() : "check host, port, user and password source of " + pg.endpoint().role() + ".postgres"));
            return null;
        }
    }

    static String query(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean bool(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        }
    }
}
