package org.mosipmigrate.objects;

import org.mosipmigrate.core.run.Retry;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Streams every selected object of a store to a handler on {@code parallelism} workers. Bucket names are
 * read lazily and handed to several listers; each lister pages through its bucket ({@link BucketListing}: each object
 * exactly once, in any server order) and queues the objects.
 * Every queue is bounded, so memory does not grow with the number of buckets or objects. The first failure
 * stops listing and is rethrown once the running handlers have returned.
 */
public final class ObjectWalker {
    public interface Handler {
        /** Called once per selected bucket, on a lister thread, before its objects. */
        void bucket(String bucket) throws Exception;

        /** Called once per object, on a worker thread. */
        void object(String bucket, ObjectInfo object) throws Exception;
    }

    private static final String END = "\u0000end";
    private final ObjectStore store;
    private final BucketFilter filter;
    private final int parallelism;
    private final ObjectShard part;
    private final AtomicInteger sortedBuckets = new AtomicInteger();

    public ObjectWalker(ObjectStore store, BucketFilter filter, int parallelism) {
        this(store, filter, parallelism, ObjectShard.ALL);
    }

    /** Walks only the buckets and objects {@code part} owns. */
    public ObjectWalker(ObjectStore store, BucketFilter filter, int parallelism, ObjectShard part) {
        this.store = store;
        this.filter = filter;
        this.parallelism = Math.max(1, parallelism);
        this.part = part;
    }

    public void walk(Handler handler) {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor workers = new ThreadPoolExecutor(parallelism, parallelism, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "objects-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Semaphore inFlight = new Semaphore(parallelism * 8);
        int listerCount = Math.max(1, Math.min(parallelism, 8));
        BlockingQueue<String> buckets = new ArrayBlockingQueue<>(1024);
        Thread[] listers = new Thread[listerCount];
        for (int i = 0; i < listerCount; i++) {
            listers[i] = new Thread(() -> {
                try {
                    String b;
                    while (!(b = buckets.take()).equals(END)) {
                        if (failure.get() != null) {
                            continue;
                        }
                        try {
                            String bucket = b;
                            // per-bucket work (create the target bucket, count both sides) is idempotent: retried whole
                            Retry.run(store.describe() + ": bucket " + bucket, () -> handler.bucket(bucket));
                            // every object once, whatever the server's order and however often the listing is taken again (BucketListing)
                            BucketListing listing = new BucketListing(store, bucket, store.listing(), () -> failure.get() != null);
                            listing.walk(o -> {
                                if (!part.owns(bucket, o.key())) {
                                    return;
                                }
                                try {
                                    inFlight.acquire();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                    throw new IllegalStateException("interrupted", e);
                                }
                                workers.execute(() -> {
                                    try {
                                        if (failure.get() == null) {
                                            handler.object(bucket, o);
                                        }
                                    } catch (Throwable t) {
                                        failure.compareAndSet(null, t);
                                    } finally {
                                        inFlight.release();
                                    }
                                });
                            });
                            if (listing.sorted()) {
                                sortedBuckets.incrementAndGet();
                            }
                        } catch (Throwable t) {
                            failure.compareAndSet(null, t);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "lister-" + i);
            listers[i].setDaemon(true);
            listers[i].start();
        }
        try {
            List<String> exact = filter.exactNames();
            Iterable<String> names = exact != null ? exact : Retry.call(store.describe() + ": bucket list", store::listBuckets);
            for (String b : names) {
                if (failure.get() != null) {
                    break;
                }
                if ((exact != null || filter.matches(b)) && part.lists(b)) {
                    String name = b;
                    if (exact != null && !Retry.call(store.describe() + ": bucket " + name, () -> store.bucketExists(name))) {
                        throw new MigrateException(ErrorCode.CONFIG, store.describe() + ": bucket " + b + " (source.objectStore.buckets) does not exist",
                                "fix the name in source.objectStore.buckets, or use a glob such as \"*\"");
                    }
                    buckets.put(b);
                }
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        } finally {
            for (int i = 0; i < listerCount; i++) {
                try {
                    buckets.put(END);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            for (Thread t : listers) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            workers.shutdown();
            try {
                workers.awaitTermination(365, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
        if (t != null) {
            throw new MigrateException(ErrorCode.RUNTIME, "object transfer failed: " + t, "fix the cause and run the same command again: finished objects are kept", t);
        }
    }

    /** Buckets of the last walk that were walked through a sorted run on disk (their listing was not in UTF-8 key order). */
    public int sortedBuckets() {
        return sortedBuckets.get();
    }
}
