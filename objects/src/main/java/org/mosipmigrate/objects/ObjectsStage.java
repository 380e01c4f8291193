package org.mosipmigrate.objects;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.ObjectsConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.objects.adapter.ObjectStores;

/** The object part of each command, built from the configuration: opens the stores, runs one service, closes them. */
public final class ObjectsStage {
    private final MigrationConfig cfg;
    private final ObjectsConfig oc;
    private final Map<String, String> env;
    private final Progress progress;
    private final ObjectShard part;
    private final org.mosipmigrate.core.set.SetSpool spool;

    public ObjectsStage(MigrationConfig cfg, Map<String, String> env, Progress progress) {
        this(cfg, env, progress, ObjectShard.ALL);
    }

    public ObjectsStage(MigrationConfig cfg, Map<String, String> env, Progress progress, ObjectShard part) {
        this(cfg, env, progress, part, cfg.backupSet() == null ? null : org.mosipmigrate.core.set.SetSpool.local(cfg.backupSet()));
    }

    public ObjectsStage(MigrationConfig cfg, Map<String, String> env, Progress progress, org.mosipmigrate.core.set.SetSpool spool) {
        this(cfg, env, progress, ObjectShard.ALL, spool);
    }

    /**
     * Every command of this stage does only what {@code part} owns (docs/architecture.md, "Sharding"). {@code spool}: how
     * the backup set's segment files are reached (see {@link org.mosipmigrate.core.set.SetSpool}).
     */
    public ObjectsStage(MigrationConfig cfg, Map<String, String> env, Progress progress, ObjectShard part, org.mosipmigrate.core.set.SetSpool spool) {
        this.part = part;
        this.spool = spool;
        this.cfg = cfg;
        this.oc = cfg.objects();
        this.env = env;
        this.progress = progress;
    }

    public static boolean sourceConfigured(MigrationConfig cfg) {
        return cfg.objects().source() != null;
    }

    public static boolean targetConfigured(MigrationConfig cfg) {
        return cfg.objects().target() != null;
    }

    private ObjectStore open(ObjectStoreEndpoint e, String section, String command) {
        if (e == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": " + command + " of objects needs '" + section + "'",
                    "add " + section + ": {type, endpoint, accessKeyEnv, secretKeyEnv} to the config");
        }
        ObjectStore store = ObjectStores.open(e, env, oc.partBytes(), oc.parallelism());
        // only the production source is protected by --max-rate / --max-requests
        return section.startsWith("source") ? ThrottledObjectStore.wrap(store, org.mosipmigrate.core.run.Throttle.source()) : store;
    }

    private Path set(String command) {
        if (cfg.backupSet() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": key 'backupSet' is required for " + command, "set backupSet to a directory");
        }
        return cfg.backupSet();
    }

    /** The backup key when encryption is configured (null otherwise). */
    private BackupKey key() {
        return cfg.encryption().load(env).orElse(null);
    }

    static String endpointTag(ObjectStoreEndpoint e) {
        URI u = URI.create(e.endpoint());
        return SafePaths.sanitize(u.getHost()) + "-" + (u.getPort() < 0 ? ("https".equals(u.getScheme()) ? 443 : 80) : u.getPort());
    }

    public ObjectBackupService.Result backup() {
        try (ObjectStore src = open(oc.source(), "source.objectStore", "backup")) {
            return new ObjectBackupService(src, new BucketFilter(oc.source().buckets()), oc.parallelism(), set("backup"), oc.segmentBytes(),
                    cfg.compressionLevel(), progress, key(), part, spool).execute();
        }
    }

    public ObjectRestoreService.Result restore() {
        try (ObjectStore dst = open(oc.target(), "target.objectStore", "restore")) {
            Path set = set("restore");
            return new ObjectRestoreService(dst, new BucketMapper(oc.bucketMapping()), oc.parallelism(), set,
                    restoreLedger(set), progress, key(), part, spool).execute();
        }
    }

    private Path restoreLedger(Path set) {
        return set.resolve("ledger/objects-restore-" + endpointTag(oc.target()) + ".jsonl");
    }

    /**
     * merge-ledgers for the object parts: every object ledger of this config whose shard ledgers wait (backup, restore
     * into the configured target, copy to it) is checked and merged. An object backup's manifest is written here: no
     * unsharded objects run is needed afterwards (one would be a delta pass).
     */
    public List<org.mosipmigrate.core.ledger.ShardLedgers.Merged> mergeShards() {
        List<org.mosipmigrate.core.ledger.ShardLedgers.Merged> out = new ArrayList<>();
        if (cfg.backupSet() != null) {
            out.add(ObjectBackupService.mergeShards(cfg.backupSet(), key()));
            if (oc.target() != null) {
                out.add(ObjectRestoreService.mergeShards(restoreLedger(cfg.backupSet())));
            }
        }
        if (oc.target() != null) {
            out.add(ObjectCopyService.mergeShards(copyLedger(), "copy", ObjectCopyService::ownedByWriter));
        }
        out.removeIf(java.util.Objects::isNull);
        return out;
    }

    public Path copyLedger() {
        Path state = cfg.stateDir() != null ? cfg.stateDir()
                : cfg.backupSet() != null ? cfg.backupSet().resolve("copy-state")
                : cfg.file().toAbsolutePath().getParent().resolve("mosip-migrate-state");
        return state.resolve("ledger/objects-copy-" + endpointTag(oc.target()) + ".jsonl");
    }

    public ObjectCopyService.Result copy() {
        try (ObjectStore src = open(oc.source(), "source.objectStore", "copy");
             ObjectStore dst = open(oc.target(), "target.objectStore", "copy")) {
            return new ObjectCopyService(src, dst, new BucketFilter(oc.source().buckets()), new BucketMapper(oc.bucketMapping()), oc.parallelism(),
                    copyLedger(), progress, part).execute();
        }
    }

    /** Source against target when a source is configured (and wanted), else the backup set against target. */
    public ObjectVerifyService.Report verify(boolean deep, boolean useSource) {
        try (ObjectStore dst = open(oc.target(), "target.objectStore", "verify")) {
            BucketMapper mapper = new BucketMapper(oc.bucketMapping());
            if (useSource && oc.source() != null) {
                try (ObjectStore src = open(oc.source(), "source.objectStore", "verify")) {
                    return new ObjectVerifyService(src, dst, new BucketFilter(oc.source().buckets()), mapper, oc.parallelism(), deep, progress, part).execute();
                }
            }
            return new ObjectVerifyService(null, dst, null, mapper, oc.parallelism(), deep, progress, part).executeAgainstSet(set("verify"), key());
        }
    }
}
