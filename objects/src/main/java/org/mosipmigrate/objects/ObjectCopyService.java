package org.mosipmigrate.objects;

import org.mosipmigrate.core.run.Retry;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;

/**
 * Direct copy source -> target: each object is streamed GET -> PUT (multipart above the part size) with
 * its content type and user metadata, its SHA-256 computed on the way and written to the ledger. A later
 * run with the same ledger skips every object whose key, size and source ETag are unchanged, so a killed
 * copy resumes and a second copy moves only the delta (staged move).
 */
public final class ObjectCopyService {
    public record Result(long buckets, long copied, long skipped, long vanished, long bytes, double seconds, String ledger) {
    }

    private final ObjectStore source;
    private final ObjectStore target;
    private final BucketFilter filter;
    private final BucketMapper mapper;
    private final int parallelism;
    private final Path ledgerFile;
    private final Progress progress;
    private final ObjectShard part;

    public ObjectCopyService(ObjectStore source, ObjectStore target, BucketFilter filter, BucketMapper mapper, int parallelism,
                             Path ledgerFile, Progress progress) {
        this(source, target, filter, mapper, parallelism, ledgerFile, progress, ObjectShard.ALL);
    }

    /** Copies only the objects {@code part} owns, recorded in the shard's own ledger beside {@code ledgerFile}. */
    public ObjectCopyService(ObjectStore source, ObjectStore target, BucketFilter filter, BucketMapper mapper, int parallelism,
                             Path ledgerFile, Progress progress, ObjectShard part) {
        this.part = part;
        this.source = source;
        this.target = target;
        this.filter = filter;
        this.mapper = mapper;
        this.parallelism = parallelism;
        this.ledgerFile = ledgerFile;
        this.progress = progress;
    }

    /** The done-index of a copy/restore ledger: (bucket, key) -> (size, version tag). */
    static DoneIndex load(Path... ledgers) {
        DoneIndex done = new DoneIndex();
        for (Path ledger : ledgers) {
            ObjectLedger.read(ledger, n -> {
                if (n.has("k")) {
                    done.put(n.path("b").asText(), n.path("k").asText(), n.path("size").asLong(), n.path("tag").asText());
                }
            });
        }
        return done;
    }

    /** merge-ledgers for an object copy ledger: every object line of the shards, each object done by the shard that owns it. */
    public static org.mosipmigrate.core.ledger.ShardLedgers.Merged mergeShards(Path ledgerFile) {
        return mergeShards(ledgerFile, "copy", ObjectCopyService::ownedByWriter);
    }

    /** merge-ledgers for an object copy or restore ledger: every object line of the shards, each object done by one shard only. */
    static org.mosipmigrate.core.ledger.ShardLedgers.Merged mergeShards(Path ledgerFile, String command, ObjectShardLedgers.LineCheck owned) {
        ObjectShardLedgers.Checked checked = ObjectShardLedgers.check(ledgerFile, command);
        if (checked.shards().isEmpty()) {
            return null;
        }
        return ObjectShardLedgers.merge(ledgerFile, checked, owned, List.of(), () -> { });
    }

    /** The copy shard that owns an object line's bucket/key must be the one that wrote it. */
    static void ownedByWriter(ObjectShardLedgers.Shard s, com.fasterxml.jackson.databind.JsonNode n) {
        if (n.has("k") && !s.part().owns(n.path("b").asText(), n.path("k").asText())) {
            throw new MigrateException(ErrorCode.RUNTIME, "shard ledger " + s.file() + " records " + n.path("b").asText() + "/" + n.path("k").asText()
                    + ", which shard " + s.part().shard().label() + " does not own", "the shards did not split the same way; move the shard ledgers aside and copy again");
        }
    }

    public Result execute() {
        long t0 = System.nanoTime();
        if (!part.shard().isSharded()) {
            org.mosipmigrate.core.ledger.ShardLedgers.requireNoneWaiting(ledgerFile, "copy");
        }
        Path own = part.ledger(ledgerFile);
        String run = ObjectShardLedgers.run(ledgerFile);
        DoneIndex done = load(ledgerFile, own);
        if (done.size() > 0) {
            progress.info("objects: ledger " + ledgerFile.getFileName() + " lists " + done.size() + " object(s) copied before; unchanged ones are skipped");
        }
        AtomicLong buckets = new AtomicLong();
        AtomicLong copied = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong vanished = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        TargetBuckets targets = new TargetBuckets(target);
        try (ObjectLedger ledger = ObjectLedger.open(own)) {
            if (part.shard().isSharded()) {
                ObjectShardLedgers.begin(own, ledger, part, run);
            }
            new ObjectWalker(source, filter, parallelism, part).walk(new ObjectWalker.Handler() {
                @Override
                public void bucket(String bucket) {
                    buckets.incrementAndGet();
                    targets.ensure(mapper.map(bucket).bucket());
                }

                @Override
                public void object(String bucket, ObjectInfo o) {
                    if (done.matches(DoneIndex.hash(bucket, o.key()), o.size(), DoneIndex.tag(o.etag()))) {
                        skipped.incrementAndGet();
                        return;
                    }
                    BucketMapper.Location to = mapper.map(bucket);
                    String[] sha = new String[1];
                    ObjectHead head = Retry.call(source.describe() + ": GET " + bucket + "/" + o.key(), () -> {
                        ObjectStore.Download d = source.download(bucket, o.key());
                        if (d == null) {
                            return null;
                        }
                        ObjectHead h = d.head();
                        try (InputStream in = d.body()) {
                            HashingInputStream hin = new HashingInputStream(in);
                            target.put(to.bucket(), to.key(o.key()), hin, h.size(), h.contentType(), h.userMetadata());
                            if (hin.count() != h.size()) {
                                throw new ObjectStoreException(ErrorCode.RUNTIME, true, source.describe() + ": " + bucket + "/" + o.key()
                                        + " delivered " + hin.count() + " bytes, expected " + h.size(), null, null);
                            }
                            sha[0] = hin.sha256();
                        } catch (java.io.IOException e) {
                            throw new ObjectStoreException(ErrorCode.RUNTIME, true, source.describe() + ": reading " + bucket + "/" + o.key() + " failed: " + e, null, e);
                        }
                        return h;
                    });
                    if (head == null) {
                        vanished.incrementAndGet();
                        progress.info("objects: " + bucket + "/" + o.key() + " was deleted after it was listed; not copied");
                        return;
                    }
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("b", bucket);
                    line.put("k", o.key());
                    line.put("size", head.size());
                    line.put("tag", head.etag());
                    line.put("sha256", sha[0]);
                    line.put("to", to.bucket() + "/" + to.key(o.key()));
                    ledger.append(line);
                    copied.incrementAndGet();
                    bytes.addAndGet(head.size());
                }
            });
            if (part.shard().isSharded()) {
                ObjectShardLedgers.finish(ledger, part, run, Map.of("copied", copied.get(), "skipped", skipped.get()));
            }
        } catch (MigrateException e) {
            throw e;
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        progress.info(String.format("objects: copy complete: %,d bucket(s), %,d object(s) copied (%,d bytes), %,d unchanged skipped, in %.1fs",
                buckets.get(), copied.get(), bytes.get(), skipped.get(), secs));
        return new Result(buckets.get(), copied.get(), skipped.get(), vanished.get(), bytes.get(), secs, ledgerFile.toString());
    }
}
