package org.mosipmigrate.core.part;

import org.mosipmigrate.core.evidence.EvidenceBuilder;

/** What one executed step did. */
public interface StepResult {
    /** The record printed with {@code --json} (and as key: value lines when {@link #text()} is null). */
    Object json();

    /** Lines for a person, or null to print {@link #json()} as key: value lines. */
    default String text() {
        return null;
    }

    /** A move passes when it ends; a comparison passes only when it compared something and found no difference. */
    default boolean passed() {
        return true;
    }

    /** What was moved or compared, for the run's totals (the rehearsal's throughput). */
    default Totals totals() {
        return Totals.NONE;
    }

    /** A comparison adds what it compared and found to the run's evidence pack. */
    default void addEvidence(EvidenceBuilder evidence) {
    }

    /** What a step moved or compared; null where it does not apply. */
    record Totals(Long units, String unit, Long rows, Long bytes, Long objects) {
        public static final Totals NONE = new Totals(null, null, null, null, null);
    }

    /** A result with nothing but its record. */
    static StepResult of(Object json, Totals totals) {
        return new StepResult() {
            @Override
            public Object json() {
                return json;
            }

            @Override
            public Totals totals() {
                return totals;
            }
        };
    }
}
