package org.mosipmigrate.backup.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.mosipmigrate.backup.pg.SourcePlan.ChunkPlan;
import org.mosipmigrate.backup.pg.SourcePlan.DatabasePlan;
import org.mosipmigrate.backup.pg.SourcePlan.TablePlan;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.ledger.Ledger;
import org.mosipmigrate.core.ledger.LedgerEntry;
import org.mosipmigrate.core.pg.ConnectionPool;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.core.pg.SchemaCensus;
import org.mosipmigrate.core.pg.TableFingerprint;
import org.mosipmigrate.core.ledger.ShardLedgers;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.core.run.ShardWait;
import org.mosipmigrate.core.run.ProgressEvent;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.core.set.SetSpool;

/**
 * Backup of PostgreSQL databases into a backup set. plan() computes (or, on resume, reloads) the frozen
 * plan; execute() runs every step the ledger does not list as DONE and writes the manifest last.
 */
public final class BackupService {
    public static final String PLAN_FILE = "plan.json";
    public static final String LEDGER_FILE = "ledger/backup.jsonl";
    static final String ROLES_STEP = "globals/roles";
    static final String ROLES_FILE = "globals/roles.json";
    /** The phase name of backup's progress events (one phase per database). */
    public static final String PHASE = "backup";

    private final MigrationConfig cfg;
    private final Path set;
    private final PgConnector source;
    private final Progress progress;
    private final BackupKey key;
    private final Shard shard;
    private final SetSpool spool;

    public BackupService(MigrationConfig cfg, Map<String, String> env, Progress progress) {
        this(cfg, env, progress, Shard.ALL);
    }

    public BackupService(MigrationConfig cfg, Map<String, String> env, Progress progress, Shard shard) {
        this(cfg, env, progress, shard, cfg.backupSet() == null ? null : SetSpool.local(cfg.backupSet()));
    }

    /** {@code spool}: where finished chunks and schema dumps go (for a set on S3: uploaded, then removed here). */
    public BackupService(MigrationConfig cfg, Map<String, String> env, Progress progress, SetSpool spool) {
        this(cfg, env, progress, Shard.ALL, spool);
    }

    /**
     * With a shard other than {@link Shard#ALL}: shard 0 plans, freezes the plan and does the roles, schema and
     * meta steps; every shard writes the chunks and fingerprints it owns into its own ledger. No shard writes the
     * manifest: merge-ledgers, then an unsharded run, does (docs/architecture.md, "Sharding").
     */
    public BackupService(MigrationConfig cfg, Map<String, String> env, Progress progress, Shard shard, SetSpool spool) {
        if (cfg.backupSet() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": key 'backupSet' is required for backup", "set backupSet to a directory");
        }
        if (cfg.source() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": section 'source.postgres' is required for backup", null);
        }
        this.cfg = cfg;
        this.set = cfg.backupSet();
        this.source = new PgConnector(cfg.source(), env);
        this.progress = progress;
        this.key = cfg.encryption().load(env).orElse(null);
        this.shard = shard;
        this.spool = spool;
    }

    /** The plan of this backup set: the frozen one when a previous run started it, else a new one. */
    public SourcePlan plan() {
        return SourcePlanner.frozenOrNew(set.resolve(PLAN_FILE), cfg, source, ErrorCode.BACKUP_SET_CORRUPT, "move the backup set aside and start a new one");
    }

    public boolean isPlanFrozen() {
        return Files.exists(set.resolve(PLAN_FILE));
    }

    public boolean isComplete() {
        return ManifestStore.exists(set);
    }

    /** {@code plan} may be null for a shard other than 0: it runs shard 0's frozen plan, waiting for it. */
    public BackupResult execute(SourcePlan plan) {
        long t0 = System.nanoTime();
        if (isComplete()) {
            Manifest m = ManifestStore.read(set, key);
            progress.info("backup set " + set + " is already complete (run " + m.runId() + "); nothing to do");
            return new BackupResult(m.runId(), set.toString(), m.databases().size(), 0, 0, 0, 0, 0, 0, 0, true);
        }
        Path mainLedger = set.resolve(LEDGER_FILE);
        if (!shard.isSharded()) {
            ShardLedgers.requireNoneWaiting(mainLedger, "backup");
        } else if (Files.exists(mainLedger) && fileSize(mainLedger) > 0) {
            throw new MigrateException(ErrorCode.USAGE, "backup --shard " + shard.label() + ": " + mainLedger + " exists: this backup set was started"
                    + " without --shard or its shards are already merged", "finish it with `backup` (no --shard), or start a new backup set");
        }
        if (shard.isSharded() && !shard.isFirst()) {
            ShardWait.until(() -> Files.exists(set.resolve(PLAN_FILE)), shard, "the frozen plan " + set.resolve(PLAN_FILE), progress);
            plan = plan();
        }
        try {
            org.mosipmigrate.core.set.PrivateFiles.createDirectories(set);
            if (!Files.exists(set.resolve(PLAN_FILE)) && shard.isFirst()) {
                Json.writeAtomically(set.resolve(PLAN_FILE), plan);
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write to backup set " + set + ": " + e.getMessage(), "check the path and free space", e);
        }
        SchemaDumper dumper = new SchemaDumper(new PgTools(cfg.pgBinDir()), source);
        dumper.checkVersion(plan.serverVersionNum());
        Counters counters = new Counters();
        try (Ledger ledger = Ledger.open(shard.fileBeside(mainLedger))) {
            if (shard.isSharded()) {
                ShardLedgers.begin(ledger, shard, plan.runId());
            }
            if (shard.isFirst()) {
                backupRoles(ledger);
            }
            for (DatabasePlan db : plan.databases()) {
                backupDatabase(db, ledger, dumper, counters);
            }
            if (shard.isSharded()) {
                ShardLedgers.finish(ledger, shard, plan.runId(), counters.written.get() + counters.skipped.get());
                progress.info("backup shard " + shard.label() + " finished; when every shard has, run merge-ledgers, then backup without --shard");
            } else {
                Manifest manifest = ManifestBuilder.build(plan, set, ledger, cfg.fingerprintAtBackup(), key);
                ManifestStore.write(set, manifest, key);
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.info(String.format("backup complete: %,d chunks written (%,d already done), %,d rows, %s raw -> %s stored in %.1fs",
                counters.written.get(), counters.skipped.get(), counters.rows.get(), org.mosipmigrate.core.text.Sizes.human(counters.raw.get()),
                org.mosipmigrate.core.text.Sizes.human(counters.stored.get()), secs));
        return new BackupResult(plan.runId(), set.toString(), plan.databases().size(),
                plan.databases().stream().mapToInt(d -> d.tables().size()).sum(), counters.written.get(), counters.skipped.get(),
                counters.rows.get(), counters.raw.get(), counters.stored.get(), secs, false);
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** Chunks and fingerprints are dealt out by hash; the roles, schema and meta steps belong to shard 0. */
    public static int ownerOf(String step, int shards) {
        return step.contains("/chunk/") || step.endsWith("/fingerprint") ? Shard.ownerOf(step, shards) : 0;
    }

    /** Every step a complete backup of {@code plan} has done, in plan order. */
    public static List<String> steps(SourcePlan plan, boolean fingerprints) {
        List<String> steps = new ArrayList<>(List.of(ROLES_STEP));
        for (DatabasePlan db : plan.databases()) {
            steps.add("db/" + db.name() + "/schema");
            steps.add("db/" + db.name() + "/meta");
            for (TablePlan t : db.tables()) {
                t.chunks().forEach(ch -> steps.add(ch.id()));
                if (fingerprints) {
                    steps.add(t.fingerprintStep(db.name()));
                }
            }
        }
        return steps;
    }

    /** merge-ledgers for this backup set: the shards' ledgers into ledger/backup.jsonl, every step exactly once; null when none waits. */
    public ShardLedgers.Merged mergeShards() {
        if (ShardLedgers.find(set.resolve(LEDGER_FILE)).isEmpty()) {
            return null;
        }
        if (!Files.exists(set.resolve(PLAN_FILE))) {
            throw new MigrateException(ErrorCode.RUNTIME, "backup set " + set + " has no " + PLAN_FILE + ": no sharded backup ran into it",
                    "run `backup --shard I/N` for every I first");
        }
        SourcePlan plan = plan();
        return ShardLedgers.merge(set.resolve(LEDGER_FILE), plan.runId(), "backup", steps(plan, cfg.fingerprintAtBackup()), BackupService::ownerOf);
    }

    private void backupRoles(Ledger ledger) {
        if (ledger.isDone(ROLES_STEP)) {
            return;
        }
        try (Connection c = source.open("postgres")) {
            Json.writeAtomically(set.resolve(ROLES_FILE), RolesReader.read(c));
            ledger.done(ROLES_STEP, Map.of("file", ROLES_FILE));
        } catch (SQLException e) {
            throw source.classify(e, "postgres");
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + ROLES_FILE + ": " + e.getMessage(), null, e);
        }
    }

    private void backupDatabase(DatabasePlan db, Ledger ledger, SchemaDumper dumper, Counters counters) {
        String schemaStep = "db/" + db.name() + "/schema";
        String metaStep = "db/" + db.name() + "/meta";
        List<Workers.Task> tasks = new ArrayList<>();
        List<ChunkPlan> pending = new ArrayList<>();
        for (TablePlan t : db.tables()) {
            for (ChunkPlan ch : t.chunks()) {
                if (!shard.owns(ch.id())) {
                    continue;
                }
                if (ledger.isDone(ch.id()) && spool.present(ch.file())) {
                    counters.skipped.incrementAndGet();
                } else {
                    pending.add(ch);
                }
            }
        }
        boolean fingerprintsPending = cfg.fingerprintAtBackup()
                && db.tables().stream().anyMatch(t -> shard.owns(t.fingerprintStep(db.name())) && !ledger.isDone(t.fingerprintStep(db.name())));
        boolean oncePending = shard.isFirst() && !(ledger.isDone(schemaStep) && ledger.isDone(metaStep));
        if (!oncePending && pending.isEmpty() && !fingerprintsPending) {
            progress.info("database " + db.name() + ": already backed up");
            return;
        }
        progress.info("database " + db.name() + ": " + pending.size() + " chunk(s) to write");
        long dbStart = System.nanoTime();
        long rowsBefore = counters.rows.get();
        long bytesBefore = counters.stored.get();
        progress.event(ProgressEvent.phaseStart(PHASE, db.name(), (long) pending.size(), "chunk"));
        if (counters.skipped.get() > 0 || ledger.isDone(schemaStep)) {
            progress.info("warning: database " + db.name() + " resumes under a new snapshot; the set is consistent per chunk, "
                    + "and point-in-time consistent only if the source was not written meanwhile (the manifest lists every snapshot used)");
        }
        try (SnapshotSession snap = new SnapshotSession(source, db.name());
             ConnectionPool pool = new ConnectionPool(() -> snap.join(source, db.name()))) {
            if (shard.isFirst() && !ledger.isDone(schemaStep)) {
                String name = key == null ? db.schemaFile() : db.schemaFile() + ".zst.enc";
                Path file = SafePaths.resolveIn(set, name);
                if (key == null) {
                    dumper.dump(db.name(), snap.id(), file);
                } else {
                    // the DDL is encrypted like the data; the clear dump never stays in the set
                    Path clear = SafePaths.resolveIn(set, db.schemaFile() + ".clear");
                    try {
                        dumper.dump(db.name(), snap.id(), clear);
                        ChunkFiles.write(file, cfg.compressionLevel(), key, out -> Files.copy(clear, out));
                    } finally {
                        Files.deleteIfExists(clear);
                    }
                }
                ledger.done(schemaStep, Map.of("file", name, "bytes", Files.size(file), "sha256", ChunkFiles.sha256Of(file), "snapshot", snap.id()));
                spool.finished(name);
            }
            if (shard.isFirst() && !ledger.isDone(metaStep)) {
                pool.with(c -> {
                    DatabaseMeta meta = new DatabaseMeta(snap.id(), SchemaCensus.take(c), PgCatalog.listSequences(c),
                            PgCatalog.databaseLevelSql(c, db.name()));
                    Json.writeAtomically(SafePaths.resolveIn(set, db.metaFile()), meta);
                    return null;
                });
                ledger.done(metaStep, Map.of("file", db.metaFile(), "snapshot", snap.id()));
            }
            for (TablePlan t : db.tables()) {
                for (ChunkPlan ch : t.chunks()) {
                    if (pending.contains(ch)) {
                        tasks.add(() -> writeChunk(pool, db.name(), t, ch, snap.id(), ledger, counters));
                    }
                }
                if (cfg.fingerprintAtBackup() && shard.owns(t.fingerprintStep(db.name())) && !ledger.isDone(t.fingerprintStep(db.name()))) {
                    tasks.add(() -> fingerprint(pool, db.name(), t, snap.id(), ledger));
                }
            }
            Workers.runAll(cfg.parallelism(), "backup-" + db.name(), tasks);
            progress.event(ProgressEvent.phaseEnd(PHASE, db.name(), pending.size(), counters.rows.get() - rowsBefore,
                    counters.stored.get() - bytesBefore, (System.nanoTime() - dbStart) / 1e9));
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, "backup of database " + db.name() + " failed: " + e.getMessage(),
                    "fix the cause and run the same command again: finished chunks are kept", e);
        }
    }

    private void writeChunk(ConnectionPool pool, String db, TablePlan t, ChunkPlan ch, String snapshot, Ledger ledger, Counters counters) throws Exception {
        Path file = SafePaths.resolveIn(set, ch.file());
        ChunkFiles.Result<Long> r;
        try {
            r = pool.with(c -> ChunkFiles.write(file, cfg.compressionLevel(), key, out -> CopyOutSource.copyTo(c, t.table(), ch, out)));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write chunk " + ch.id() + " to " + file + ": " + e.getMessage(),
                    "check free disk space in the backup set; the partial chunk was discarded and a re-run resumes", e);
        }
        Map<String, Object> detail = new HashMap<>();
        detail.put("rows", r.value());
        detail.put("rawBytes", r.file().rawBytes());
        detail.put("bytes", r.file().bytes());
        detail.put("sha256", r.file().sha256());
        detail.put("snapshot", snapshot);
        ledger.done(ch.id(), detail);
        spool.finished(ch.file());
        counters.written.incrementAndGet();
        counters.rows.addAndGet(r.value());
        counters.raw.addAndGet(r.file().rawBytes());
        counters.stored.addAndGet(r.file().bytes());
        progress.event(ProgressEvent.chunk(PHASE, db, t.table().qualifiedName(), ch.id(), r.value(), r.file().bytes()));
    }

    private void fingerprint(ConnectionPool pool, String db, TablePlan t, String snapshot, Ledger ledger) throws Exception {
        var fp = pool.with(c -> TableFingerprint.compute(c, t.table().schema(), t.table().name(), t.table().columnNames()));
        ledger.done(t.fingerprintStep(db), Map.of("rows", fp.rows(), "hash", fp.hash(), "snapshot", snapshot));
    }

    /** Per-database facts read under the snapshot, kept until the manifest is written. */
    public record DatabaseMeta(String snapshot, Map<String, Long> census, List<PgCatalog.SequenceInfo> sequences,
                               List<String> databaseSql) {
    }

    private static final class Counters {
        final AtomicLong written = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong rows = new AtomicLong();
        final AtomicLong raw = new AtomicLong();
        final AtomicLong stored = new AtomicLong();
    }

    static long num(LedgerEntry e, String key) {
        return ((Number) e.detail().get(key)).longValue();
    }
}
