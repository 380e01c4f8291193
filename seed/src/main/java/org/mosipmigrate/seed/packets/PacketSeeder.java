package org.mosipmigrate.seed.packets;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;

/**
 * Synthetic registration packets in a V2 object store, for {@code seed-v2}: per registration id an id and an
 * evidence packet (zip, 50 KiB to 2 MiB times {@code sizeScale}), an optional packet for about a third of them, and
 * a {@code Tags/} object, with MOSIP's user metadata
 * ({@code x-amz-meta-rid}, {@code -process}, {@code -source}, ...). Everything (which objects, sizes, bytes,
 * metadata) is a function of the seed and the registration id, so the same seed gives the same objects. Bytes are
 * generated while uploaded; memory does not grow with the number or size of objects.
 */
public final class PacketSeeder {
    /** Where MOSIP's account layout keeps packets when no other account bucket is named. */
    public static final String DEFAULT_ACCOUNT_BUCKET = "packet-manager";
    static final long MIN_PACKET = 50L << 10;
    static final long MAX_PACKET = 2L << 20;
    private static final byte[] ZIP_HEADER = {'P', 'K', 3, 4};
    private static final String SOURCE = "REGISTRATION_CLIENT";
    private static final String[] PROCESSES = {"NEW", "NEW", "NEW", "NEW", "UPDATE", "LOST"};

    /**
     * @param sizeScale packet sizes are 50 KiB..2 MiB times this (1.0 = realistic sizes; seed-v2 defaults to less to keep
     *                  the total modest)
     */
    public record Options(PacketLayout layout, String accountBucket, long seed, double sizeScale, int parallelism) {
    }

    public record Result(long registrations, long buckets, long objects, long bytes, long millis) {
    }

    /** One object to write. */
    record Planned(String bucket, String key, long size, String contentType, Map<String, String> metadata, long contentSeed, byte[] header) {
    }

    private final PacketStore store;
    private final Progress progress;

    public PacketSeeder(PacketStore store, Progress progress) {
        this.store = store;
        this.progress = progress;
    }

    /** Writes the packets of every registration id {@code rids} yields (read lazily). */
    public Result seed(Iterable<String> rids, Options o) {
        long start = System.nanoTime();
        if (o.layout() == PacketLayout.ACCOUNT_BUCKET) {
            store.createBucket(o.accountBucket());
        }
        AtomicLong registrations = new AtomicLong();
        AtomicLong objects = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger n = new AtomicInteger();
        int parallelism = Math.max(1, o.parallelism());
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "seed-objects-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(parallelism * 4);
        try {
            for (String rid : rids) {
                if (failure.get() != null) {
                    break;
                }
                inFlight.acquireUninterruptibly();
                pool.execute(() -> {
                    try {
                        if (failure.get() == null) {
                            List<Planned> planned = objectsOf(rid, o);
                            if (o.layout() == PacketLayout.BUCKET_PER_RID) {
                                store.createBucket(rid);
                            }
                            for (Planned p : planned) {
                                store.put(p.bucket(), p.key(), new SeededBytes(p.contentSeed(), p.size(), p.header()), p.size(), p.contentType(), p.metadata());
                                bytes.addAndGet(p.size());
                            }
                            objects.addAndGet(planned.size());
                            long done = registrations.incrementAndGet();
                            if (done % 2000 == 0) {
                                progress.info(String.format("seed-v2: packets of %,d registrations written (%,d objects)", done, objects.get()));
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    } finally {
                        inFlight.release();
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(7, TimeUnit.DAYS)) {
                throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: packet upload did not finish", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: interrupted while writing packets", null, e);
        } finally {
            pool.shutdownNow();
        }
        Throwable t = failure.get();
        if (t instanceof MigrateException me) {
            throw me;
        }
        if (t != null) {
            throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: writing packets to " + store.describe() + " failed: " + t.getMessage(),
                    "check the source object store and its keys", t);
        }
        long buckets = o.layout() == PacketLayout.BUCKET_PER_RID ? registrations.get() : 1;
        return new Result(registrations.get(), buckets, objects.get(), bytes.get(), (System.nanoTime() - start) / 1_000_000);
    }

    /** The objects of one registration: a pure function of (options, rid). */
    static List<Planned> objectsOf(String rid, Options o) {
        SplittableRandom r = new SplittableRandom(o.seed() * 0x9E3779B97F4A7C15L ^ rid.hashCode());
        String process = PROCESSES[r.nextInt(PROCESSES.length)];
        boolean perRid = o.layout() == PacketLayout.BUCKET_PER_RID;
        String bucket = perRid ? rid : o.accountBucket();
        String prefix = perRid ? "" : rid + "/";
        String dir = prefix + SOURCE + "/" + process + "/";
        String created = creationDate(rid);
        List<Planned> out = new ArrayList<>();
        List<String> types = new ArrayList<>(List.of("id", "evidence"));
        if (r.nextInt(3) == 0) {
            types.add("optional");
        }
        for (String type : types) {
            long size = Math.max(1, Math.round(packetSize(r.nextDouble()) * o.sizeScale()));
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("rid", rid);
            meta.put("source", SOURCE);
            meta.put("process", process);
            meta.put("schemaversion", "0.1");
            meta.put("creationdate", created);
            meta.put("encryptedhash", hex(r, 32));
            meta.put("signature", hex(r, 64));
            meta.put("packetid", rid + "-" + SOURCE + "-" + process + "_" + type);
            out.add(new Planned(bucket, dir + rid + "_" + type + ".zip", size, "application/zip", meta, r.nextLong(), ZIP_HEADER));
        }
        byte[] tag = process.getBytes(StandardCharsets.UTF_8);
        out.add(new Planned(bucket, prefix + "Tags/" + rid + "/PROCESS", tag.length, null, Map.of(), 0, tag));
        return out;
    }

    /** Log-uniform between 50 KiB and 2 MiB, as packet sizes spread in the field. */
    static long packetSize(double u) {
        return Math.round(MIN_PACKET * Math.pow((double) MAX_PACKET / MIN_PACKET, u));
    }

    /** The packet's creation time is the last 14 digits of a MOSIP RID (yyyyMMddHHmmss). */
    static String creationDate(String rid) {
        if (rid.length() < 14 || !rid.substring(rid.length() - 14).chars().allMatch(Character::isDigit)) {
            return "2021-03-01T08:00:00.000Z";
        }
        String t = rid.substring(rid.length() - 14);
        return t.substring(0, 4) + "-" + t.substring(4, 6) + "-" + t.substring(6, 8) + "T" + t.substring(8, 10) + ":" + t.substring(10, 12) + ":"
                + t.substring(12, 14) + ".000Z";
    }

    private static String hex(SplittableRandom r, int bytes) {
        byte[] b = new byte[bytes];
        for (int i = 0; i < bytes; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return HexFormat.of().formatHex(b);
    }
}
