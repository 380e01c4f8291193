package org.mosipmigrate.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.run.Progress;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs the packaged Flyway migrations of each MOSIP database on the target: baseline of restored V2
 * databases at 1.1.5.5, validate, migrate to 1.2.0.1 (or a given step), status, and a dry run that
 * executes every pending step in one transaction and rolls it back. Each migration runs in its own
 * transaction (Flyway on PostgreSQL), so a step commits whole or not at all.
 */
public final class SchemaUpgrader {
    private final TargetDatabases target;
    private final UpgradeSettings settings;
    private final Progress progress;

    public SchemaUpgrader(TargetDatabases target, UpgradeSettings settings, Progress progress) {
        this.target = target;
        this.settings = settings;
        this.progress = progress;
    }

    /** One step of a database's chain and where it stands. */
    public record StepInfo(String step, String version, String description, String state, Integer millis) {
    }

    public record DbStatus(String db, boolean exists, String current, List<StepInfo> applied, List<StepInfo> pending, String note) {
        /** missing, empty, baseline (1.1.5.5), step 1.2.0.1-B&lt;n&gt; or done (1.2.0.1). */
        public String state() {
            if (!exists) {
                return "missing";
            }
            if (current == null || current.equals("none")) {
                return "empty";
            }
            return switch (current) {
                case MosipDatabase.BASELINE_VERSION -> "baseline";
                case "1.2.0.1" -> "done";
                default -> "step " + current;
            };
        }
    }

    public record DbOutcome(String db, boolean baselined, String from, String to, List<StepInfo> executed) {
    }

    public record DryRun(String db, String from, List<StepInfo> steps, String firstFailure, List<String> notTransactional) {
    }

    // ---------------------------------------------------------------- status

    /** Where each database stands and what is pending; a database the target lacks is listed as missing, never an error. */
    public List<DbStatus> status(List<MosipDatabase> dbs, String toVersion) {
        List<DbStatus> out = new ArrayList<>();
        for (MosipDatabase d : dbs) {
            if (!databaseExists(d.dbName())) {
                out.add(new DbStatus(d.dbName(), false, "none", List.of(), chainSteps(d, toVersion),
                        d.createdByUpgrade() ? "created by the upgrade"
                                : d.builds() == 0 ? "not on the target (nothing to fold into mosip_pms from it)"
                                : "missing: restore it or run schema init"));
                continue;
            }
            try (Connection c = target.open(d.dbName())) {
                boolean history = hasHistory(c);
                String current = history ? null : (hasTables(c, d.schema()) ? MosipDatabase.BASELINE_VERSION : null);
                List<StepInfo> applied = new ArrayList<>();
                if (history) {
                    for (MigrationInfo i : flyway(d, toVersion).info().applied()) {
                        if (i.getVersion() != null) {
                            applied.add(info(i));
                            current = i.getVersion().getVersion();
                        }
                    }
                }
                String note = d.builds() == 0 ? "V2 only: pms step 1.2.0.1-B1 reads it; cleanup --apply removes it"
                        : history ? "" : current != null ? "no history: will be baselined at 1.1.5.5" : "empty: the chain starts at the baseline script";
                out.add(new DbStatus(d.dbName(), true, MosipDatabase.mosipName(current), applied,
                        d.builds() == 0 ? List.of() : plannedSteps(d, current, toVersion), note));
            } catch (SQLException e) {
                throw sqlError(d.dbName(), e);
            }
        }
        return out;
    }

    /** The chain's steps up to {@code toVersion} without asking a database (for one the target does not have). */
    private static List<StepInfo> chainSteps(MosipDatabase d, String toVersion) {
        MigrationVersion to = MigrationVersion.fromVersion(MosipDatabase.toFlywayVersion(toVersion));
        return d.steps().stream().filter(s -> !MigrationVersion.fromVersion(s.flywayVersion()).isNewerThan(to))
                .map(s -> new StepInfo(s.mosipName(), s.flywayVersion(), "", "Pending", null)).toList();
    }

    private List<StepInfo> plannedSteps(MosipDatabase d, String current, String toVersion) {
        MigrationVersion to = MigrationVersion.fromVersion(MosipDatabase.toFlywayVersion(toVersion));
        MigrationVersion from = current == null ? null : MigrationVersion.fromVersion(current);
        List<StepInfo> out = new ArrayList<>();
        for (MigrationInfo i : flyway(d, toVersion).info().all()) {
            MigrationVersion v = i.getVersion();
            if (v != null && (from == null || v.isNewerThan(from)) && !v.isNewerThan(to) && !i.getState().isApplied()) {
                out.add(info(i));
            }
        }
        return out;
    }

    private static StepInfo info(MigrationInfo i) {
        return new StepInfo(MosipDatabase.mosipName(i.getVersion().getVersion()), i.getVersion().getVersion(), i.getDescription(),
                i.getState().getDisplayName(), i.getExecutionTime());
    }

    // ---------------------------------------------------------------- upgrade

    public List<DbOutcome> upgrade(List<MosipDatabase> dbs, String toVersion) {
        List<DbOutcome> out = new ArrayList<>();
        for (MosipDatabase d : dbs) {
            out.add(upgradeOne(d, toVersion));
        }
        return out;
    }

    private DbOutcome upgradeOne(MosipDatabase d, String toVersion) {
        String db = d.dbName();
        prepareCluster(d);
        boolean baselined = false;
        Flyway flyway = flyway(d, toVersion);
        String from;
        try (Connection c = target.open(db)) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + MosipDatabase.HISTORY_SCHEMA);
            }
            if (!hasHistory(c)) {
                if (hasTables(c, d.schema())) {
                    progress.info(db + ": no migration history; baselining the restored schema at 1.1.5.5");
                    flyway.baseline();
                    baselined = true;
                } else if (d.inV2()) {
                    throw new MigrateException(ErrorCode.UPGRADE_FAILED, db + ": schema " + d.schema() + " has no tables and no migration history",
                            "restore the V2 database first (mosip-migrate restore), or create an empty one with schema init --version 1.1.5.5");
                }
            }
        } catch (SQLException e) {
            throw sqlError(db, e);
        }
        ValidateResult v = flyway.validateWithResult();
        if (!v.validationSuccessful) {
            List<String> bad = v.invalidMigrations.stream().map(m -> m.version + " " + m.description + ": "
                    + (m.errorDetails == null ? "" : m.errorDetails.errorMessage)).toList();
            if (!bad.isEmpty() && bad.stream().anyMatch(s -> s.contains("checksum") || s.contains("Checksum") || s.contains("not resolved"))) {
                throw new MigrateException(ErrorCode.UPGRADE_FAILED, db + ": applied migrations differ from the packaged ones: " + String.join("; ", bad),
                        "a migration was modified after it ran (or history belongs to another tool version); restore the database and upgrade "
                                + "with the version of mosip-migrate that applied it, never edit applied migrations");
            }
        }
        from = currentVersion(flyway);
        checkInputs(d, from, toVersion);
        try {
            MigrateResult r = flyway.migrate();
            applyComments(d);
            List<StepInfo> executed = r.migrations.stream().map(m -> new StepInfo(MosipDatabase.mosipName(m.version), m.version, m.description,
                    "Success", m.executionTime)).toList();
            executed.forEach(s -> progress.info(db + ": " + s.step() + " (" + s.version() + " " + s.description() + ") done in " + s.millis() + " ms"));
            return new DbOutcome(db, baselined, MosipDatabase.mosipName(from), MosipDatabase.mosipName(currentVersion(flyway)), executed);
        } catch (FlywayException e) {
            throw stepFailure(db, currentVersion(flyway), e);
        }
    }

    /** MOSIP's comments on the objects its chain created (MosipComments), in their own transaction after the steps. */
    private void applyComments(MosipDatabase d) {
        try (Connection c = target.open(d.dbName())) {
            int n = MosipComments.apply(c, d);
            if (n > 0) {
                progress.info(d.dbName() + ": " + n + " comment(s) set as MOSIP 1.2.0.1 has them");
            }
        } catch (SQLException e) {
            throw sqlError(d.dbName(), e);
        }
    }

    private static String currentVersion(Flyway flyway) {
        MigrationInfo cur = flyway.info().current();
        return cur == null || cur.getVersion() == null ? null : cur.getVersion().getVersion();
    }

    /** Fails before anything runs when a pending step needs a config value that is missing. */
    private void checkInputs(MosipDatabase d, String from, String toVersion) {
        if (d != MosipDatabase.MOSIP_MASTER) {
            return;
        }
        MigrationVersion b1 = MigrationVersion.fromVersion("1.2.0.1.1");
        boolean pending = (from == null || b1.isNewerThan(MigrationVersion.fromVersion(from)))
                && !b1.isNewerThan(MigrationVersion.fromVersion(MosipDatabase.toFlywayVersion(toVersion)));
        String lang = settings.primaryLanguageCode();
        if (pending && (lang == null || !lang.matches("[a-z]{3}"))) {
            throw new MigrateException(ErrorCode.CONFIG, "mosip_master: step 1.2.0.1-B1 needs the primary language code (got "
                    + (lang == null ? "none" : "'" + lang + "'") + ")",
                    "set upgrade.primaryLanguageCode in the config (or --primary-language) to the 3-letter code of the V2 primary language (e.g. eng); "
                            + "B1 keeps only that language's rows in 12 reference tables (backed up first as *_migr_bkp)");
        }
    }

    /** Cluster-level work that cannot be part of a migration: the database (hotlist, resident) and app role. */
    private void prepareCluster(MosipDatabase d) {
        try (Connection c = target.open("postgres"); Statement st = c.createStatement()) {
            if (!exists(c, "SELECT 1 FROM pg_roles WHERE rolname = " + Sql.literal(d.appRole()))) {
                String pw = settings.newRolePassword();
                st.execute("CREATE ROLE " + Sql.ident(d.appRole()) + (pw == null ? " NOLOGIN" : " LOGIN PASSWORD " + Sql.literal(pw)));
                progress.info("created role " + d.appRole() + (pw == null
                        ? " NOLOGIN (upgrade.newRolePasswordEnv is not set, or its variable is empty): set its password with ALTER ROLE "
                        + d.appRole() + " LOGIN PASSWORD '...'"
                        : " with the password from $" + settings.newRolePasswordEnv()));
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(d.dbName()))) {
                if (!d.createdByUpgrade()) {
                    throw new MigrateException(ErrorCode.UPGRADE_FAILED, d.dbName() + " does not exist on the target",
                            "restore it first (mosip-migrate restore), or leave it out with --databases");
                }
                st.execute("CREATE DATABASE " + Sql.ident(d.dbName()) + " ENCODING 'UTF8' TEMPLATE template0");
                // as MOSIP's B1 creates it: sessions find the schema without qualifying (its comment comes with MosipComments)
                st.execute("ALTER DATABASE " + Sql.ident(d.dbName()) + " SET search_path TO " + Sql.ident(d.schema()) + ", pg_catalog, public");
                progress.info("created database " + d.dbName());
            }
        } catch (SQLException e) {
            throw sqlError(d.dbName(), e);
        }
    }

    // ---------------------------------------------------------------- dry run

    /**
     * Executes every pending step of each database on one connection inside a single transaction, then
     * rolls back. Nothing is written, also not the history. CREATE DATABASE of hotlist/resident cannot run in
     * a transaction: when such a database is missing it is named and its chain is not rehearsed.
     */
    public List<DryRun> dryRun(List<MosipDatabase> dbs, String toVersion) {
        List<DryRun> out = new ArrayList<>();
        for (MosipDatabase d : dbs) {
            String db = d.dbName();
            List<String> notTx = new ArrayList<>();
            if (!databaseExists(db)) {
                if (d.createdByUpgrade()) {
                    notTx.add("CREATE DATABASE " + db + " (cannot run in a transaction; the chain of " + db + " is not rehearsed)");
                    out.add(new DryRun(db, "none", plannedSteps(d, null, toVersion), null, notTx));
                } else {
                    out.add(new DryRun(db, "none", List.of(), db + " does not exist on the target", notTx));
                }
                continue;
            }
            if (!roleExists(d.appRole())) {
                notTx.add("CREATE ROLE " + d.appRole() + " (cluster-wide; rehearsed inside the transaction)");
            }
            out.add(dryRunOne(d, toVersion, notTx));
        }
        return out;
    }

    private DryRun dryRunOne(MosipDatabase d, String toVersion, List<String> notTx) {
        String db = d.dbName();
        Flyway flyway = flyway(d, toVersion);
        List<StepInfo> steps = new ArrayList<>();
        try (Connection c = target.open(db)) {
            String from;
            if (hasHistory(c)) {
                from = currentVersion(flyway);
            } else {
                from = hasTables(c, d.schema()) ? MosipDatabase.BASELINE_VERSION : null;
            }
            try {
                checkInputs(d, from, toVersion);
            } catch (MigrateException e) {
                return new DryRun(db, MosipDatabase.mosipName(from), steps, e.getMessage() + " — " + e.hint(), notTx);
            }
            List<MigrationInfo> pending = new ArrayList<>();
            MigrationVersion to = MigrationVersion.fromVersion(MosipDatabase.toFlywayVersion(toVersion));
            for (MigrationInfo i : flyway.info().all()) {
                MigrationVersion v = i.getVersion();
                if (v != null && !i.getState().isApplied() && i.getState() != MigrationState.BASELINE
                        && (from == null || v.isNewerThan(MigrationVersion.fromVersion(from))) && !v.isNewerThan(to)) {
                    pending.add(i);
                }
            }
            c.setAutoCommit(false);
            String failure = null;
            try {
                try (Statement st = c.createStatement()) {
                    if (!roleExists(d.appRole())) {
                        st.execute("CREATE ROLE " + Sql.ident(d.appRole()) + " NOLOGIN");
                    }
                }
                Configuration conf = flyway.getConfiguration();
                for (MigrationInfo i : pending) {
                    long t0 = System.nanoTime();
                    try (Statement st = c.createStatement()) {
                        st.execute("SAVEPOINT mm_step");
                        SessionFunctions.install(c);
                        JavaMigration jm = javaMigration(d, i.getVersion().getVersion());
                        if (jm != null) {
                            jm.migrate(new org.flywaydb.core.api.migration.Context() {
                                @Override
                                public Configuration getConfiguration() {
                                    return conf;
                                }

                                @Override
                                public Connection getConnection() {
                                    return c;
                                }
                            });
                        } else {
                            st.execute(replacePlaceholders(resource(MosipDatabase.location(db) + "/" + i.getScript())));
                        }
                        int ms = (int) ((System.nanoTime() - t0) / 1_000_000);
                        steps.add(new StepInfo(MosipDatabase.mosipName(i.getVersion().getVersion()), i.getVersion().getVersion(),
                                i.getDescription(), "ok (rolled back)", ms));
                        progress.info(db + " dry run: " + MosipDatabase.mosipName(i.getVersion().getVersion()) + " ok in " + ms + " ms");
                    } catch (Exception e) {
                        int ms = (int) ((System.nanoTime() - t0) / 1_000_000);
                        steps.add(new StepInfo(MosipDatabase.mosipName(i.getVersion().getVersion()), i.getVersion().getVersion(),
                                i.getDescription(), "FAILED", ms));
                        failure = MosipDatabase.mosipName(i.getVersion().getVersion()) + " (" + i.getScript() + "): " + describe(e);
                        break;
                    }
                }
                if (failure == null) {
                    MosipComments.apply(c, d);
                }
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
            return new DryRun(db, MosipDatabase.mosipName(from), steps, failure, notTx);
        } catch (SQLException e) {
            throw sqlError(db, e);
        }
    }

    private String replacePlaceholders(String script) {
        String s = script;
        for (Map.Entry<String, String> e : settings.placeholders().entrySet()) {
            s = s.replace("${" + e.getKey() + "}", e.getValue());
        }
        return s;
    }

    static String resource(String path) {
        try (InputStream in = SchemaUpgrader.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- Flyway set-up

    Flyway flyway(MosipDatabase d, String toVersion) {
        return flyway(d, toVersion, MosipDatabase.BASELINE_VERSION, "restored MOSIP 1.1.5.5 (V2) schema");
    }

    Flyway flyway(MosipDatabase d, String toVersion, String baselineVersion, String baselineDescription) {
        var conf = Flyway.configure(SchemaUpgrader.class.getClassLoader())
                .dataSource(dataSource(d.dbName()))
                .locations("classpath:" + MosipDatabase.location(d.dbName()))
                .schemas(MosipDatabase.HISTORY_SCHEMA)
                .defaultSchema(MosipDatabase.HISTORY_SCHEMA)
                // the history schema is created before Flyway runs; true also keeps Flyway from warning, per database, that it is not
                .createSchemas(true)
                .table(MosipDatabase.HISTORY_TABLE)
                .baselineVersion(baselineVersion)
                .baselineDescription(baselineDescription)
                .placeholders(settings.placeholders())
                .target(MigrationVersion.fromVersion(MosipDatabase.toFlywayVersion(toVersion)))
                .callbacks(new SessionFunctions())
                .validateMigrationNaming(true)
                .cleanDisabled(true)
                .mixed(false)
                .group(false)
                .outOfOrder(false);
        List<JavaMigration> java = javaMigrations(d);
        if (!java.isEmpty()) {
            conf.javaMigrations(java.toArray(new JavaMigration[0]));
        }
        return conf.load();
    }

    private List<JavaMigration> javaMigrations(MosipDatabase d) {
        if (d == MosipDatabase.MOSIP_PMS) {
            return List.of(new PmsB1DeviceFold(target, progress));
        }
        return List.of();
    }

    private JavaMigration javaMigration(MosipDatabase d, String version) {
        return javaMigrations(d).stream().filter(m -> m.getVersion().getVersion().equals(version)).findFirst().orElse(null);
    }

    private DataSource dataSource(String db) {
        return new DataSource() {
            @Override
            public Connection getConnection() {
                return target.open(db);
            }

            @Override
            public Connection getConnection(String username, String password) {
                return target.open(db);
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getLogger("mosip-migrate");
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }

    // ---------------------------------------------------------------- helpers

    private boolean databaseExists(String db) {
        try (Connection c = target.open("postgres")) {
            return exists(c, "SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(db));
        } catch (SQLException e) {
            throw sqlError("postgres", e);
        }
    }

    private boolean roleExists(String role) {
        try (Connection c = target.open("postgres")) {
            return exists(c, "SELECT 1 FROM pg_roles WHERE rolname = " + Sql.literal(role));
        } catch (SQLException e) {
            throw sqlError("postgres", e);
        }
    }

    static boolean exists(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next();
        }
    }

    static boolean hasHistory(Connection c) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_tables WHERE schemaname = " + Sql.literal(MosipDatabase.HISTORY_SCHEMA)
                + " AND tablename = " + Sql.literal(MosipDatabase.HISTORY_TABLE));
    }

    static boolean hasTables(Connection c, String schema) throws SQLException {
        return exists(c, "SELECT 1 FROM pg_tables WHERE schemaname = " + Sql.literal(schema));
    }

    private static MigrateException sqlError(String db, SQLException e) {
        return new MigrateException(ErrorCode.RUNTIME, db + ": " + e.getMessage(), null, e);
    }

    /** A failed step: the server's message (naming rows for data checks), its hint, and where the database stands. */
    private static MigrateException stepFailure(String db, String current, FlywayException e) {
        String hint = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                hint = p.getServerErrorMessage().getHint();
            }
        }
        return new MigrateException(ErrorCode.UPGRADE_FAILED, db + ": upgrade step failed and was rolled back; the database stays at "
                + MosipDatabase.mosipName(current) + ": " + describe(e),
                (hint != null ? hint + "; then " : "") + "fix the cause and run upgrade again (completed steps are not repeated)", e);
    }

    /** The innermost server message (with its detail), else the exception's own message. */
    static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                ServerErrorMessage m = p.getServerErrorMessage();
                return m.getMessage() + (m.getDetail() != null ? " (" + m.getDetail() + ")" : "")
                        + (m.getHint() != null ? " [fix: " + m.getHint() + "]" : "");
            }
            if (t instanceof MigrateException me) {
                return me.getMessage() + (me.hint() != null ? " [fix: " + me.hint() + "]" : "");
            }
        }
        String m = e.getMessage();
        return m == null ? e.toString() : m.lines().limit(6).reduce((a, b) -> a + " " + b).orElse(m);
    }
}
