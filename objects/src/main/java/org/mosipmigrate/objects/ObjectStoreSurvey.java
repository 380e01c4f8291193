package org.mosipmigrate.objects;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * What preflight needs to know about a V2 object store: which packet layout it uses (detected from bucket names
 * and keys, never assumed), how many buckets and objects, how many bytes, and the read rate measured by reading
 * a small sample of objects. Lists every selected bucket (in parallel, bounded memory); reads only the sample.
 */
public final class ObjectStoreSurvey {
    /** A MOSIP registration id: 29 digits (centre, machine, counter, timestamp). */
    public static final Pattern RID = Pattern.compile("\\d{29}");

    public enum Layout { BUCKET_PER_RID, ACCOUNT_BUCKET, MIXED, NO_PACKETS }

    /**
     * @param ridBuckets      buckets named like a registration id
     * @param accountBuckets  other buckets holding keys that start with a registration id
     * @param otherBuckets    buckets with neither
     * @param sampleObjects   objects read for the rate (sampleBytes in sampleMillis)
     * @param sortedBuckets   buckets the server did not list in UTF-8 key order (walked through a sorted run on disk)
     */
    public record Result(Layout layout, long buckets, long ridBuckets, List<String> accountBuckets, long otherBuckets, long objects, long bytes,
                         long largestObject, int sampleObjects, long sampleBytes, long sampleMillis, int sortedBuckets) {
        /** Bytes per second of the sample read, or 0 when nothing could be sampled. */
        public double bytesPerSecond() {
            return sampleMillis <= 0 ? 0 : sampleBytes * 1000.0 / sampleMillis;
        }

        /** Milliseconds per object of the sample (request latency included). */
        public double millisPerObject() {
            return sampleObjects == 0 ? 0 : (double) sampleMillis / sampleObjects;
        }

        /**
         * Seconds a copy would take at the sampled rate with {@code parallelism} transfers at once: the larger of the
         * bytes at the sampled byte rate and the objects at the sampled per-object time, divided by the parallelism.
         * A rough guide (one sample, one client); the rehearsal measures the real figure.
         */
        public double estimatedCopySeconds(int parallelism) {
            if (sampleObjects == 0) {
                return 0;
            }
            double byBytes = bytesPerSecond() <= 0 ? 0 : bytes / bytesPerSecond();
            double byObjects = objects * millisPerObject() / 1000.0;
            return Math.max(byBytes, byObjects) / Math.max(1, parallelism);
        }
    }

    private final ObjectStore store;
    private final BucketFilter filter;
    private final int parallelism;

    public ObjectStoreSurvey(ObjectStore store, BucketFilter filter, int parallelism) {
        this.store = store;
        this.filter = filter;
        this.parallelism = parallelism;
    }

    /** Lists everything, then reads up to {@code sampleObjects} objects (at most {@code sampleBytes} in all). */
    public Result run(int sampleObjects, long sampleBytes) {
        AtomicLong buckets = new AtomicLong();
        AtomicLong ridBuckets = new AtomicLong();
        AtomicLong objects = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        AtomicLong largest = new AtomicLong();
        List<String> account = Collections.synchronizedList(new ArrayList<>());
        java.util.Set<String> bucketsWithPackets = java.util.concurrent.ConcurrentHashMap.newKeySet();
        List<String[]> sample = Collections.synchronizedList(new ArrayList<>());
        ObjectWalker walker = new ObjectWalker(store, filter, parallelism);
        walker.walk(new ObjectWalker.Handler() {
            @Override
            public void bucket(String bucket) {
                buckets.incrementAndGet();
                if (RID.matcher(bucket).matches()) {
                    ridBuckets.incrementAndGet();
                }
            }

            @Override
            public void object(String bucket, ObjectInfo o) {
                objects.incrementAndGet();
                bytes.addAndGet(o.size());
                largest.accumulateAndGet(o.size(), Math::max);
                int slash = o.key().indexOf('/');
                if (!RID.matcher(bucket).matches() && slash > 0 && RID.matcher(o.key().substring(0, slash)).matches() && bucketsWithPackets.add(bucket)) {
                    account.add(bucket);
                }
                if (o.size() > 0 && sample.size() < sampleObjects) {
                    sample.add(new String[] {bucket, o.key()});
                }
            }
        });
        long sampled = 0;
        int sampledObjects = 0;
        long t0 = System.nanoTime();
        byte[] buf = new byte[64 << 10];
        for (String[] s : List.copyOf(sample)) {
            if (sampled >= sampleBytes) {
                break;
            }
            try (InputStream in = store.get(s[0], s[1])) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    sampled += n;
                }
            } catch (java.io.IOException e) {
                throw new ObjectStoreException(org.mosipmigrate.core.error.ErrorCode.SOURCE_UNREACHABLE, false,
                        store.describe() + ": cannot read " + s[0] + "/" + s[1] + " for the rate sample: " + e.getMessage(), "check the source object store", e);
            }
            sampledObjects++;
        }
        long millis = Math.max(sampledObjects == 0 ? 0 : 1, (System.nanoTime() - t0) / 1_000_000);
        List<String> acc = new ArrayList<>(account);
        Collections.sort(acc);
        Layout layout = ridBuckets.get() > 0 && !acc.isEmpty() ? Layout.MIXED
                : ridBuckets.get() > 0 ? Layout.BUCKET_PER_RID : !acc.isEmpty() ? Layout.ACCOUNT_BUCKET : Layout.NO_PACKETS;
        long other = buckets.get() - ridBuckets.get() - acc.size();
        return new Result(layout, buckets.get(), ridBuckets.get(), acc, other, objects.get(), bytes.get(), largest.get(), sampledObjects,
                sampled, millis, walker.sortedBuckets());
    }
}
