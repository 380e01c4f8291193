package org.mosipmigrate.engine.preflight;

/** One group of preflight checks (servers, MOSIP data, objects, ...). A check only reads. */
public interface Check {
    /** Stable name, e.g. "postgres", used in the report. */
    String name();

    /** Adds findings and facts; an exception is reported as a blocking CHECK_FAILED finding by the runner. */
    void run(PreflightContext ctx, Findings out) throws Exception;
}
