package org.mosipmigrate.core.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Progress of a run: free-text lines ({@link #info}) and structured events ({@link #event}: a phase starts or
 * ends, a chunk, table or bucket is done). Implementations: a no-op for tests and library use, console lines
 * for the CLI (stderr; events are not printed there), JSON lines ({@link JsonLinesProgress}), and the CLI's
 * terminal bars.
 */
public interface Progress {
    void info(String message);

    /** A structured event; renderers that only print text lines ignore it. */
    default void event(ProgressEvent event) {
    }

    Progress NO_OP = message -> { };

    static Progress console(PrintWriter err) {
        Instant start = Instant.now();
        return message -> {
            long s = Duration.between(start, Instant.now()).toMillis();
            synchronized (err) {
                err.printf("[%6.1fs] %s%n", s / 1000.0, message);
                err.flush();
            }
        };
    }
}
