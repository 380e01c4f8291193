package org.mosipmigrate.verify;

/** One sequence's current value on each compared side (null = not compared or absent there). */
public record SequenceResult(String db, String sequence, SequenceState source, SequenceState manifest,
                             SequenceState target, boolean matches) {

    /** What nextval() continues from: both fields matter (is_called decides whether last_value is reused). */
    public record SequenceState(long lastValue, boolean isCalled) {
        @Override
        public String toString() {
            return lastValue + (isCalled ? " (called)" : " (not called)");
        }
    }
}
