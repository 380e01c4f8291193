package org.mosipmigrate.copy.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mosipmigrate.backup.pg.CopyOutSource;
import org.mosipmigrate.backup.pg.RolesReader;
import org.mosipmigrate.backup.pg.SchemaDumper;
import org.mosipmigrate.backup.pg.SnapshotSession;
import org.mosipmigrate.backup.pg.SourcePlan;
import org.mosipmigrate.backup.pg.SourcePlan.ChunkPlan;
import org.mosipmigrate.backup.pg.SourcePlan.DatabasePlan;
import org.mosipmigrate.backup.pg.SourcePlan.TablePlan;
import org.mosipmigrate.backup.pg.SourcePlanner;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.ledger.Ledger;
import org.mosipmigrate.core.ledger.LedgerEntry;
import org.mosipmigrate.core.ledger.ShardLedgers;
import org.mosipmigrate.core.pg.ConnectionPool;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.core.run.ShardWait;
import org.mosipmigrate.core.run.ProgressEvent;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.restore.pg.RestoreResult;
import org.mosipmigrate.restore.pg.TargetLoader;
import org.postgresql.copy.CopyOut;

/**
 * Direct copy: the same result as backup + restore, with each chunk streamed from the source's COPY OUT
 * into the target's COPY IN (no data files). The state directory keeps the frozen plan, the schema
 * dumps and the ledger, so a killed copy resumes like a restore.
 */
public final class DatabaseCopy {

    private final MigrationConfig cfg;
    private final PgConnector source;
    private final PgConnector target;
    private final PgTools tools;
    private final TargetLoader loader;
    /** The phase name of copy's progress events (one phase per database). */
    public static final String PHASE = "copy";
    private final Progress progress;
    private final Path state;
    private final Shard shard;

    public DatabaseCopy(MigrationConfig cfg, Map<String, String> env, Progress progress) {
        this(cfg, env, progress, Shard.ALL);
    }

    /**
     * With a shard other than {@link Shard#ALL}: shard 0 freezes the plan, applies the roles, prepares each target
     * database and its pre-data; every shard copies the chunks it owns under its own snapshot. Sequences, post-data
     * and ANALYZE are left to the unsharded copy after merge-ledgers.
     */
    public DatabaseCopy(MigrationConfig cfg, Map<String, String> env, Progress progress, Shard shard) {
        if (cfg.source() == null || cfg.target() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": copy needs both source.postgres and target.postgres", null);
        }
        if (cfg.source().sameServerAs(cfg.target())) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": source and target point at the same server "
                    + cfg.source().host() + ":" + cfg.source().port(), "the target must be a different PostgreSQL server");
        }
        this.cfg = cfg;
        this.source = new PgConnector(cfg.source(), env);
        this.target = new PgConnector(cfg.target(), env);
        this.tools = new PgTools(cfg.pgBinDir());
        this.progress = progress;
        this.loader = new TargetLoader(target, tools, progress, cfg.parallelism());
        this.state = cfg.copyStateDir();
        this.shard = shard;
    }

    private Path mainLedger() {
        return state.resolve("ledger/copy-" + SafePaths.sanitize(target.endpoint().host()) + "-" + target.endpoint().port() + ".jsonl");
    }

    /** merge-ledgers for this target: the shards' copy ledgers into the main one, every chunk of the frozen plan exactly once; null when none waits. */
    public ShardLedgers.Merged mergeShards() {
        if (ShardLedgers.find(mainLedger()).isEmpty()) {
            return null;
        }
        if (!Files.exists(state.resolve("copy-plan.json"))) {
            throw new MigrateException(ErrorCode.RUNTIME, state.resolve("copy-plan.json") + " is missing, so the shard ledgers beside "
                    + mainLedger() + " cannot be checked against their plan", "move those shard ledgers aside and copy again");
        }
        SourcePlan plan = plan();
        List<String> chunks = plan.databases().stream().flatMap(d -> d.tables().stream()).flatMap(t -> t.chunks().stream()).map(ChunkPlan::id).toList();
        return ShardLedgers.merge(mainLedger(), plan.runId(), "copy", chunks, Shard::ownerOf);
    }

    private static List<String> ownedChunks(DatabasePlan db, Shard shard) {
        return db.tables().stream().flatMap(t -> t.chunks().stream()).map(ChunkPlan::id).filter(shard::owns).toList();
    }

    public SourcePlan plan() {
        return SourcePlanner.frozenOrNew(state.resolve("copy-plan.json"), cfg, source, ErrorCode.RUNTIME, "delete the state directory to start over");
    }

    public String render(SourcePlan plan) {
        StringBuilder sb = new StringBuilder(plan.render());
        for (DatabasePlan db : plan.databases()) {
            sb.append(String.format("  target %-28s %s%n", db.name(), loader.inspect(db.name(), plan.runId())));
        }
        return sb.toString();
    }

    /** {@code plan} may be null for a shard other than 0: it runs shard 0's frozen plan, waiting for it. */
    public RestoreResult execute(SourcePlan plan, boolean clean) {
        long t0 = System.nanoTime();
        if (shard.isSharded() && !shard.isFirst()) {
            ShardWait.until(() -> Files.exists(state.resolve("copy-plan.json")), shard, "the frozen copy plan " + state.resolve("copy-plan.json"), progress);
            plan = plan();
        }
        loader.requireNotOlderThan(plan.serverVersionNum(), "copy");
        SchemaDumper dumper = new SchemaDumper(tools, source);
        dumper.checkVersion(plan.serverVersionNum());
        if (!shard.isSharded()) {
            ShardLedgers.requireNoneWaiting(mainLedger(), "copy");
        }
        AtomicLong loaded = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        try {
            org.mosipmigrate.core.set.PrivateFiles.createDirectories(state);
            if (!Files.exists(state.resolve("copy-plan.json")) && shard.isFirst()) {
                Json.writeAtomically(state.resolve("copy-plan.json"), plan);
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write state directory " + state + ": " + e.getMessage(), null, e);
        }
        Map<String, LedgerEntry> copiedBefore = readLast(mainLedger());
        try (Ledger ledger = Ledger.open(shard.fileBeside(mainLedger()))) {
            if (shard.isSharded()) {
                ShardLedgers.begin(ledger, shard, plan.runId());
            }
            if (shard.isFirst()) {
                try (Connection c = source.open("postgres")) {
                    loader.applyRoles(RolesReader.read(c));
                } catch (SQLException e) {
                    throw source.classify(e, "postgres");
                }
            }
            for (DatabasePlan db : plan.databases()) {
                String doneStep = "db/" + db.name() + "/copied";
                TargetLoader.TargetState ts = loader.inspect(db.name(), plan.runId());
                LedgerEntry before = copiedBefore.get(doneStep);
                if (TargetLoader.finishedBefore(before, ts, clean)) {
                    loader.skipFinished(db.name(), plan.runId(), shard, ledger, ownedChunks(db, shard), "copied");
                    continue;
                }
                copyDatabase(plan.runId(), db, dumper, clean, ledger, loaded, skipped, rows);
                if (shard.isSharded()) {
                    continue;
                }
                // ledger first: a kill between the two leaves markers that the next run only has to drop
                ledger.done(doneStep, Map.of());
                loader.release(db.name());
                progress.info("database " + db.name() + ": copied");
            }
            if (shard.isSharded()) {
                ShardLedgers.finish(ledger, shard, plan.runId(), loaded.get() + skipped.get());
            }
        }
        if (shard.isSharded()) {
            progress.info("copy shard " + shard.label() + " finished; when every shard has, run merge-ledgers, then copy without --shard");
            return new RestoreResult(plan.runId(), plan.databases().size(), loaded.get(), skipped.get(), rows.get(), (System.nanoTime() - t0) / 1e9);
        }
        try {
            // the next copy plans afresh; the ledger keeps which databases are done
            Files.deleteIfExists(state.resolve("copy-plan.json"));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot remove " + state.resolve("copy-plan.json") + ": " + e.getMessage(), null, e);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.info(String.format("copy complete: %,d chunks (%,d already there), %,d rows in %.1fs", loaded.get(), skipped.get(), rows.get(), secs));
        return new RestoreResult(plan.runId(), plan.databases().size(), loaded.get(), skipped.get(), rows.get(), secs);
    }

    private static Map<String, LedgerEntry> readLast(Path ledger) {
        try {
            return Ledger.readLast(ledger);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read ledger " + ledger + ": " + e.getMessage(), null, e);
        }
    }

    private void copyDatabase(String runId, DatabasePlan db, SchemaDumper dumper, boolean clean, Ledger ledger, AtomicLong loaded,
                              AtomicLong skipped, AtomicLong rows) {
        if (shard.isFirst()) {
            List<String> databaseSql;
            try (Connection c = source.open(db.name())) {
                databaseSql = PgCatalog.databaseLevelSql(c, db.name());
            } catch (SQLException e) {
                throw source.classify(e, db.name());
            }
            loader.prepare(db.name(), db.info().owner(), db.info().encoding(), db.info().collate(), db.info().ctype(), databaseSql, runId, clean);
        } else {
            loader.awaitPreData(db.name(), runId, shard);
        }
        Path schema = SafePaths.resolveIn(state, db.schemaFile());
        try (SnapshotSession snap = new SnapshotSession(source, db.name());
             ConnectionPool sourcePool = new ConnectionPool(() -> snap.join(source, db.name()));
             ConnectionPool targetPool = loader.pool(db.name())) {
            if (shard.isFirst()) {
                dumper.dump(db.name(), snap.id(), schema);
                loader.applyPreData(db.name(), schema);
            }
            loader.loadUntilEveryChunkMarked(db.name(), PHASE, shard, already -> chunkTasks(db, sourcePool, targetPool, already, ledger, loaded, rows),
                    skipped, rows);
            if (shard.isSharded()) {
                // sequences, post-data and ANALYZE once every shard has loaded: the unsharded copy after merge-ledgers
                ShardLedgers.recordDone(ledger, ownedChunks(db, shard), Map.of("already", "loaded"));
                return;
            }
            List<Manifest.SequenceEntry> sequences = sourcePool.with(c -> PgCatalog.listSequences(c)).stream()
                    .map(s -> new Manifest.SequenceEntry(s.schema(), s.name(), s.lastValue(), s.isCalled())).toList();
            loader.applyPostData(db.name(), schema);
            loader.finishData(db.name(), sequences);
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, "copy of database " + db.name() + " failed: " + e.getMessage(),
                    "fix the cause and run the same command again: copied chunks are kept", e);
        }
    }

    /** One task per chunk this shard owns that has no marker in the target yet. */
    private List<Workers.Task> chunkTasks(DatabasePlan db, ConnectionPool sourcePool, ConnectionPool targetPool, Set<String> already, Ledger ledger,
                                          AtomicLong loaded, AtomicLong rows) {
        List<Workers.Task> tasks = new ArrayList<>();
        for (TablePlan t : db.tables()) {
            for (ChunkPlan ch : t.chunks()) {
                if (already.contains(ch.id()) || !shard.owns(ch.id())) {
                    continue;
                }
                tasks.add(() -> {
                    long[] sent = {-1}; // rows the source sent; the loader compares COPY IN's count before commit
                    long n = sourcePool.with(src -> loader.loadChunk(targetPool, ch.id(), t.table().schema(), t.table().name(),
                            t.table().columnNames(), t.table().copyFormat(), () -> sent[0], in -> sent[0] = pipe(src, t, ch, in)));
                    if (shard.isSharded()) {
                        ledger.done(ch.id(), Map.of("rows", n));
                    }
                    loaded.incrementAndGet();
                    rows.addAndGet(n);
                    progress.event(ProgressEvent.chunk(PHASE, db.name(), t.table().qualifiedName(), ch.id(), n, 0));
                });
            }
        }
        return tasks;
    }

    /** Streams one chunk from the source's COPY OUT into the target's COPY IN; returns the rows sent. */
    private static long pipe(Connection src, TablePlan t, ChunkPlan ch, org.postgresql.copy.CopyIn in) throws Exception {
        CopyOut out = CopyOutSource.open(src, t.table(), ch);
        try {
            byte[] buf;
            org.mosipmigrate.core.run.Throttle throttle = org.mosipmigrate.core.run.Throttle.source();
            while ((buf = out.readFromCopy()) != null) {
                throttle.bytes(buf.length);
                in.writeToCopy(buf, 0, buf.length);
            }
            in.flushCopy();
            return out.getHandledRowCount();
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
    }
}
