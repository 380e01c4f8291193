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
 * Runs independent steps on a fixed number of workers. A step that fails with a transient error is tried again
 * by the one retry engine ({@link Retry}); steps must therefore be idempotent. The first final failure stops the
 * rest (steps not yet started are skipped; the ledger lets a re-run pick them up) and is rethrown unchanged.
 */
public final class Workers {
    private Workers() {
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
                        Retry.callChecked(name, () -> {
                            task.run();
                            return null;
                        });
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
