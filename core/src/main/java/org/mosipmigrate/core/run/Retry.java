package org.mosipmigrate.core.run;

import java.util.concurrent.ThreadLocalRandom;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.error.Retryable;

/**
 * The one retry engine: a step, a store request or a resumed read that failed with a transient error
 * ({@link Transient}) is tried again with exponential backoff and jitter, a bounded number of times. When the
 * attempts are used up the failure is wrapped in {@link Exhausted}, which is final for every outer retry: retries
 * never nest (a request retried 6 times inside a step retried 6 times would be 36 attempts).
 *
 * <p>Attempts and backoff bounds are read at each use, so tests may lower them through the system properties
 * {@code mosip-migrate.retry.attempts}, {@code .baseMillis} and {@code .maxMillis}.
 */
public final class Retry {
    private static volatile Progress listener = Progress.NO_OP;

    private Retry() {
    }

    /** Where retry notices go (the CLI points this at its progress output). */
    public static void onRetry(Progress progress) {
        listener = progress == null ? Progress.NO_OP : progress;
    }

    public static int attempts() {
        return Integer.getInteger("mosip-migrate.retry.attempts", 6);
    }

    /** The pause before attempt {@code failedAttempts + 1}: exponential from baseMillis, capped at maxMillis, with jitter. */
    public static long backoffMillis(int failedAttempts) {
        long base = Long.getLong("mosip-migrate.retry.baseMillis", 500);
        long max = Long.getLong("mosip-migrate.retry.maxMillis", 30_000);
        long cap = Math.min(max, base << Math.min(Math.max(failedAttempts - 1, 0), 16));
        return cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
    }

    @FunctionalInterface
    public interface Call<T> {
        T call() throws Exception;
    }

    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Runs {@code op}, again after each transient failure; unchecked failures pass through unchanged. */
    public static <T> T call(String what, Call<T> op) {
        try {
            return callChecked(what, op);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, what + " failed: " + e.getMessage(), null, e);
        }
    }

    public static void run(String what, Action op) {
        call(what, () -> {
            op.run();
            return null;
        });
    }

    /** As {@link #call}, but checked exceptions are rethrown unchanged (for worker tasks). */
    public static <T> T callChecked(String what, Call<T> op) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return op.call();
            } catch (Exception e) {
                if (!Transient.is(e)) {
                    throw e;
                }
                int attempts = attempts();
                if (attempt >= attempts) {
                    throw new Exhausted(what, attempts, e);
                }
                long sleep = backoffMillis(attempt);
                listener.info(what + ": transient failure (" + e.getMessage() + "), attempt " + attempt + "/" + attempts + ", retrying in " + sleep + " ms");
                pause(sleep);
            }
        }
    }

    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new MigrateException(ErrorCode.RUNTIME, "interrupted while waiting to retry", null, ie);
        }
    }

    /** A transient failure that outlived every attempt: final from here on, with the last failure's code, message and hint. */
    public static final class Exhausted extends MigrateException implements Retryable {
        Exhausted(String what, int attempts, Exception last) {
            super(codeOf(last), messageOf(last) + " (gave up after " + attempts + " attempts)", hintOf(last), last);
        }

        private static ErrorCode codeOf(Exception e) {
            return e instanceof MigrateException me ? me.code() : ErrorCode.RUNTIME;
        }

        private static String messageOf(Exception e) {
            return e.getMessage() == null ? e.toString() : e.getMessage();
        }

        private static String hintOf(Exception e) {
            return e instanceof MigrateException me ? me.hint() : null;
        }

        /** The failure that was retried last. */
        public Exception last() {
            return (Exception) getCause();
        }

        @Override
        public boolean retryable() {
            return false;
        }
    }
}
