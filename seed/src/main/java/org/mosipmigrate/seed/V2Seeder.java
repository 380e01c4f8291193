package org.mosipmigrate.seed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Workers;

/**
 * The database part of {@code seed-v2}: a synthetic MOSIP 1.1.5.5 cluster on the configured V2 server. Every
 * database is built by {@link V2Cluster} with {@link RealisticValues}, plus the V2 PMS seed rows, plus the planted
 * defects when asked. Each database it creates carries a comment naming seed-v2; {@code --clean} drops only such
 * databases, so that a config pointing at a real V2 server can never lose a real database.
 */
public final class V2Seeder {
    /** The 13 databases of a V2 install that mosip-migrate moves (mosip_iam and mosip_websub are not moved). */
    public static final List<String> DEFAULT_DATABASES = List.of(
            "mosip_audit", "mosip_authdevice", "mosip_credential", "mosip_ida", "mosip_idmap", "mosip_idrepo", "mosip_kernel",
            "mosip_keymgr", "mosip_master", "mosip_pms", "mosip_prereg", "mosip_regdevice", "mosip_regprc");

    /** The comment on each database seed-v2 made; --clean drops a database only when it carries it. */
    public static final String MARKER = "synthetic MOSIP 1.1.5.5 data made by mosip-migrate seed-v2";

    public record Plan(List<String> databases, int residents, long seed, boolean defects, boolean clean, List<String> replaced,
                       long plannedRows) {
        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("seed-v2: %,d residents, seed %d%s: %d databases, %,d rows%n", residents, seed,
                    defects ? ", with the runbook's defects" : "", databases.size(), plannedRows));
            for (String db : databases) {
                sb.append(String.format("  %-18s %,12d rows%s%n", db, rowsOf(db, residents),
                        replaced.contains(db) ? "  (drops the existing seed-v2 database first)" : ""));
            }
            return sb.toString();
        }
    }

    public record DbResult(String db, long rows, long millis) {
    }

    public record Result(List<DbResult> databases, List<PlantedDefects.Defect> planted, long millis) {
    }

    private final V2Cluster.Server server;
    private final Progress progress;

    public V2Seeder(V2Cluster.Server server, Progress progress) {
        this.server = server;
        this.progress = progress;
    }

    /** Checks the databases and what exists; only reads. */
    public Plan plan(List<String> databases, int residents, long seed, boolean defects, boolean clean) {
        if (residents < 1) {
            throw new MigrateException(ErrorCode.USAGE, "--residents must be at least 1 (got " + residents + ")", null);
        }
        List<String> dbs = databases == null || databases.isEmpty() ? DEFAULT_DATABASES : List.copyOf(databases);
        for (String db : dbs) {
            if (!MosipCatalog.v2Databases().contains(db)) {
                throw new MigrateException(ErrorCode.CONFIG, db + " is not a MOSIP 1.1.5.5 database", "seed-v2 knows " + MosipCatalog.v2Databases()
                        + "; fix source.postgres.databases");
            }
        }
        List<String> replaced = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        try (Connection c = server.open("postgres"); Statement st = c.createStatement()) {
            for (String db : dbs) {
                try (ResultSet rs = st.executeQuery("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = " + Sql.literal(db))) {
                    if (rs.next()) {
                        (MARKER.equals(rs.getString(1)) ? replaced : foreign).add(db);
                    }
                }
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.SOURCE_UNREACHABLE, "seed-v2: cannot read the database list of the source server: " + e.getMessage(), null, e);
        }
        if (!foreign.isEmpty()) {
            throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, "seed-v2: the source server already has databases that seed-v2 did not make: " + foreign,
                    "seed-v2 only writes synthetic data into a throwaway V2 server; it never drops a database it did not create. "
                            + "Point source.postgres at an empty server, or drop these databases yourself");
        }
        if (!replaced.isEmpty() && !clean) {
            throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, "seed-v2: databases from an earlier seed-v2 run exist: " + replaced,
                    "pass --clean to drop and re-create them");
        }
        long rows = dbs.stream().mapToLong(db -> rowsOf(db, residents)).sum();
        return new Plan(dbs, residents, seed, defects, clean, replaced, rows);
    }

    private static long rowsOf(String db, int residents) {
        return V2Cluster.plannedRowCounts(db, residents).values().stream().mapToLong(Long::longValue).sum();
    }

    public Result execute(Plan plan, int parallelism) {
        long start = System.nanoTime();
        List<DbResult> done = Collections.synchronizedList(new ArrayList<>());
        try {
            V2Cluster.createCommonRoles(server, null);
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: cannot create the V2 roles: " + e.getMessage(), null, e);
        }
        List<Workers.Task> tasks = new ArrayList<>();
        // biggest first, so that the last worker does not start the longest database
        List<String> order = new ArrayList<>(plan.databases());
        order.sort((a, b) -> Long.compare(rowsOf(b, plan.residents()), rowsOf(a, plan.residents())));
        for (String db : order) {
            tasks.add(() -> done.add(seedOne(db, plan)));
        }
        Workers.runAll(parallelism, "seed-v2", tasks);
        List<DbResult> sorted = new ArrayList<>(done);
        sorted.sort((a, b) -> a.db().compareTo(b.db()));
        List<PlantedDefects.Defect> planted = plan.defects()
                ? PlantedDefects.ALL.stream().filter(d -> plan.databases().contains(d.db())).toList() : List.of();
        return new Result(sorted, planted, (System.nanoTime() - start) / 1_000_000);
    }

    private DbResult seedOne(String db, Plan plan) throws SQLException {
        long t0 = System.nanoTime();
        V2Cluster.dropIfExists(server, db);
        // authdevice/regdevice come from another source than pms in V2; the upgrade folds them into pms
        long seed = db.equals("mosip_authdevice") || db.equals("mosip_regdevice") ? plan.seed() + 1 : plan.seed();
        Map<String, Long> rows = V2Cluster.createDatabase(server, db, new V2Cluster.Options(plan.residents(), seed, null, new RealisticValues(), MARKER), c -> {
            if (db.equals("mosip_pms")) {
                PmsSeedRows.load(c, "datashare.datashare");
            }
            if (plan.defects()) {
                PlantedDefects.plant(c, db);
            }
        });
        long total = rows.values().stream().mapToLong(Long::longValue).sum();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        progress.info(String.format("seed-v2: %s: %,d rows in %.1f s", db, total, ms / 1000.0));
        return new DbResult(db, total, ms);
    }
}
