package org.mosipmigrate.core.run;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * A sharded worker other than shard 0 waits, bounded, for what shard 0 does once per run (the frozen plan,
 * a target database with its pre-data). The bound is set once per process from {@code --shard-wait}.
 */
public final class ShardWait {
    public static final Duration DEFAULT = Duration.ofMinutes(30);
    private static final long POLL_MILLIS = 1000;
    private static final long REPORT_MILLIS = 30_000;
    private static volatile Duration timeout = DEFAULT;

    private ShardWait() {
    }

    public static void setTimeout(Duration d) {
        timeout = d == null ? DEFAULT : d;
    }

    public static Duration timeout() {
        return timeout;
    }

    /** Returns once {@code ready} is true; fails with a message naming {@code what} after the timeout. */
    public static void until(BooleanSupplier ready, Shard shard, String what, Progress progress) {
        long start = System.nanoTime();
        long reported = start;
        Duration limit = timeout;
        while (!ready.getAsBoolean()) {
            long now = System.nanoTime();
            if (now - start > limit.toNanos()) {
                throw new MigrateException(ErrorCode.RUNTIME, "shard " + shard.label() + ": waited " + limit.toSeconds() + "s for " + what
                        + " (done once by shard 0/" + shard.count() + ")",
                        "start shard 0 (or look at why it failed), then run this shard again; --shard-wait sets the bound");
            }
            if (now - reported > REPORT_MILLIS * 1_000_000L) {
                progress.info("shard " + shard.label() + ": waiting for " + what + " (shard 0/" + shard.count() + " does it)");
                reported = now;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrateException(ErrorCode.RUNTIME, "shard " + shard.label() + ": interrupted while waiting for " + what, null, e);
            }
        }
    }
}
