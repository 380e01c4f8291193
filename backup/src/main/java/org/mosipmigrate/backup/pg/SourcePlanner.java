package org.mosipmigrate.backup.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mosipmigrate.backup.pg.SourcePlan.ChunkPlan;
import org.mosipmigrate.backup.pg.SourcePlan.DatabasePlan;
import org.mosipmigrate.backup.pg.SourcePlan.TablePlan;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.PgCatalog.TableInfo;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.set.SafePaths;

/** Reads the source catalogs (read-only) and decides databases, tables and chunk ranges. */
public final class SourcePlanner {
    private SourcePlanner() {
    }

    public static SourcePlan plan(MigrationConfig cfg, PgConnector source) {
        List<String> names;
        int version;
        try (Connection c = source.open("postgres")) {
            version = PgCatalog.serverVersionNum(c);
            names = cfg.source().databases() != null ? cfg.source().databases() : PgCatalog.listDatabases(c);
        } catch (SQLException e) {
            throw source.classify(e, "postgres");
        }
        if (names.isEmpty()) {
            throw new MigrateException(ErrorCode.CONFIG, "the source has no databases to move",
                    "list them in source.postgres.databases");
        }
        List<DatabasePlan> dbs = new ArrayList<>();
        int i = 0;
        for (String db : names) {
            dbs.add(planDatabase(cfg, source, db, String.format("db/%03d-%s", ++i, SafePaths.sanitize(db))));
        }
        return new SourcePlan(UUID.randomUUID().toString(), Instant.now().toString(), source.endpoint().host(),
                source.endpoint().port(), version, cfg.source().databases(), cfg.chunkBytes(), dbs);
    }

    /**
     * The plan a run started earlier froze in {@code frozen} (checked against the config), else a new one read from
     * the source. Resume is this: the same plan again, and the ledger says which of its steps are done.
     */
    public static SourcePlan frozenOrNew(java.nio.file.Path frozen, MigrationConfig cfg, PgConnector source, ErrorCode unreadable, String startOver) {
        if (java.nio.file.Files.exists(frozen)) {
            try {
                return checkFrozen(org.mosipmigrate.core.json.Json.MAPPER.readValue(frozen.toFile(), SourcePlan.class), cfg, frozen);
            } catch (java.io.IOException e) {
                throw new MigrateException(unreadable, frozen + " cannot be read: " + e.getMessage(), startOver, e);
            }
        }
        return plan(cfg, source);
    }

    /** A resumed run must read what the first run planned: refuse when the config now asks for something else. */
    public static SourcePlan checkFrozen(SourcePlan plan, MigrationConfig cfg, java.nio.file.Path planFile) {
        var src = cfg.source();
        boolean same = plan.sourceHost().equals(src.host()) && plan.sourcePort() == src.port()
                && java.util.Objects.equals(plan.requestedDatabases(), src.databases()) && plan.chunkBytes() == cfg.chunkBytes();
        if (!same) {
            throw new MigrateException(ErrorCode.CONFIG, planFile + " was planned for source " + plan.sourceHost() + ":" + plan.sourcePort()
                    + " databases " + (plan.requestedDatabases() == null ? "(all)" : plan.requestedDatabases()) + " chunkSize " + plan.chunkBytes()
                    + "; the config now says " + src.host() + ":" + src.port() + " " + (src.databases() == null ? "(all)" : src.databases())
                    + " chunkSize " + cfg.chunkBytes(),
                    "resume with the original config, or use a new backupSet/stateDir directory for a new run");
        }
        return plan;
    }

    private static DatabasePlan planDatabase(MigrationConfig cfg, PgConnector source, String db, String dir) {
        try (Connection c = source.open(db)) {
            var info = PgCatalog.describeDatabase(c, db);
            List<TablePlan> tables = new ArrayList<>();
            int t = 0;
            for (TableInfo table : PgCatalog.listTables(c)) {
                String tdir = String.format("%s/data/%05d-%s", dir, ++t, SafePaths.sanitize(table.qualifiedName()));
                List<String> predicates = ChunkSplitter.predicates(c, info.serverVersionNum(), table, cfg.chunkBytes());
                List<ChunkPlan> chunks = new ArrayList<>();
                for (int k = 0; k < predicates.size(); k++) {
                    chunks.add(new ChunkPlan("db/" + db + "/table/" + Sql.qualified(table.schema(), table.name()) + "/chunk/" + String.format("%04d", k),
                            predicates.get(k), String.format("%s/%04d.copy.zst", tdir, k)));
                }
                tables.add(new TablePlan(table, chunks));
            }
            return new DatabasePlan(info, dir, tables);
        } catch (SQLException e) {
            throw source.classify(e, db);
        }
    }
}
