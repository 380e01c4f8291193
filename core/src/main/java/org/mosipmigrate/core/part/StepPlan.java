package org.mosipmigrate.core.part;

/** A step's plan as a person reads it. */
public interface StepPlan {
    /** What {@code --dry-run} prints, its closing "(dry run: ...)" line included. */
    String render();

    /** A plan with nothing behind it but its text (a step whose planning is a sentence). */
    static StepPlan of(String text) {
        return () -> text;
    }
}
