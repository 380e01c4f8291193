package org.mosipmigrate.cli.commands;

import org.mosipmigrate.core.config.ConfigLoader;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Throttle;
import picocli.CommandLine.Option;

/** --max-rate and --max-requests: protect a production source during staged moves. */
public final class ThrottleOptions {
    @Option(names = "--max-rate", paramLabel = "SIZE",
            description = "Read at most this many bytes per second from the source, databases and objects together (e.g. 50MiB). Default: unlimited.")
    String maxRate;

    @Option(names = "--max-requests", paramLabel = "N",
            description = "Send at most N requests per second to the source object store. Default: unlimited.")
    Double maxRequests;

    /** The achieved rates, when a limit was set. */
    void report(Progress progress) {
        if (Throttle.source().limited()) {
            progress.info(Throttle.source().summary());
        }
    }

    /** Sets this process's source limits (before any worker starts). */
    void apply(Progress progress) {
        long bytes = 0;
        if (maxRate != null) {
            bytes = ConfigLoader.parseSize(maxRate);
            if (bytes <= 0) {
                throw new MigrateException(ErrorCode.USAGE, "--max-rate " + maxRate + " is not a positive size", "write e.g. --max-rate 50MiB");
            }
        }
        if (maxRequests != null && !(maxRequests > 0)) {
            throw new MigrateException(ErrorCode.USAGE, "--max-requests " + maxRequests + " must be positive", "write e.g. --max-requests 200");
        }
        Throttle t = new Throttle(bytes, maxRequests == null ? 0 : maxRequests);
        Throttle.limitSource(t);
        if (t.limited()) {
            progress.info("source limits: " + (bytes > 0 ? bytes + " bytes/s" : "bytes unlimited") + ", "
                    + (maxRequests != null ? maxRequests + " object-store requests/s" : "requests unlimited"));
        }
    }
}
