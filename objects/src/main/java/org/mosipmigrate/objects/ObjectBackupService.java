package org.mosipmigrate.objects;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.PrivateFiles;
import org.mosipmigrate.core.set.SafePaths;
import org.mosipmigrate.core.set.SetSpool;

/**
 * Backup of objects into the backup set as zstd-compressed tar segments with one index per segment.
 * Each worker fills its own segment; a segment is closed at {@code segmentBytes} of object data and only
 * then recorded in the ledger, so a killed run re-sends exactly the objects of its unfinished segments.
 * A second backup into the same set writes new segments holding only new or changed objects (by key,
 * size and source ETag) and reports the unchanged ones as skipped.
 */
public final class ObjectBackupService {
    public static final String LEDGER = "ledger/objects-backup.jsonl";
    public static final String SEGMENTS = "objects/segments";
    public static final String BUCKETS = "objects/buckets.txt";

    public record Result(long buckets, long written, long skipped, long vanished, long bytes, int segments, double seconds, String backupSet) {
    }

    private final ObjectStore source;
    private final BucketFilter filter;
    private final int parallelism;
    private final Path set;
    private final long segmentBytes;
    private final int level;
    private final Progress progress;
    private final BackupKey key;
    private final SetSpool spool;

    public ObjectBackupService(ObjectStore source, BucketFilter filter, int parallelism, Path set, long segmentBytes, int level, Progress progress) {
        this(source, filter, parallelism, set, segmentBytes, level, progress, null);
    }

    /** With a key (may be null), segments and indexes are encrypted and objects/manifest.json is sealed. */
    public ObjectBackupService(ObjectStore source, BucketFilter filter, int parallelism, Path set, long segmentBytes, int level, Progress progress,
                               BackupKey key) {
        this(source, filter, parallelism, set, segmentBytes, level, progress, key, SetSpool.local(set));
    }

    /** {@code spool}: where a finished segment goes (for a set on S3: uploaded, then removed here; its index stays). */
    public ObjectBackupService(ObjectStore source, BucketFilter filter, int parallelism, Path set, long segmentBytes, int level, Progress progress,
                               BackupKey key, SetSpool spool) {
        this.spool = spool;
        this.key = key;
        this.source = source;
        this.filter = filter;
        this.parallelism = parallelism;
        this.set = set;
        this.segmentBytes = segmentBytes;
        this.level = level;
        this.progress = progress;
    }

    /** Finished segments recorded in a backup ledger, in number order. */
    static List<ObjectsManifest.Segment> segments(Path set) {
        Map<Integer, ObjectsManifest.Segment> byNumber = new java.util.TreeMap<>();
        ObjectLedger.read(set.resolve(LEDGER), n -> {
            if (n.has("segment")) {
                try {
                    ObjectsManifest.Segment s = Json.LINE.treeToValue(n.get("segment"), ObjectsManifest.Segment.class);
                    byNumber.put(s.number(), s);
                } catch (IOException ignored) {
                    // not a segment line
                }
            }
        });
        return new ArrayList<>(byNumber.values());
    }

    /** Streams the index lines of a segment, decrypting with the key when the index is encrypted. */
    static void readIndex(Path set, ObjectsManifest.Segment s, BackupKey key, java.util.function.Consumer<com.fasterxml.jackson.databind.JsonNode> each) {
        Path idx = SafePaths.resolveIn(set, s.index());
        if (!Files.isRegularFile(idx)) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "segment index " + idx + " is missing", "the backup set is damaged; restore it from a copy");
        }
        try {
            ObjectLedger.read(idx, SetFiles.decrypting(Files.newInputStream(idx), idx, key), each);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "cannot read segment index " + idx + ": " + e.getMessage(), null, e);
        }
    }

    public Result execute() {
        long t0 = System.nanoTime();
        Path dir = set.resolve(SEGMENTS);
        List<ObjectsManifest.Segment> before = segments(set);
        DoneIndex done = new DoneIndex();
        for (ObjectsManifest.Segment s : before) {
            readIndex(set, s, key, n -> done.put(n.path("b").asText(), n.path("k").asText(), n.path("size").asLong(), n.path("etag").asText()));
        }
        try {
            PrivateFiles.createDirectories(dir);
            try (var leftovers = Files.list(dir)) {
                for (Path p : leftovers.filter(p -> p.getFileName().toString().endsWith(".partial")).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot prepare " + dir + ": " + e.getMessage(), "check the path and free space", e);
        }
        if (!before.isEmpty()) {
            progress.info("objects: backup set holds " + before.size() + " segment(s) with " + done.size() + " object(s); only new or changed objects are added");
        }
        AtomicInteger next = new AtomicInteger(before.stream().mapToInt(ObjectsManifest.Segment::number).max().orElse(0) + 1);
        ConcurrentLinkedQueue<SegmentWriter> free = new ConcurrentLinkedQueue<>();
        AtomicLong buckets = new AtomicLong();
        AtomicLong written = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong vanished = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicInteger segmentsWritten = new AtomicInteger();
        BufferedWriter bucketList;
        java.io.StringWriter encryptedBuckets = key == null ? null : new java.io.StringWriter();
        try {
            if (key == null) {
                PrivateFiles.createFileIfMissing(set.resolve(BUCKETS));
                bucketList = Files.newBufferedWriter(set.resolve(BUCKETS), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                // bucket names (RIDs in the bucket-per-RID layout) are encrypted too: kept in memory, rewritten whole at the end
                Path enc = set.resolve(BUCKETS + SetFiles.ENC);
                if (Files.exists(enc)) {
                    try (InputStream in = SetFiles.decrypting(Files.newInputStream(enc), enc, key)) {
                        encryptedBuckets.write(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
                bucketList = new BufferedWriter(encryptedBuckets);
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + set.resolve(BUCKETS) + ": " + e.getMessage(), null, e);
        }
        try (ObjectLedger ledger = ObjectLedger.open(set.resolve(LEDGER))) {
            try {
                new ObjectWalker(source, filter, parallelism).walk(new ObjectWalker.Handler() {
                    @Override
                    public void bucket(String bucket) throws IOException {
                        buckets.incrementAndGet();
                        synchronized (bucketList) {
                            bucketList.write(bucket);
                            bucketList.write('\n');
                        }
                    }

                    @Override
                    public void object(String bucket, ObjectInfo o) throws IOException {
                        if (done.matches(DoneIndex.hash(bucket, o.key()), o.size(), DoneIndex.tag(o.etag()))) {
                            skipped.incrementAndGet();
                            return;
                        }
                        ObjectHead head = Retry.DEFAULT.call(() -> source.head(bucket, o.key()));
                        if (head == null) {
                            vanished.incrementAndGet();
                            return;
                        }
                        SegmentWriter w = free.poll();
                        if (w == null) {
                            w = new SegmentWriter(dir, next.getAndIncrement(), level, key);
                        }
                        try (InputStream in = new ResumingInputStream(source, bucket, o.key(), head.size())) {
                            w.add(bucket, o.key(), head, in);
                        } catch (IOException | RuntimeException e) {
                            w.abandon();
                            throw new MigrateException(ErrorCode.RUNTIME, source.describe() + ": reading " + bucket + "/" + o.key() + " failed: " + e.getMessage(),
                                    "run the same command again: finished segments are kept, the objects of unfinished ones are read again", e);
                        }
                        written.incrementAndGet();
                        bytes.addAndGet(head.size());
                        if (w.rawBytes() >= segmentBytes) {
                            record(w, ledger);
                            segmentsWritten.incrementAndGet();
                        } else {
                            free.add(w);
                        }
                    }
                });
            } finally {
                SegmentWriter w;
                while ((w = free.poll()) != null) {
                    if (w.objects() > 0) {
                        record(w, ledger);
                        segmentsWritten.incrementAndGet();
                    } else {
                        w.abandon();
                    }
                }
                try {
                    bucketList.close();
                    if (encryptedBuckets != null) {
                        writeEncrypted(set.resolve(BUCKETS + SetFiles.ENC), encryptedBuckets.toString().getBytes(StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    progress.info("objects: cannot close " + BUCKETS + ": " + e.getMessage());
                }
            }
        }
        List<ObjectsManifest.Segment> all = segments(set);
        DoneIndex distinct = new DoneIndex();
        long[] raw = {0};
        for (ObjectsManifest.Segment s : all) {
            raw[0] += s.rawBytes();
        }
        for (ObjectsManifest.Segment s : all) {
            readIndex(set, s, key, n -> distinct.put(n.path("b").asText(), n.path("k").asText(), 0, ""));
        }
        new ObjectsManifest(ObjectsManifest.FORMAT, ObjectsManifest.FORMAT_VERSION, Instant.now().toString(), source.describe(),
                buckets.get(), distinct.size(), raw[0], all.stream().mapToLong(ObjectsManifest.Segment::bytes).sum(), all,
                key == null ? null : new Manifest.EncryptionInfo(key.keyId(), ObjectsManifest.CIPHER, ObjectsManifest.SEAL)).write(set, key);
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.info(String.format("objects: backup complete: %,d bucket(s), %,d object(s) written (%,d bytes) into %d segment(s), %,d unchanged skipped, in %.1fs",
                buckets.get(), written.get(), bytes.get(), segmentsWritten.get(), skipped.get(), secs));
        return new Result(buckets.get(), written.get(), skipped.get(), vanished.get(), bytes.get(), segmentsWritten.get(), secs, set.toString());
    }

    private void writeEncrypted(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (java.io.OutputStream out = SetFiles.encrypting(PrivateFiles.newOutputStream(tmp), key)) {
            out.write(content);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void record(SegmentWriter w, ObjectLedger ledger) {
        try {
            SegmentWriter.Finished f = w.finish();
            ObjectsManifest.Segment s = new ObjectsManifest.Segment(f.number(), SEGMENTS + "/" + f.file(), SEGMENTS + "/" + f.index(), f.objects(),
                    f.rawBytes(), f.bytes(), f.sha256(), f.indexSha256());
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("segment", s);
            ledger.append(line);
            spool.finished(s.file());
        } catch (IOException e) {
            w.abandon();
            throw new MigrateException(ErrorCode.RUNTIME, "cannot finish an object segment in " + set + ": " + e.getMessage(), "check free disk space, then run again", e);
        }
    }

    static Comparator<ObjectsManifest.Segment> byNumber() {
        return Comparator.comparingInt(ObjectsManifest.Segment::number);
    }
}
