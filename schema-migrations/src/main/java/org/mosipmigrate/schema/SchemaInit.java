package org.mosipmigrate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.run.Progress;

/**
 * {@code schema init}: creates MOSIP databases, their app roles and empty schemas of 1.1.5.5 (the packaged
 * baseline script, run by Flyway so the history starts at 1.1.5.5) or 1.2.0.1 (the fresh-install script,
 * then a Flyway baseline at the final version, so that {@code upgrade} finds nothing to do).
 */
public final class SchemaInit {
    private final TargetDatabases target;
    private final Progress progress;
    private final UpgradeSettings settings;

    public SchemaInit(TargetDatabases target, Progress progress) {
        this(target, UpgradeSettings.defaults(null), progress);
    }

    public SchemaInit(TargetDatabases target, UpgradeSettings settings, Progress progress) {
        this.target = target;
        this.settings = settings;
        this.progress = progress;
    }

    public record Created(String db, String version, List<String> tables) {
    }

    public List<Created> init(List<MosipDatabase> dbs, String version, boolean clean) {
        if (!version.equals("1.1.5.5") && !version.equals("1.2.0.1")) {
            throw new MigrateException(ErrorCode.USAGE, "schema init --version " + version + ": only 1.1.5.5 and 1.2.0.1 are known", null);
        }
        List<String> existing = new ArrayList<>();
        try (Connection c = target.open("postgres")) {
            for (MosipDatabase d : dbs) {
                if (version.equals("1.2.0.1") && !d.inV3()) {
                    throw new MigrateException(ErrorCode.USAGE, d.dbName() + " is not part of MOSIP 1.2.0.1", "leave it out of --databases");
                }
                if (SchemaUpgrader.exists(c, "SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(d.dbName()))) {
                    existing.add(d.dbName());
                }
            }
            if (!existing.isEmpty() && !clean) {
                throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, "databases already exist on the target: " + existing,
                        "schema init only creates new databases; pass --clean to drop and re-create them (their data is lost)");
            }
            try (Statement st = c.createStatement()) {
                for (MosipDatabase d : dbs) {
                    if (existing.contains(d.dbName())) {
                        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + Sql.literal(d.dbName())
                                + " AND pid <> pg_backend_pid()");
                        st.execute("DROP DATABASE " + Sql.ident(d.dbName()));
                        progress.info("dropped " + d.dbName() + " (--clean)");
                    }
                    if (!SchemaUpgrader.exists(c, "SELECT 1 FROM pg_roles WHERE rolname = " + Sql.literal(d.appRole()))) {
                        String pw = settings.newRolePassword();
                        st.execute("CREATE ROLE " + Sql.ident(d.appRole()) + (pw == null ? " NOLOGIN" : " LOGIN PASSWORD " + Sql.literal(pw)));
                    }
                    st.execute("CREATE DATABASE " + Sql.ident(d.dbName()) + " ENCODING 'UTF8' TEMPLATE template0");
                }
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "schema init: " + e.getMessage(), null, e);
        }
        List<Created> out = new ArrayList<>();
        for (MosipDatabase d : dbs) {
            out.add(createSchema(d, version));
        }
        return out;
    }

    /** Creates the schema of {@code version} in an existing, empty database. */
    public Created createSchema(MosipDatabase d, String version) {
        SchemaUpgrader up = new SchemaUpgrader(target, settings, progress);
        try (Connection c = target.open(d.dbName())) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA IF NOT EXISTS " + MosipDatabase.HISTORY_SCHEMA);
            }
            if (version.equals("1.1.5.5")) {
                up.flyway(d, MosipDatabase.BASELINE_VERSION).migrate();
            } else {
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute(SchemaUpgrader.resource("fresh/" + d.dbName() + "/1.2.0.1.sql"));
                }
                c.commit();
                c.setAutoCommit(true);
                up.flyway(d, MosipDatabase.FINAL_VERSION, MosipDatabase.FINAL_VERSION, "fresh MOSIP 1.2.0.1 schema (schema init)").baseline();
                MosipComments.apply(c, d);
            }
            SessionFunctions.install(c);
            try (Statement st = c.createStatement()) {
                st.execute("SELECT pg_temp.mm_reset_ownership(" + Sql.literal(d.schema()) + ", " + Sql.literal(d.appRole()) + ", "
                        + Sql.literal(d.appPrivileges()) + ")");
            }
            List<String> tables = new ArrayList<>();
            try (var rs = c.createStatement().executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = " + Sql.literal(d.schema())
                    + " ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            progress.info(d.dbName() + ": schema " + d.schema() + " " + version + " created (" + tables.size() + " tables)");
            return new Created(d.dbName(), version, tables);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, d.dbName() + ": schema init failed: " + e.getMessage(), null, e);
        }
    }
}
