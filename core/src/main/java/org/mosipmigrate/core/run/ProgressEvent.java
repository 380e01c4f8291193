package org.mosipmigrate.core.run;

/**
 * One structured progress event. {@code event} is {@code phase-start}, {@code phase-end}, {@code chunk},
 * {@code table} or {@code bucket}; fields that do not apply are null (and absent from JSON lines).
 * A phase is identified by {@code phase} plus {@code db} when it runs per database.
 *
 * @param total   phase-start: the units planned (chunks, tables, buckets), or null when unknown
 * @param unit    phase-start: what a unit is ({@code chunk}, {@code table}, {@code bucket})
 * @param units   phase-end: the units done
 * @param seconds phase-end: wall time of the phase
 */
public record ProgressEvent(String event, String phase, String db, String table, String chunk, String bucket,
                            Long total, String unit, Long units, Long rows, Long bytes, Double seconds) {
    public static final String PHASE_START = "phase-start";
    public static final String PHASE_END = "phase-end";

    /** {@code total} null when the amount of work is not known in advance (e.g. objects before listing). */
    public static ProgressEvent phaseStart(String phase, String db, Long total, String unit) {
        return new ProgressEvent(PHASE_START, phase, db, null, null, null, total, unit, null, null, null, null);
    }

    public static ProgressEvent phaseEnd(String phase, String db, long units, Long rows, Long bytes, double seconds) {
        return new ProgressEvent(PHASE_END, phase, db, null, null, null, null, null, units, rows, bytes, Math.round(seconds * 1000) / 1000.0);
    }

    public static ProgressEvent chunk(String phase, String db, String table, String chunk, long rows, long bytes) {
        return new ProgressEvent("chunk", phase, db, table, chunk, null, null, null, null, rows, bytes, null);
    }

    public static ProgressEvent table(String phase, String db, String table, Long rows) {
        return new ProgressEvent("table", phase, db, table, null, null, null, null, null, rows, null, null);
    }

    public static ProgressEvent bucket(String phase, String bucket, Long objects, Long bytes) {
        return new ProgressEvent("bucket", phase, null, null, null, bucket, null, null, objects, null, bytes, null);
    }

    /** The bar a unit event advances, or a phase event opens/closes: phase, plus the database when per database. */
    public String phaseKey() {
        return db == null ? phase : phase + " " + db;
    }
}
