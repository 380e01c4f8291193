package org.mosipmigrate.engine.parts;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.ObjectsConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.part.Operation;
import org.mosipmigrate.core.part.Part;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.part.Reported;
import org.mosipmigrate.core.part.RunContext;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.StepPlan;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.core.run.Throttle;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.engine.verify.VerifyEvidence;
import org.mosipmigrate.objects.BucketFilter;
import org.mosipmigrate.objects.BucketMapper;
import org.mosipmigrate.objects.ObjectBackupService;
import org.mosipmigrate.objects.ObjectCopyService;
import org.mosipmigrate.objects.ObjectRestoreService;
import org.mosipmigrate.objects.ObjectShard;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.ObjectVerifyService;
import org.mosipmigrate.objects.ObjectsManifest;
import org.mosipmigrate.objects.ThrottledObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;

/**
 * Object-store buckets (packets and the rest): backup into zstd tar segments with a per-object index, restore, copy
 * (GET -> PUT; a second run moves only new or changed objects) and verify (size, content type, metadata; SHA-256 with
 * --deep). Each step opens the stores it needs and closes them when done.
 */
public final class ObjectsPart implements Part {
    @Override
    public PartKind kind() {
        return PartKind.OBJECTS;
    }

    @Override
    public Step<?> step(Operation op, RunContext ctx) {
        Stores s = new Stores(ctx);
        return switch (op) {
            case BACKUP -> Steps.of(() -> StepPlan.of("objects: would back up buckets [" + (s.oc.source() == null ? "-" : new BucketFilter(s.oc.source().buckets()))
                    + "] of " + describe(s.oc.source(), "source") + shardNote(s.part) + " (dry run: nothing written)\n"),
                    plan -> {
                        ObjectBackupService.Result r = s.backup();
                        return StepResult.of(r, new StepResult.Totals(r.written(), "object", null, r.bytes(), r.written()));
                    });
            case RESTORE -> Steps.of(() -> {
                var m = ObjectsManifest.read(ctx.cfg().backupSet());
                return StepPlan.of(String.format("objects: would restore %,d object(s) from %d segment(s)%s into %s (dry run: nothing written)%n",
                        m.objects(), m.segments().size(), s.part.shard().isSharded() ? ", shard " + s.part.shard().label() + " the "
                                + m.segments().stream().filter(seg -> s.part.ownsSegment(seg.file())).count() + " segment(s) it owns" : "",
                        describe(s.oc.target(), "target")));
            }, plan -> {
                ObjectRestoreService.Result r = s.restore();
                return StepResult.of(r, new StepResult.Totals(r.restored(), "object", null, r.bytes(), r.restored()));
            });
            case COPY -> Steps.of(() -> StepPlan.of("objects: would copy " + describe(s.oc.source(), "source") + " -> " + describe(s.oc.target(), "target")
                    + ", ledger " + s.copyLedger() + shardNote(s.part) + " (dry run: nothing written)\n"),
                    plan -> {
                        ObjectCopyService.Result r = s.copy();
                        return StepResult.of(r, new StepResult.Totals(r.copied(), "object", null, r.bytes(), r.copied()));
                    });
            case VERIFY -> {
                var choices = ctx.options().verify();
                boolean useSource = choices.useSource();
                yield Steps.of(() -> StepPlan.of("objects: would compare " + (s.oc.source() != null && useSource ? "the source store" : "the backup set")
                        + " with " + describe(s.oc.target(), "target") + (choices.deep() ? ", re-reading content" : "") + shardNote(s.part)
                        + " (dry run: nothing compared)\n"),
                        plan -> verified(s.verify(choices.deep(), useSource), ctx, s.part));
            }
        };
    }

    private static StepResult verified(ObjectVerifyService.Report report, RunContext ctx, ObjectShard part) {
        Path written = report.writeJson(Reports.dir(ctx), part.shard());
        return new Reported(report, report.render() + "report: " + written + "\n", report.passed(),
                new StepResult.Totals(report.objects(), "object", null, report.bytes(), report.objects()), evidence -> VerifyEvidence.addObjects(evidence, report));
    }

    /**
     * merge-ledgers for the object steps: every object ledger of this config whose shard ledgers wait (backup, restore
     * into the configured target, copy to it) is checked and merged. An object backup's manifest is written here: no
     * unsharded objects run is needed afterwards (one would be a delta pass).
     */
    @Override
    public List<MergedLedger> mergeShardLedgers(RunContext ctx, boolean dryRun) {
        Stores s = new Stores(ctx);
        MigrationConfig cfg = ctx.cfg();
        List<MergedLedger> out = new ArrayList<>();
        if (cfg.backupSet() != null) {
            DatabasePart.add(out, Operation.BACKUP, ObjectBackupService.mergeShards(cfg.backupSet(), s.key()));
            if (s.oc.target() != null) {
                DatabasePart.add(out, Operation.RESTORE, ObjectRestoreService.mergeShards(s.restoreLedger(cfg.backupSet())));
            }
        }
        if (s.oc.target() != null) {
            DatabasePart.add(out, Operation.COPY, ObjectCopyService.mergeShards(s.copyLedger()));
        }
        return out;
    }

    private static String describe(ObjectStoreEndpoint e, String side) {
        return e == null ? "(no " + side + ".objectStore)" : e.describe();
    }

    /** For a sharded dry run: which objects this shard takes. */
    static String shardNote(ObjectShard part) {
        return !part.shard().isSharded() ? "" : ", only shard " + part.shard().label() + "'s part (by the hash of "
                + (part.byBucket() ? "the bucket name" : "bucket/key") + ")";
    }

    static String endpointTag(ObjectStoreEndpoint e) {
        URI u = URI.create(e.endpoint());
        return SafePaths.sanitize(u.getHost()) + "-" + (u.getPort() < 0 ? ("https".equals(u.getScheme()) ? 443 : 80) : u.getPort());
    }

    /** The stores and settings of one run, opened only by the step that needs them. */
    private static final class Stores {
        private final RunContext ctx;
        private final MigrationConfig cfg;
        private final ObjectsConfig oc;
        private final ObjectShard part;

        Stores(RunContext ctx) {
            this.ctx = ctx;
            this.cfg = ctx.cfg();
            this.oc = cfg.objects();
            this.part = ObjectShard.of(ctx.shard(), ctx.objectsShardBy());
        }

        private ObjectStore open(ObjectStoreEndpoint e, String section, String command) {
            if (e == null) {
                throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": " + command + " of objects needs '" + section + "'",
                        "add " + section + ": {type, endpoint, accessKeyEnv, secretKeyEnv} to the config");
            }
            ObjectStore store = ObjectStores.open(e, ctx.env(), oc.partBytes(), oc.parallelism());
            // only the production source is protected by --max-rate / --max-requests
            return section.startsWith("source") ? ThrottledObjectStore.wrap(store, Throttle.source()) : store;
        }

        private Path set(String command) {
            if (cfg.backupSet() == null) {
                throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": key 'backupSet' is required for " + command, "set backupSet to a directory");
            }
            return cfg.backupSet();
        }

        /** The backup key when encryption is configured (null otherwise). */
        BackupKey key() {
            return cfg.encryption().load(ctx.env()).orElse(null);
        }

        Path restoreLedger(Path set) {
            return set.resolve("ledger/objects-restore-" + endpointTag(oc.target()) + ".jsonl");
        }

        Path copyLedger() {
            Path state = cfg.stateDir() != null ? cfg.stateDir()
                    : cfg.backupSet() != null ? cfg.backupSet().resolve("copy-state")
                    : cfg.file().toAbsolutePath().getParent().resolve("mosip-migrate-state");
            return state.resolve("ledger/objects-copy-" + endpointTag(oc.target()) + ".jsonl");
        }

        ObjectBackupService.Result backup() {
            try (ObjectStore src = open(oc.source(), "source.objectStore", "backup")) {
                return new ObjectBackupService(src, new BucketFilter(oc.source().buckets()), oc.parallelism(), set("backup"), oc.segmentBytes(),
                        cfg.compressionLevel(), ctx.progress(), key(), part, ctx.spool()).execute();
            }
        }

        ObjectRestoreService.Result restore() {
            try (ObjectStore dst = open(oc.target(), "target.objectStore", "restore")) {
                Path set = set("restore");
                return new ObjectRestoreService(dst, new BucketMapper(oc.bucketMapping()), oc.parallelism(), set,
                        restoreLedger(set), ctx.progress(), key(), part, ctx.spool()).execute();
            }
        }

        ObjectCopyService.Result copy() {
            try (ObjectStore src = open(oc.source(), "source.objectStore", "copy");
                 ObjectStore dst = open(oc.target(), "target.objectStore", "copy")) {
                return new ObjectCopyService(src, dst, new BucketFilter(oc.source().buckets()), new BucketMapper(oc.bucketMapping()), oc.parallelism(),
                        copyLedger(), ctx.progress(), part).execute();
            }
        }

        /** Source against target when a source is configured (and wanted), else the backup set against target. */
        ObjectVerifyService.Report verify(boolean deep, boolean useSource) {
            try (ObjectStore dst = open(oc.target(), "target.objectStore", "verify")) {
                BucketMapper mapper = new BucketMapper(oc.bucketMapping());
                if (useSource && oc.source() != null) {
                    try (ObjectStore src = open(oc.source(), "source.objectStore", "verify")) {
                        return new ObjectVerifyService(src, dst, new BucketFilter(oc.source().buckets()), mapper, oc.parallelism(), deep, ctx.progress(), part)
                                .execute();
                    }
                }
                return new ObjectVerifyService(null, dst, null, mapper, oc.parallelism(), deep, ctx.progress(), part).executeAgainstSet(set("verify"), key());
            }
        }
    }
}
