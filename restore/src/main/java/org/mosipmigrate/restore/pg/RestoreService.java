package org.mosipmigrate.restore.pg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.ledger.Ledger;
import org.mosipmigrate.core.ledger.ShardLedgers;
import org.mosipmigrate.core.pg.ConnectionPool;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.core.run.ProgressEvent;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.core.set.BackupSetCheck;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.core.set.SetSpool;

/** Restore of a backup set into the target server. plan() only reads; execute() writes. */
public final class RestoreService {
    private final MigrationConfig cfg;
    private final Path set;
    private final PgConnector target;
    private final TargetLoader loader;
    /** The phase name of restore's progress events (one phase per database). */
    public static final String PHASE = "restore";
    private final Progress progress;
    private final boolean clean;
    private final BackupKey key;

    private final boolean filesChecked;
    private final Shard shard;
    private final SetSpool spool;

    public RestoreService(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean clean) {
        this(cfg, env, progress, clean, false);
    }

    /** {@code filesChecked}: the caller has already checked every file of the set (the CLI checks all parts at once). */
    public RestoreService(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean clean, boolean filesChecked) {
        this(cfg, env, progress, clean, filesChecked, Shard.ALL);
    }

    public RestoreService(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean clean, boolean filesChecked, Shard shard) {
        this(cfg, env, progress, clean, filesChecked, shard, cfg.backupSet() == null ? null : SetSpool.local(cfg.backupSet()));
    }

    public RestoreService(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean clean, boolean filesChecked, SetSpool spool) {
        this(cfg, env, progress, clean, filesChecked, Shard.ALL, spool);
    }

    /**
     * With a shard other than {@link Shard#ALL}: shard 0 applies the roles, creates and claims each database and applies
     * pre-data; every shard loads the chunks it owns (the others wait for pre-data). Post-data, sequences and ANALYZE
     * are left to the unsharded run after merge-ledgers. {@code spool}: how schema dumps and chunks are reached (for a
     * set on S3: fetched just before use, removed after).
     */
    public RestoreService(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean clean, boolean filesChecked, Shard shard,
                          SetSpool spool) {
        if (cfg.backupSet() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": key 'backupSet' is required for restore", null);
        }
        if (cfg.target() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": section 'target.postgres' is required for restore", null);
        }
        this.cfg = cfg;
        this.set = cfg.backupSet();
        this.target = new PgConnector(cfg.target(), env);
        this.loader = new TargetLoader(target, new PgTools(cfg.pgBinDir()), progress, cfg.parallelism());
        this.progress = progress;
        this.clean = clean;
        this.key = cfg.encryption().load(env).orElse(null);
        this.filesChecked = filesChecked;
        this.shard = shard;
        this.spool = spool;
    }

    public static String ledgerFile(PgConnector target) {
        return "ledger/restore-" + SafePaths.sanitize(target.endpoint().host()) + "-" + target.endpoint().port() + ".jsonl";
    }

    public RestorePlan plan() {
        Manifest m = ManifestStore.read(set, key);
        if (!filesChecked) {
            checkFiles(m);
        }
        int targetVersion = loader.requireNotOlderThan(m.source().serverVersionNum(), "restore");
        Map<String, org.mosipmigrate.core.ledger.LedgerEntry> ledger;
        try {
            ledger = Ledger.readLast(set.resolve(ledgerFile(target)));
        } catch (java.io.IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read the restore ledger: " + e.getMessage(), null, e);
        }
        List<RestorePlan.DatabaseStep> steps = new ArrayList<>();
        for (Manifest.DatabaseEntry db : m.databases()) {
            long total = db.tables().stream().mapToLong(t -> t.chunks().size()).sum();
            var done = ledger.get(doneStep(db.name()));
            TargetLoader.TargetState state = loader.inspect(db.name(), m.runId());
            RestorePlan.Action action;
            long loaded = 0;
            if (TargetLoader.finishedBefore(done, state, clean)) {
                action = RestorePlan.Action.ALREADY_DONE;
                loaded = total;
            } else {
                action = switch (state) {
                    case ABSENT -> RestorePlan.Action.CREATE;
                    case EMPTY -> RestorePlan.Action.CLAIM_EMPTY;
                    case OURS -> RestorePlan.Action.RESUME;
                    case FOREIGN_DATA -> clean ? RestorePlan.Action.REPLACE : RestorePlan.Action.REFUSE;
                };
                if (state == TargetLoader.TargetState.OURS) {
                    loaded = loader.loadedChunks(db.name()).size();
                }
            }
            steps.add(new RestorePlan.DatabaseStep(db, action, total, loaded));
        }
        return new RestorePlan(m, targetVersion, steps);
    }

    /** Every file of the set is checked against the manifest (size and SHA-256) before anything is written. */
    private void checkFiles(Manifest m) {
        BackupSetCheck.run(set, m, cfg.parallelism()).requireOk(set, file -> "database files");
    }

    /** The schema dump as a plain file for pg_restore: the file itself, or a private decrypted copy. */
    private Path schemaFile(Manifest.DatabaseEntry db, List<Path> temporary) {
        Path stored = spool.fetch(db.schema().file());
        if (key == null) {
            return stored;
        }
        try {
            Path clear = Files.createTempFile("mosip-migrate-schema-", ".dump",
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
            temporary.add(clear);
            try (InputStream in = ChunkFiles.open(stored, db.schema().bytes(), db.schema().sha256(), key)) {
                Files.copy(in, clear, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return clear;
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "cannot decrypt the schema of " + db.name() + ": " + e.getMessage(),
                    "check the encryption key and the file " + stored, e);
        }
    }

    static String doneStep(String db) {
        return "db/" + db + "/restored";
    }

    /** merge-ledgers for this target: the shards' restore ledgers into the main one, every chunk of the manifest exactly once; null when none waits. */
    public ShardLedgers.Merged mergeShards() {
        if (ShardLedgers.find(set.resolve(ledgerFile(target))).isEmpty()) {
            return null;
        }
        Manifest m = ManifestStore.read(set, key);
        List<String> chunks = m.databases().stream().flatMap(d -> d.tables().stream()).flatMap(t -> t.chunks().stream())
                .map(Manifest.ChunkEntry::id).toList();
        return ShardLedgers.merge(set.resolve(ledgerFile(target)), m.runId(), "restore", chunks, Shard::ownerOf);
    }

    private List<String> ownedChunks(Manifest.DatabaseEntry db) {
        return db.tables().stream().flatMap(t -> t.chunks().stream()).map(Manifest.ChunkEntry::id).filter(shard::owns).toList();
    }

    public RestoreResult execute(RestorePlan plan) {
        long t0 = System.nanoTime();
        Path mainLedger = set.resolve(ledgerFile(target));
        if (!shard.isSharded()) {
            ShardLedgers.requireNoneWaiting(mainLedger, "restore");
        }
        for (RestorePlan.DatabaseStep d : plan.databases()) {
            // a foreign database may still be dropped by shard 0's --clean; the other shards wait for its pre-data
            if (d.action() == RestorePlan.Action.REFUSE && shard.isFirst()) {
                throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, "target database " + d.entry().name() + " on "
                        + target.endpoint().describe() + " already holds tables",
                        "restore into an empty server, drop the database, or pass --clean to drop and recreate it");
            }
        }
        AtomicLong loaded = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong rows = new AtomicLong();
        String runId = plan.manifest().runId();
        try (Ledger ledger = Ledger.open(shard.fileBeside(mainLedger))) {
            if (shard.isSharded()) {
                ShardLedgers.begin(ledger, shard, runId);
            }
            if (shard.isFirst()) {
                loader.applyRoles(plan.manifest().roles());
            }
            for (RestorePlan.DatabaseStep d : plan.databases()) {
                if (d.action() == RestorePlan.Action.ALREADY_DONE) {
                    loader.skipFinished(d.entry().name(), runId, shard, ledger, ownedChunks(d.entry()), "restored");
                    skipped.addAndGet(d.chunksTotal());
                    continue;
                }
                if (shard.isFirst()) {
                    restoreDatabase(d.entry(), runId, ledger, loaded, skipped, rows);
                } else {
                    loader.awaitPreData(d.entry().name(), runId, shard);
                    loadChunks(d.entry(), ledger, loaded, skipped, rows);
                }
            }
            if (shard.isSharded()) {
                ShardLedgers.finish(ledger, shard, runId, loaded.get() + skipped.get());
                progress.info("restore shard " + shard.label() + " finished; when every shard has, run merge-ledgers, then restore without --shard");
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.info(String.format("restore complete: %,d chunks loaded (%,d already there), %,d rows in %.1fs", loaded.get(), skipped.get(), rows.get(), secs));
        return new RestoreResult(runId, plan.databases().size(), loaded.get(), skipped.get(), rows.get(), secs);
    }

    private void restoreDatabase(Manifest.DatabaseEntry db, String runId, Ledger ledger, AtomicLong loaded, AtomicLong skipped, AtomicLong rows) {
        loader.prepare(db.name(), db.owner(), db.encoding(), db.collate(), db.ctype(), db.databaseSql(), runId, clean);
        List<Path> temporary = new ArrayList<>();
        try {
            restoreDatabase(db, runId, ledger, loaded, skipped, rows, schemaFile(db, temporary));
        } finally {
            spool.release(db.schema().file());
            for (Path p : temporary) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a 0600 temp file left behind is reported by nobody; nothing else to do
                }
            }
        }
    }

    private void restoreDatabase(Manifest.DatabaseEntry db, String runId, Ledger ledger, AtomicLong loaded, AtomicLong skipped,
                                 AtomicLong rows, Path schema) {
        loader.applyPreData(db.name(), schema);
        loadChunks(db, ledger, loaded, skipped, rows);
        if (!shard.isSharded()) {
            afterLoad(db, schema, ledger);
        }
    }

    /** Loads every chunk of {@code db} this shard owns that has no marker yet, again until none is missing. */
    private void loadChunks(Manifest.DatabaseEntry db, Ledger ledger, AtomicLong loaded, AtomicLong skipped, AtomicLong rows) {
        try (ConnectionPool pool = loader.pool(db.name())) {
            loader.loadUntilEveryChunkMarked(db.name(), PHASE, shard, already -> chunkTasks(db, pool, already, ledger, loaded, rows), skipped, rows);
        }
        if (shard.isSharded()) {
            ShardLedgers.recordDone(ledger, ownedChunks(db), Map.of("already", "loaded"));
        }
    }

    /** One task per chunk that has no marker in the target yet. */
    private List<Workers.Task> chunkTasks(Manifest.DatabaseEntry db, ConnectionPool pool, Set<String> already, Ledger ledger,
                                          AtomicLong loaded, AtomicLong rows) {
        List<Workers.Task> tasks = new ArrayList<>();
        for (Manifest.TableEntry t : db.tables()) {
                List<String> columns = t.columns().stream().map(Manifest.ColumnEntry::name).toList();
                for (Manifest.ChunkEntry ch : t.chunks()) {
                    if (already.contains(ch.id()) || !shard.owns(ch.id())) {
                        continue;
                    }
                    tasks.add(() -> {
                        long n;
                        try {
                            Path file = spool.fetch(ch.file());
                            n = loader.loadChunk(pool, ch.id(), t.schema(), t.name(), columns, t.copyFormat(), ch.rows(), in -> {
                                try (InputStream data = ChunkFiles.open(file, ch.bytes(), ch.sha256(), key)) {
                                    byte[] buf = new byte[1 << 16];
                                    int r;
                                    while ((r = data.read(buf)) >= 0) {
                                        in.writeToCopy(buf, 0, r);
                                    }
                                }
                            });
                        } catch (ChunkFiles.ChunkCorruptException e) {
                            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, e.getMessage() + " (chunk " + ch.id() + ")",
                                    "nothing of this chunk was loaded; restore the file from another copy of the backup set", e);
                        } finally {
                            spool.release(ch.file());
                        }
                        ledger.done(ch.id(), Map.of("rows", n));
                        loaded.incrementAndGet();
                        rows.addAndGet(n);
                        progress.event(ProgressEvent.chunk(PHASE, db.name(), t.qualifiedName(), ch.id(), n, ch.bytes()));
                    });
                }
            }
        return tasks;
    }

    private void afterLoad(Manifest.DatabaseEntry db, Path schema, Ledger ledger) {
        loader.applyPostData(db.name(), schema);
        loader.finishData(db.name(), db.sequences());
        // ledger first: a kill between the two leaves markers that the next run only has to drop
        ledger.done(doneStep(db.name()), Map.of());
        loader.release(db.name());
        progress.info("database " + db.name() + ": restored");
    }
}
