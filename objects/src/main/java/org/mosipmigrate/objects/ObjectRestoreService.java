package org.mosipmigrate.objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.ZstdInputStream;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Workers;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.core.set.SetSpool;

/**
 * Restore of the object segments of a backup set into the target store: creates the target buckets
 * (bucket mapping applied) in parallel batches, then streams the segments in parallel, writing each
 * object's latest version with its content type and metadata and checking its SHA-256 against the index.
 * Every restored object is recorded in a per-target ledger so a killed restore continues where it stopped.
 */
public final class ObjectRestoreService {
    public record Result(long buckets, long restored, long skipped, long superseded, long bytes, double seconds) {
    }

    private final ObjectStore target;
    private final BucketMapper mapper;
    private final int parallelism;
    private final Path set;
    private final Path ledgerFile;
    private final Progress progress;
    private final BackupKey key;
    private final SetSpool spool;

    public ObjectRestoreService(ObjectStore target, BucketMapper mapper, int parallelism, Path set, Path ledgerFile, Progress progress) {
        this(target, mapper, parallelism, set, ledgerFile, progress, null);
    }

    private final ObjectShard part;

    /** With the backup key (may be null) of an encrypted set: the manifest seal is checked and segments are decrypted. */
    public ObjectRestoreService(ObjectStore target, BucketMapper mapper, int parallelism, Path set, Path ledgerFile, Progress progress, BackupKey key) {
        this(target, mapper, parallelism, set, ledgerFile, progress, key, ObjectShard.ALL, SetSpool.local(set));
    }

    /**
     * Restores only the segments {@code part} owns (shard 0 also creates the listed buckets), recorded in the shard's own
     * ledger. {@code spool}: how segment files are reached (for a set on S3: fetched one per worker, removed after use).
     */
    public ObjectRestoreService(ObjectStore target, BucketMapper mapper, int parallelism, Path set, Path ledgerFile, Progress progress, BackupKey key,
                                ObjectShard part, SetSpool spool) {
        this.part = part;
        this.spool = spool;
        this.key = key;
        this.target = target;
        this.mapper = mapper;
        this.parallelism = parallelism;
        this.set = set;
        this.ledgerFile = ledgerFile;
        this.progress = progress;
    }

    /** (bucket, key) -> number of the last segment holding it. */
    static DoneIndex latest(Path set, List<ObjectsManifest.Segment> segments, BackupKey key) {
        DoneIndex latest = new DoneIndex();
        for (ObjectsManifest.Segment s : segments) {
            ObjectBackupService.readIndex(set, s, key, n -> latest.put(DoneIndex.hash(n.path("b").asText(), n.path("k").asText()), 0, s.number()));
        }
        return latest;
    }

    public Result execute() {
        long t0 = System.nanoTime();
        ObjectsManifest m = ObjectsManifest.read(set, key);
        DoneIndex latest = latest(set, m.segments(), key);
        if (!part.shard().isSharded()) {
            org.mosipmigrate.core.ledger.ShardLedgers.requireNoneWaiting(ledgerFile, "restore");
        }
        Path own = part.ledger(ledgerFile);
        String run = ObjectShardLedgers.run(ledgerFile);
        DoneIndex done = ObjectCopyService.load(ledgerFile, own);
        // objects restored by this run: a segment tried again after a transient failure does not send them again
        DoneIndex thisRun = new DoneIndex();
        TargetBuckets targets = new TargetBuckets(target);
        long buckets = part.shard().isFirst() ? createBuckets(targets) : 0;
        AtomicLong restored = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong superseded = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try (ObjectLedger ledger = ObjectLedger.open(own)) {
            if (part.shard().isSharded()) {
                ObjectShardLedgers.begin(own, ledger, part, run);
            }
            List<Workers.Task> tasks = new ArrayList<>();
            for (ObjectsManifest.Segment s : m.segments()) {
                if (part.ownsSegment(s.file())) {
                    tasks.add(() -> restoreSegment(s, latest, done, thisRun, targets, ledger, restored, skipped, superseded, bytes));
                }
            }
            Workers.runAll(parallelism, "restore-objects", tasks);
            if (part.shard().isSharded()) {
                ObjectShardLedgers.finish(ledger, part, run, Map.of("restored", restored.get(), "skipped", skipped.get()));
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.info(String.format("objects: restore complete: %,d bucket(s), %,d object(s) restored (%,d bytes), %,d already there, %,d superseded by later segments, in %.1fs",
                buckets, restored.get(), bytes.get(), skipped.get(), superseded.get(), secs));
        return new Result(buckets, restored.get(), skipped.get(), superseded.get(), bytes.get(), secs);
    }

    private long createBuckets(TargetBuckets targets) {
        Path list = set.resolve(ObjectBackupService.BUCKETS);
        if (Files.exists(set.resolve(ObjectBackupService.BUCKETS + SetFiles.ENC))) {
            list = set.resolve(ObjectBackupService.BUCKETS + SetFiles.ENC);
        } else if (!Files.exists(list)) {
            return 0;
        }
        AtomicLong n = new AtomicLong();
        List<Workers.Task> batch = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(SetFiles.decrypting(Files.newInputStream(list), list, key), StandardCharsets.UTF_8))) {
            String b;
            while ((b = r.readLine()) != null) {
                if (b.isBlank()) {
                    continue;
                }
                String name = mapper.map(b).bucket();
                batch.add(() -> {
                    targets.ensure(name);
                    n.incrementAndGet();
                });
                if (batch.size() >= 1000) {
                    Workers.runAll(parallelism, "create-buckets", batch);
                    batch = new ArrayList<>();
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "cannot read " + list + ": " + e.getMessage(), null, e);
        }
        Workers.runAll(parallelism, "create-buckets", batch);
        return n.get();
    }

    /** merge-ledgers for a restore ledger: each object line must come from a segment its shard owns. */
    public static org.mosipmigrate.core.ledger.ShardLedgers.Merged mergeShards(Path ledgerFile) {
        return ObjectCopyService.mergeShards(ledgerFile, "restore", (s, n) -> {
            if (n.has("k") && (!n.has("seg") || !s.part().ownsSegment(n.path("seg").asText()))) {
                throw new MigrateException(ErrorCode.RUNTIME, "shard ledger " + s.file() + " records " + n.path("b").asText() + "/" + n.path("k").asText()
                        + " from segment " + n.path("seg").asText() + ", which shard " + s.part().shard().label() + " does not own",
                        "the shards did not split the same way; move the shard ledgers aside and restore again");
            }
        });
    }

    /** A damaged or undecryptable segment, found while the store client read the object stream, surfaces as itself, not as a store error. */
    static RuntimeException setFailure(RuntimeException ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof MigrateException me && (me.code() == ErrorCode.BACKUP_SET_CORRUPT || me.code() == ErrorCode.CONFIG)) {
                return me;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ex;
    }

    private void restoreSegment(ObjectsManifest.Segment s, DoneIndex latest, DoneIndex done, DoneIndex thisRun, TargetBuckets targets,
                                ObjectLedger ledger, AtomicLong restored, AtomicLong skipped, AtomicLong superseded, AtomicLong bytes) throws IOException {
        try {
            restoreSegment(s, spool.fetch(s.file()), latest, done, thisRun, targets, ledger, restored, skipped, superseded, bytes);
        } finally {
            spool.release(s.file());
        }
    }

    private void restoreSegment(ObjectsManifest.Segment s, Path file, DoneIndex latest, DoneIndex done, DoneIndex thisRun, TargetBuckets targets,
                                ObjectLedger ledger, AtomicLong restored, AtomicLong skipped, AtomicLong superseded, AtomicLong bytes) throws IOException {
        Path index = SafePaths.resolveIn(set, s.index());
        if (!Files.isRegularFile(file) || Files.size(file) != s.bytes()) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "object segment " + file + " is missing or not " + s.bytes() + " bytes as the manifest says",
                    "the backup set is damaged; restore it from a copy");
        }
        if (!Files.isRegularFile(index)) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "segment index " + index + " is missing", "the backup set is damaged; restore it from a copy");
        }
        try (InputStream raw = Files.newInputStream(file);
             BufferedReader idx = new BufferedReader(new InputStreamReader(
                     SetFiles.decrypting(new BufferedInputStream(Files.newInputStream(index), 1 << 16), index, key), StandardCharsets.UTF_8))) {
            HashingInputStream fileHash = new HashingInputStream(new BufferedInputStream(raw, 1 << 16));
            InputStream plain = SetFiles.decrypting(fileHash, file, key);
            TarArchiveInputStream tar = new TarArchiveInputStream(new ZstdInputStream(plain), StandardCharsets.UTF_8.name());
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                String line = idx.readLine();
                JsonNode n = line == null ? null : Json.LINE.readTree(line);
                if (n == null || !e.getName().equals(n.path("entry").asText())) {
                    throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "segment " + s.file() + ": entry " + e.getName() + " does not match its index " + s.index(),
                            "the backup set is damaged; restore it from a copy");
                }
                String bucket = n.path("b").asText();
                String key = n.path("k").asText();
                long size = n.path("size").asLong();
                String sha = n.path("sha256").asText();
                long h = DoneIndex.hash(bucket, key);
                if (latest.tagOf(h, -1) != s.number()) {
                    superseded.incrementAndGet();
                    continue;
                }
                if (done.matches(h, size, DoneIndex.tag(sha))) {
                    skipped.incrementAndGet();
                    continue;
                }
                if (thisRun.matches(h, size, DoneIndex.tag(sha))) {
                    continue; // restored by an earlier attempt at this segment
                }
                BucketMapper.Location to = mapper.map(bucket);
                targets.ensure(to.bucket());
                Map<String, String> meta = new TreeMap<>();
                n.path("meta").fields().forEachRemaining(f -> meta.put(f.getKey(), f.getValue().asText()));
                String ct = n.hasNonNull("contentType") ? n.get("contentType").asText() : null;
                HashingInputStream in = new HashingInputStream(tar);
                try {
                    target.put(to.bucket(), to.key(key), in, size, ct, meta);
                } catch (RuntimeException ex) {
                    throw setFailure(ex);
                }
                if (in.count() != size || !in.sha256().equals(sha)) {
                    target.delete(to.bucket(), to.key(key));
                    throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "segment " + s.file() + ": object " + bucket + "/" + key
                            + " does not match its SHA-256/size in " + s.index() + "; the written copy was deleted", "the backup set is damaged; restore it from a copy");
                }
                Map<String, Object> l = new LinkedHashMap<>();
                l.put("b", bucket);
                l.put("k", key);
                l.put("size", size);
                l.put("tag", sha);
                l.put("to", to.bucket() + "/" + to.key(key));
                l.put("seg", s.file());
                ledger.append(l);
                thisRun.put(h, size, DoneIndex.tag(sha));
                restored.incrementAndGet();
                bytes.addAndGet(size);
            }
            byte[] buf = new byte[8192];
            while (plain.read(buf) >= 0) {
                // decrypt (authenticate) the rest of an encrypted segment
            }
            while (fileHash.read(buf) >= 0) {
                // hash the tar padding and the end of the zstd frame too
            }
            if (!fileHash.sha256().equals(s.sha256())) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "object segment " + file + " does not match its SHA-256 in " + ObjectsManifest.FILE,
                        "the backup set is damaged; restore it from a copy");
            }
        }
    }
}
