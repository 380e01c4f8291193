package org.mosipmigrate.core.run;

import com.google.common.util.concurrent.RateLimiter;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Limits what one process takes from the production source: bytes per second read (database COPY and object
 * GETs) and S3 requests per second. One instance per run, shared by every worker, so the limits hold for the
 * process as a whole; with --shard I/N each worker process has its own (give each 1/N of the budget).
 */
public final class Throttle {
    public static final Throttle NONE = new Throttle(0, 0);
    private static volatile Throttle sourceThrottle = NONE;

    private final long maxBytesPerSecond;
    private final double maxRequestsPerSecond;
    private final RateLimiter bytes;
    private final RateLimiter requests;
    private final java.util.concurrent.atomic.AtomicLong bytesRead = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong requestsSent = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong firstNanos = new java.util.concurrent.atomic.AtomicLong();
    private volatile long lastNanos;

    /** 0 = unlimited. */
    public Throttle(long maxBytesPerSecond, double maxRequestsPerSecond) {
        if (maxBytesPerSecond < 0 || maxRequestsPerSecond < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        this.maxBytesPerSecond = maxBytesPerSecond;
        this.maxRequestsPerSecond = maxRequestsPerSecond;
        this.bytes = maxBytesPerSecond > 0 ? RateLimiter.create(maxBytesPerSecond) : null;
        this.requests = maxRequestsPerSecond > 0 ? RateLimiter.create(maxRequestsPerSecond) : null;
    }

    /** The limits of this run's reads from the source; set once by the command before work starts. */
    public static Throttle source() {
        return sourceThrottle;
    }

    public static void limitSource(Throttle t) {
        sourceThrottle = t == null ? NONE : t;
    }

    public boolean limited() {
        return bytes != null || requests != null;
    }

    public long maxBytesPerSecond() {
        return maxBytesPerSecond;
    }

    public double maxRequestsPerSecond() {
        return maxRequestsPerSecond;
    }

    /** Waits until {@code n} more bytes may be read. */
    public void bytes(int n) {
        if (bytes != null && n > 0) {
            bytes.acquire(n);
            bytesRead.addAndGet(n);
            stamp();
        }
    }

    /** Waits until one more request may be sent. */
    public void request() {
        if (requests != null) {
            requests.acquire();
            requestsSent.incrementAndGet();
            stamp();
        }
    }

    private void stamp() {
        long now = System.nanoTime();
        firstNanos.compareAndSet(0, now);
        lastNanos = now;
    }

    /** What went through and the rate achieved between the first and the last limited read, for the run's report. */
    public String summary() {
        double seconds = Math.max(1e-9, (lastNanos - firstNanos.get()) / 1e9);
        StringBuilder s = new StringBuilder("source limits: ");
        if (bytes != null) {
            s.append(String.format("%,d bytes read at %,.0f bytes/s (limit %,d)", bytesRead.get(), bytesRead.get() / seconds, maxBytesPerSecond));
        }
        if (requests != null) {
            s.append(bytes != null ? "; " : "").append(String.format("%,d requests at %.1f/s (limit %.1f)", requestsSent.get(),
                    requestsSent.get() / seconds, maxRequestsPerSecond));
        }
        return s.toString();
    }

    public OutputStream limit(OutputStream out) {
        if (bytes == null) {
            return out;
        }
        return new FilterOutputStream(out) {
            @Override
            public void write(int b) throws IOException {
                bytes(1);
                out.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                bytes(len);
                out.write(b, off, len);
            }
        };
    }

    public InputStream limit(InputStream in) {
        if (bytes == null) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = in.read();
                if (b >= 0) {
                    bytes(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, len);
                bytes(n);
                return n;
            }
        };
    }
}
