package org.mosipmigrate.core.run;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/** Progress events of a run: a no-op for tests/library use, console lines for the CLI (stderr). */
public interface Progress {
    void info(String message);

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
