package org.mosipmigrate.core.part;

/**
 * One part's side of one operation, in two halves: {@link #plan()} computes what will be done and only reads
 * (it is what {@code --dry-run} prints; on a re-run it is the frozen plan joined with the ledger), then
 * {@link #execute} does it. A step that keeps something open between the two (a connection, a client) releases
 * it in {@link #close()}, which the caller runs after the plan on a dry run, after the execution otherwise.
 */
public interface Step<P extends StepPlan> extends AutoCloseable {
    P plan();

    StepResult execute(P plan);

    @Override
    default void close() {
    }
}
