package org.mosipmigrate.objects;

import java.util.function.Supplier;

/** Retries an operation whose failure the adapter tagged retryable, with exponential backoff. */
public final class Retry {
    private final int attempts;
    private final long firstDelayMillis;

    public Retry(int attempts, long firstDelayMillis) {
        this.attempts = attempts;
        this.firstDelayMillis = firstDelayMillis;
    }

    /** 6 attempts from 200 ms; tests may lower them with mosip-migrate.objects.retry.attempts / .firstDelayMillis (read at each call). */
    public static final Retry DEFAULT = new Retry(-1, -1);

    public <T> T call(Supplier<T> op) {
        int attempts = this.attempts > 0 ? this.attempts : Integer.getInteger("mosip-migrate.objects.retry.attempts", 6);
        long delay = firstDelayMillis > 0 ? firstDelayMillis : Long.getLong("mosip-migrate.objects.retry.firstDelayMillis", 200);
        for (int attempt = 1; ; attempt++) {
            try {
                return op.get();
            } catch (ObjectStoreException e) {
                if (!e.retryable() || attempt >= attempts) {
                    throw e;
                }
            }
            try {
                Thread.sleep(delay + (long) (Math.random() * delay / 2));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to retry", ie);
            }
            delay = Math.min(delay * 2, 10_000);
        }
    }

    public void run(Runnable op) {
        call(() -> {
            op.run();
            return null;
        });
    }
}
