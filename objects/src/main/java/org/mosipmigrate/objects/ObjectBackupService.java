package org.mosipmigrate.objects;

import org.mosipmigrate.core.run.Retry;
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
import org.mosipmigrate.core.ledger.ShardLedgers;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.core.run.ProgressEvent;
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
    /** The phase name of the object backup's progress events. */
    public static final String PHASE = "objects backup";
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
    private final ObjectShard part;
    private final SetSpool spool;

    public ObjectBackupService(ObjectStore source, BucketFilter filter, int parallelism, Path set, long segmentBytes, int level, Progress progress) {
        this(source, filter, parallelism, set, segmentBytes, level, progress, null);
    }

    /** With a key (may be null), segments and indexes are encrypted and objects/manifest.json is sealed. */
    public ObjectBackupService(ObjectStore source, BucketFilter filter, int parallelism, Path set, long segmentBytes, int level, Progress progress,
                               BackupKey key) {
        this(source, filter, parallelism, set, segmentBytes, level, progress, key, ObjectShard.ALL, SetSpool.local(set));
    }

    /**
     * Backs up only the objects {@code part} owns into segments named after the shard, recorded in the shard's own
     * ledger; objects/manifest.json is then written by merge-ledgers ({@link #mergeShards}). {@code spool}: where a
     * finished segment goes (for a set on S3: uploaded, then removed here; its index stays).
     */
    public ObjectBackupService(ObjectStore source, BucketFilter filter, int parallelism, Path set, long segmentBytes, int level, Progress progress,
                               BackupKey key, ObjectShard part, SetSpool spool) {
        this.part = part;
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
        return recorded(set.resolve(LEDGER));
    }

    /** Finished segments recorded in one ledger file, in number order. */
    static List<ObjectsManifest.Segment> recorded(Path ledgerFile) {
        Map<Integer, ObjectsManifest.Segment> byNumber = new java.util.TreeMap<>();
        ObjectLedger.read(ledgerFile, n -> {
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
        Path mainLedger = set.resolve(LEDGER);
        Path own = part.ledger(mainLedger);
        Shard shard = part.shard();
        if (!shard.isSharded()) {
            ShardLedgers.requireNoneWaiting(mainLedger, "backup");
        }
        String run = ObjectShardLedgers.run(mainLedger);
        List<ObjectsManifest.Segment> before = new ArrayList<>(segments(set));
        List<ObjectsManifest.Segment> mine = shard.isSharded() ? recorded(own) : List.of();
        before.addAll(mine);
        DoneIndex done = new DoneIndex();
        for (ObjectsManifest.Segment s : before) {
            readIndex(set, s, key, n -> done.put(n.path("b").asText(), n.path("k").asText(), n.path("size").asLong(), n.path("etag").asText()));
        }
        try {
            PrivateFiles.createDirectories(dir);
            try (var leftovers = Files.list(dir)) {
                // a shard discards only its own partial segments: the other shards are writing theirs
                for (Path p : leftovers.filter(p -> p.getFileName().toString().endsWith(".partial")
                        && (!shard.isSharded() || p.getFileName().toString().contains("-" + shard.tag() + "."))).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot prepare " + dir + ": " + e.getMessage(), "check the path and free space", e);
        }
        if (!before.isEmpty()) {
            progress.info("objects: backup set holds " + before.size() + " segment(s) with " + done.size() + " object(s); only new or changed objects are added");
        }
        // shard I of N numbers its segments I+1, I+1+N, ... above the merged ones, so that shards never collide and
        // a later run's segments (which supersede earlier ones for the same key) always have higher numbers
        int merged = segments(set).stream().mapToInt(ObjectsManifest.Segment::number).max().orElse(0);
        int step = shard.count();
        AtomicInteger next = new AtomicInteger(!shard.isSharded() ? before.stream().mapToInt(ObjectsManifest.Segment::number).max().orElse(0) + 1
                : mine.isEmpty() ? merged + 1 + shard.index() : mine.stream().mapToInt(ObjectsManifest.Segment::number).max().getAsInt() + step);
        String suffix = shard.isSharded() ? "-" + shard.tag() : "";
        Path bucketsFile = shard.fileBeside(set.resolve(BUCKETS));
        Path bucketsEnc = bucketsFile.resolveSibling(bucketsFile.getFileName() + SetFiles.ENC);
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
                PrivateFiles.createFileIfMissing(bucketsFile);
                bucketList = Files.newBufferedWriter(bucketsFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } else {
                // bucket names (RIDs in the bucket-per-RID layout) are encrypted too: kept in memory, rewritten whole at the end
                Path enc = bucketsEnc;
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
        progress.event(ProgressEvent.phaseStart(PHASE, null, null, "object"));
        try (ObjectLedger ledger = ObjectLedger.open(own)) {
            if (shard.isSharded()) {
                ObjectShardLedgers.begin(own, ledger, part, run);
            }
            try {
                new ObjectWalker(source, filter, parallelism, part).walk(new ObjectWalker.Handler() {
                    @Override
                    public void bucket(String bucket) throws IOException {
                        if (!part.ownsBucket(bucket)) {
                            return; // by object, shard 0 alone records the bucket names
                        }
                        buckets.incrementAndGet();
                        progress.event(ProgressEvent.bucket(PHASE, bucket, null, null));
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
                        ObjectHead head = Retry.call(source.describe() + ": HEAD " + bucket + "/" + o.key(), () -> source.head(bucket, o.key()));
                        if (head == null) {
                            vanished.incrementAndGet();
                            return;
                        }
                        SegmentWriter w = free.poll();
                        if (w == null) {
                            w = new SegmentWriter(dir, next.getAndAdd(step), level, key, suffix);
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
                        writeEncrypted(bucketsEnc, encryptedBuckets.toString().getBytes(StandardCharsets.UTF_8), key);
                    }
                } catch (IOException e) {
                    progress.info("objects: cannot close " + BUCKETS + ": " + e.getMessage());
                }
            }
            if (shard.isSharded()) {
                ObjectShardLedgers.finish(ledger, part, run, Map.of("buckets", buckets.get(), "written", written.get(), "source", source.describe()));
            }
        }
        if (shard.isSharded()) {
            progress.info(String.format("objects: backup shard %s finished: %,d object(s) written into %d segment(s), %,d unchanged skipped;"
                    + " when every shard has, run merge-ledgers", shard.label(), written.get(), segmentsWritten.get(), skipped.get()));
            return new Result(buckets.get(), written.get(), skipped.get(), vanished.get(), bytes.get(), segmentsWritten.get(),
                    (System.nanoTime() - t0) / 1e9, set.toString());
        }
        writeManifest(set, source.describe(), buckets.get(), key);
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.event(ProgressEvent.phaseEnd(PHASE, null, written.get(), null, bytes.get(), secs));
        progress.info(String.format("objects: backup complete: %,d bucket(s), %,d object(s) written (%,d bytes) into %d segment(s), %,d unchanged skipped, in %.1fs",
                buckets.get(), written.get(), bytes.get(), segmentsWritten.get(), skipped.get(), secs));
        return new Result(buckets.get(), written.get(), skipped.get(), vanished.get(), bytes.get(), segmentsWritten.get(), secs, set.toString());
    }

    /** objects/manifest.json from every segment the main ledger records. */
    private static void writeManifest(Path set, String source, long buckets, BackupKey key) {
        List<ObjectsManifest.Segment> all = segments(set);
        DoneIndex distinct = new DoneIndex();
        long raw = 0;
        for (ObjectsManifest.Segment s : all) {
            raw += s.rawBytes();
            readIndex(set, s, key, n -> distinct.put(n.path("b").asText(), n.path("k").asText(), 0, ""));
        }
        new ObjectsManifest(ObjectsManifest.FORMAT, ObjectsManifest.FORMAT_VERSION, Instant.now().toString(), source,
                buckets, distinct.size(), raw, all.stream().mapToLong(ObjectsManifest.Segment::bytes).sum(), all,
                key == null ? null : new Manifest.EncryptionInfo(key.keyId(), ObjectsManifest.CIPHER, ObjectsManifest.SEAL)).write(set, key);
    }

    /**
     * merge-ledgers for object backups: checks that every object of the shards' segments is owned by the shard that
     * wrote it and by no other, appends the segments to the main ledger and the shards' bucket lists to the set's, and
     * writes objects/manifest.json. Null when no shard ledger waits.
     */
    public static ShardLedgers.Merged mergeShards(Path set, BackupKey key) {
        Path main = set.resolve(LEDGER);
        ObjectShardLedgers.Checked checked = ObjectShardLedgers.check(main, "backup");
        if (checked.shards().isEmpty()) {
            return null;
        }
        List<Path> lists = new ArrayList<>();
        for (ObjectShardLedgers.Shard s : checked.shards()) {
            Path plain = s.part().shard().fileBeside(set.resolve(BUCKETS));
            Path listed = key == null ? plain : plain.resolveSibling(plain.getFileName() + SetFiles.ENC);
            if (Files.exists(listed)) {
                lists.add(listed);
            }
        }
        if (!checked.alreadyMerged()) {
            checkSegments(set, key, checked.shards());
            appendBucketLists(set, key, lists);
        }
        long buckets = checked.shards().stream().mapToLong(s -> s.finished().path("buckets").asLong()).sum();
        String source = checked.shards().get(0).finished().path("source").asText();
        return ObjectShardLedgers.merge(main, checked, (s, n) -> { }, lists, () -> writeManifest(set, source, buckets, key));
    }

    private static void checkSegments(Path set, BackupKey key, List<ObjectShardLedgers.Shard> shards) {
        Map<Integer, String> numbers = new java.util.HashMap<>();
        segments(set).forEach(s -> numbers.put(s.number(), s.file()));
        DoneIndex writer = new DoneIndex();
        for (ObjectShardLedgers.Shard sh : shards) {
            for (ObjectsManifest.Segment seg : recorded(sh.file())) {
                String clash = numbers.putIfAbsent(seg.number(), seg.file());
                if (clash != null && !clash.equals(seg.file())) {
                    throw new MigrateException(ErrorCode.RUNTIME, "segments " + clash + " and " + seg.file() + " share number " + seg.number(),
                            "the shards did not number their segments apart; move the shard ledgers aside and back the objects up again");
                }
                readIndex(set, seg, key, n -> {
                    String b = n.path("b").asText();
                    String k = n.path("k").asText();
                    if (!sh.part().owns(b, k)) {
                        throw new MigrateException(ErrorCode.RUNTIME, "segment " + seg.file() + " of shard " + sh.part().shard().label() + " holds " + b + "/" + k
                                + ", which that shard does not own", "the shards did not split the same way; move the shard ledgers aside and back up again");
                    }
                    long h = DoneIndex.hash(b, k);
                    long other = writer.tagOf(h, -1);
                    if (other >= 0 && other != sh.part().shard().index()) {
                        throw new MigrateException(ErrorCode.RUNTIME, "object " + b + "/" + k + " was backed up by shard " + other + " and by shard "
                                + sh.part().shard().label(), "the shards did not split the same way; move the shard ledgers aside and back up again");
                    }
                    writer.put(h, 0, sh.part().shard().index());
                });
            }
        }
    }

    /** The shards' bucket lists appended to the set's (whole-file encrypted lists are rewritten whole). */
    private static void appendBucketLists(Path set, BackupKey key, List<Path> lists) {
        try {
            if (key == null) {
                PrivateFiles.createFileIfMissing(set.resolve(BUCKETS));
                try (var out = Files.newOutputStream(set.resolve(BUCKETS), StandardOpenOption.APPEND)) {
                    for (Path p : lists) {
                        Files.copy(p, out);
                    }
                }
                return;
            }
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            Path enc = set.resolve(BUCKETS + SetFiles.ENC);
            List<Path> sources = new ArrayList<>();
            if (Files.exists(enc)) {
                sources.add(enc);
            }
            sources.addAll(lists);
            for (Path p : sources) {
                try (InputStream in = SetFiles.decrypting(Files.newInputStream(p), p, key)) {
                    in.transferTo(all);
                }
            }
            writeEncrypted(enc, all.toByteArray(), key);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot merge the shards' bucket lists into " + set.resolve(BUCKETS) + ": " + e.getMessage(),
                    "check free space; merge-ledgers can be run again", e);
        }
    }

    private static void writeEncrypted(Path file, byte[] content, BackupKey key) throws IOException {
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
