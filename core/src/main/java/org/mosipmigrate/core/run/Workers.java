package org.mosipmigrate.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Runs independent steps on a fixed number of workers. A step that fails with a transient error
 * ({@link Transient}) is tried again with exponential backoff and jitter, a bounded number of times;
 * steps must therefore be idempotent. The first final failure stops the rest (steps not yet started
 * are skipped; the ledger lets a re-run pick them up) and is rethrown unchanged.
 */
public final class Workers {
    /** Attempts per step, and the backoff bounds; read at each retry, so tests may lower them through system properties. */
    static int attempts() {
        return Integer.getInteger("mosip-migrate.retry.attempts", 6);
    }

    static long baseMillis() {
        return Long.getLong("mosip-migrate.retry.baseMillis", 500);
    }

    static long maxMillis() {
        return Long.getLong("mosip-migrate.retry.maxMillis", 30_000);
    }

    private static volatile Progress retryListener = Progress.NO_OP;

    private Workers() {
    }

    /** Where retry notices go (the CLI points this at its progress output). */
    public static void onRetry(Progress listener) {
        retryListener = listener == null ? Progress.NO_OP : listener;
    }

    static void runWithRetry(String name, Task task) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                task.run();
                return;
            } catch (Exception e) {
                int attempts = attempts();
                if (attempt >= attempts || !Transient.is(e)) {
                    throw e;
                }
                long cap = Math.min(maxMillis(), baseMillis() << Math.min(attempt - 1, 16));
                long sleep = cap / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(cap / 2 + 1);
                retryListener.info(name + ": transient failure (" + e.getMessage() + "), attempt " + attempt + "/" + attempts
                        + ", retrying in " + sleep + " ms");
                Thread.sleep(sleep);
            }
        }
    }

    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    public static void runAll(int parallelism, String name, List<Task> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, tasks.size())), r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        var failed = new java.util.concurrent.atomic.AtomicBoolean();
        try {
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    if (failed.get()) {
                        return null;
                    }
                    try {
                        runWithRetry(name, task);
                    } catch (Exception e) {
                        failed.set(true);
                        throw e;
                    }
                    return null;
                }));
            }
            Throwable first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new MigrateException(ErrorCode.RUNTIME, name + " interrupted", null, e);
                }
            }
            if (first instanceof MigrateException me) {
                throw me;
            }
            if (first instanceof RuntimeException re) {
                throw re;
            }
            if (first != null) {
                throw new MigrateException(ErrorCode.RUNTIME, name + " failed: " + first, null, first);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
