package org.mosipmigrate.core.part;

import java.util.function.Consumer;
import org.mosipmigrate.core.evidence.EvidenceBuilder;

/**
 * A result as it is reported: its record (printed with --json), its lines for a person, the verdict, what was moved or
 * compared, and what it adds to an evidence pack.
 */
public record Reported(Object json, String text, boolean passed, Totals totals, Consumer<EvidenceBuilder> evidence) implements StepResult {
    /** A move or a listing: it passed by ending. */
    public static Reported of(Object json, String text) {
        return new Reported(json, text, true, Totals.NONE, b -> { });
    }

    /** A check whose verdict decides the exit code. */
    public static Reported verdict(Object json, String text, boolean passed) {
        return new Reported(json, text, passed, Totals.NONE, b -> { });
    }

    @Override
    public void addEvidence(EvidenceBuilder b) {
        evidence.accept(b);
    }
}
