package org.mosipmigrate.objects;

import org.mosipmigrate.core.run.Retry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Workers;

/**
 * Compares the target store with the source store (or, without a source, with the backup set's segment
 * indexes): per bucket the object count and bytes under the mapped location, per object presence, size,
 * content type and every user-metadata key; with {@code deep}, the SHA-256 of the content re-read from
 * both sides (from the index for a backup set). ETags are never compared across servers.
 */
public final class ObjectVerifyService {
    public static final int MAX_FINDINGS = 10_000;
    /** The phase name of the object verification's progress events. */
    public static final String PHASE = "verify objects";

    public record Finding(String kind, String bucket, String key, String detail) {
        @Override
        public String toString() {
            return kind + " " + bucket + "/" + key + (detail == null ? "" : ": " + detail);
        }
    }

    /**
     * Objects and bytes of one source bucket on the expected side (source store, or the backup set's latest versions) and, in
     * source-target mode, under its mapped target location (null in backup-set mode).
     */
    public record BucketCount(String bucket, long expectedObjects, long expectedBytes, Long targetObjects, Long targetBytes) {
    }

    public record Report(String mode, boolean deep, long buckets, long objects, long bytes, long differences, List<Finding> findings, double seconds,
                         List<BucketCount> perBucket) {
        public boolean passed() {
            return differences == 0;
        }

        public String render() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format("objects (%s%s): %,d bucket(s), %,d object(s), %,d bytes checked: %s%n", mode, deep ? ", deep" : "",
                    buckets, objects, bytes, passed() ? "all equal" : differences + " difference(s)"));
            for (Finding f : findings) {
                sb.append("  ").append(f).append('\n');
            }
            if (differences > findings.size()) {
                sb.append("  ... and ").append(differences - findings.size()).append(" more\n");
            }
            return sb.toString();
        }

        public Path writeJson(Path dir) {
            return writeJson(dir, org.mosipmigrate.core.run.Shard.ALL);
        }

        /** A sharded verify writes its own report ({@code objects-verify-report.shard-1-of-3.json}). */
        public Path writeJson(Path dir, org.mosipmigrate.core.run.Shard shard) {
            Path f = shard.fileBeside(dir.resolve("objects-verify-report.json"));
            try {
                Json.writeAtomically(f, this);
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + f + ": " + e.getMessage(), null, e);
            }
            return f;
        }
    }

    private final ObjectStore source;
    private final ObjectStore target;
    private final BucketFilter filter;
    private final BucketMapper mapper;
    private final int parallelism;
    private final boolean deep;
    private final Progress progress;
    private final List<Finding> findings = new ArrayList<>();
    private final AtomicLong differences = new AtomicLong();
    private final ObjectShard part;
    private final Map<String, BucketCount> perBucket = new java.util.concurrent.ConcurrentSkipListMap<>();

    public ObjectVerifyService(ObjectStore source, ObjectStore target, BucketFilter filter, BucketMapper mapper, int parallelism, boolean deep, Progress progress) {
        this(source, target, filter, mapper, parallelism, deep, progress, ObjectShard.ALL);
    }

    /** Checks only what {@code part} owns: its objects (or segments, against a backup set) and its buckets' totals. */
    public ObjectVerifyService(ObjectStore source, ObjectStore target, BucketFilter filter, BucketMapper mapper, int parallelism, boolean deep, Progress progress,
                               ObjectShard part) {
        this.part = part;
        this.source = source;
        this.target = target;
        this.filter = filter;
        this.mapper = mapper;
        this.parallelism = parallelism;
        this.deep = deep;
        this.progress = progress;
    }

    private void find(String kind, String bucket, String key, String detail) {
        differences.incrementAndGet();
        synchronized (findings) {
            if (findings.size() < MAX_FINDINGS) {
                findings.add(new Finding(kind, bucket, key, detail));
            }
        }
    }

    private static long[] countAndBytes(ObjectStore s, String bucket, String prefix) {
        long[] r = new long[2];
        for (ObjectInfo o : s.listObjects(bucket, prefix)) {
            r[0]++;
            r[1] += o.size();
        }
        return r;
    }

    /** An object's head and the SHA-256 of its bytes, from one GET where the client returns the headers with it. */
    private record Fetched(ObjectHead head, String sha256) {
    }

    private Fetched fetch(ObjectStore s, String bucket, String key) {
        return Retry.call(s.describe() + ": GET " + bucket + "/" + key, () -> {
            ObjectStore.Download d = s.download(bucket, key);
            if (d == null) {
                return null;
            }
            try (InputStream in = d.body()) {
                return new Fetched(d.head(), HashingInputStream.sha256Of(in, null));
            } catch (IOException e) {
                throw new ObjectStoreException(ErrorCode.RUNTIME, true, s.describe() + ": reading " + bucket + "/" + key + " failed: " + e, null, e);
            }
        });
    }

    /** Deep: the head and the bytes' SHA-256 from one GET (the bytes are read anyway). Otherwise the head alone. */
    private Fetched look(ObjectStore s, String bucket, String key) {
        if (deep) {
            return fetch(s, bucket, key);
        }
        ObjectHead h = Retry.call(s.describe() + ": HEAD " + bucket + "/" + key, () -> s.head(bucket, key));
        return h == null ? null : new Fetched(h, null);
    }

    /** {@code expectedSha}: from the set's index or the source's bytes (deep), else null (heads only). */
    private void compareHeads(String bucket, String key, ObjectHead expected, String expectedSha, BucketMapper.Location to) {
        Fetched t = look(target, to.bucket(), to.key(key));
        if (t == null) {
            find("MISSING", bucket, key, "not in target " + to.bucket() + "/" + to.key(key));
            return;
        }
        ObjectHead th = t.head();
        if (th.size() != expected.size()) {
            find("SIZE", bucket, key, "source " + expected.size() + " bytes, target " + th.size());
            return;
        }
        if (expected.contentType() != null && !Objects.equals(expected.contentType(), th.contentType())) {
            find("CONTENT_TYPE", bucket, key, "source '" + expected.contentType() + "', target '" + th.contentType() + "'");
        }
        TreeSet<String> keys = new TreeSet<>(expected.userMetadata().keySet());
        keys.addAll(th.userMetadata().keySet());
        for (String k : keys) {
            String a = expected.userMetadata().get(k);
            String b = th.userMetadata().get(k);
            if (!Objects.equals(a, b)) {
                find("METADATA", bucket, key, "x-amz-meta-" + k + ": source " + (a == null ? "(absent)" : "'" + a + "'") + ", target " + (b == null ? "(absent)" : "'" + b + "'"));
            }
        }
        if (deep && !expectedSha.equals(t.sha256())) {
            find("CONTENT", bucket, key, "SHA-256 source " + expectedSha + ", target " + t.sha256());
        }
    }

    /** Live source against target. */
    public Report execute() {
        long t0 = System.nanoTime();
        progress.event(org.mosipmigrate.core.run.ProgressEvent.phaseStart(PHASE, null, null, "object"));
        AtomicLong buckets = new AtomicLong();
        AtomicLong objects = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        new ObjectWalker(source, filter, parallelism, part).walk(new ObjectWalker.Handler() {
            @Override
            public void bucket(String bucket) {
                if (!part.ownsBucket(bucket)) {
                    return; // by object, shard 0 alone compares the buckets' totals
                }
                buckets.incrementAndGet();
                BucketMapper.Location to = mapper.map(bucket);
                long[] s = countAndBytes(source, bucket, "");
                long[] t = target.bucketExists(to.bucket()) ? countAndBytes(target, to.bucket(), to.prefix()) : null;
                perBucket.put(bucket, new BucketCount(bucket, s[0], s[1], t == null ? null : t[0], t == null ? null : t[1]));
                progress.event(org.mosipmigrate.core.run.ProgressEvent.bucket(PHASE, bucket, s[0], s[1]));
                if (t == null) {
                    find("BUCKET_MISSING", bucket, "", "target bucket " + to.bucket() + " does not exist");
                } else if (s[0] != t[0] || s[1] != t[1]) {
                    find("BUCKET_COUNT", bucket, "", "source " + s[0] + " objects / " + s[1] + " bytes, target " + to.bucket() + "/" + to.prefix()
                            + " " + t[0] + " objects / " + t[1] + " bytes");
                }
            }

            @Override
            public void object(String bucket, ObjectInfo o) {
                Fetched src = look(source, bucket, o.key());
                if (src == null) {
                    return;
                }
                objects.incrementAndGet();
                bytes.addAndGet(src.head().size());
                compareHeads(bucket, o.key(), src.head(), src.sha256(), mapper.map(bucket));
            }
        });
        return report("source-target", buckets.get(), objects.get(), bytes.get(), t0);
    }

    /** Backup set (latest version of each object in the segment indexes) against target. */
    public Report executeAgainstSet(Path set) {
        return executeAgainstSet(set, null);
    }

    /** As {@link #executeAgainstSet(Path)}, for a set whose objects may be encrypted with {@code backupKey} (null: none). */
    public Report executeAgainstSet(Path set, org.mosipmigrate.core.crypto.BackupKey backupKey) {
        long t0 = System.nanoTime();
        progress.event(org.mosipmigrate.core.run.ProgressEvent.phaseStart(PHASE, null, null, "object"));
        ObjectsManifest m = ObjectsManifest.read(set, backupKey);
        DoneIndex latest = ObjectRestoreService.latest(set, m.segments(), backupKey);
        AtomicLong objects = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        List<Workers.Task> tasks = new ArrayList<>();
        for (ObjectsManifest.Segment s : m.segments()) {
            if (!part.ownsSegment(s.file())) {
                continue;
            }
            tasks.add(() -> ObjectBackupService.readIndex(set, s, backupKey, n -> {
                String bucket = n.path("b").asText();
                String key = n.path("k").asText();
                if (latest.tagOf(DoneIndex.hash(bucket, key), -1) != s.number()) {
                    return;
                }
                Map<String, String> meta = new java.util.TreeMap<>();
                n.path("meta").fields().forEachRemaining(f -> meta.put(f.getKey(), f.getValue().asText()));
                ObjectHead expected = new ObjectHead(n.path("size").asLong(), n.path("etag").asText(),
                        n.hasNonNull("contentType") ? n.get("contentType").asText() : null, meta);
                objects.incrementAndGet();
                bytes.addAndGet(expected.size());
                perBucket.merge(bucket, new BucketCount(bucket, 1, expected.size(), null, null),
                        (a, b) -> new BucketCount(bucket, a.expectedObjects() + 1, a.expectedBytes() + b.expectedBytes(), null, null));
                compareHeads(bucket, key, expected, n.path("sha256").asText(), mapper.map(bucket));
            }));
        }
        Workers.runAll(parallelism, "verify-objects", tasks);
        return report("backup-set-target", m.buckets(), objects.get(), bytes.get(), t0);
    }

    private Report report(String mode, long buckets, long objects, long bytes, long t0) {
        double secs = (System.nanoTime() - t0) / 1e9;
        List<Finding> sorted;
        synchronized (findings) {
            sorted = new ArrayList<>(findings);
        }
        sorted.sort(java.util.Comparator.comparing(Finding::bucket).thenComparing(Finding::key).thenComparing(Finding::kind));
        progress.event(org.mosipmigrate.core.run.ProgressEvent.phaseEnd(PHASE, null, objects, null, bytes, secs));
        progress.info(String.format("objects: verify %s: %,d object(s), %d difference(s) in %.1fs", mode, objects, differences.get(), secs));
        return new Report(mode, deep, buckets, objects, bytes, differences.get(), sorted, secs, List.copyOf(perBucket.values()));
    }
}
