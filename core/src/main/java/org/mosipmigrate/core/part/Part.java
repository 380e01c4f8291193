package org.mosipmigrate.core.part;

import java.util.List;
import java.util.Optional;
import org.mosipmigrate.core.ledger.ShardLedgers;

/**
 * One kind of data (databases, objects, keystores, ...) and what every command can do with it. A command picks
 * its parts, asks each for its {@link Step} of the command's {@link Operation}, prints the step's plan on a dry
 * run and executes it otherwise. Each step keeps its own ledger and reports through the context's progress, so
 * a re-run of the same command continues where the last one stopped.
 */
public interface Part {
    PartKind kind();

    /**
     * Whether the part's work is split across the shards of a sharded run ({@code --shard I/N}); a part that is
     * not is small and done once, by shard 0.
     */
    default boolean splitsAcrossShards() {
        return true;
    }

    /**
     * Why this part takes no part in {@code op} (e.g. keystores are not moved by copy), or empty when it does.
     * The engine says it and goes on with the other parts.
     */
    default Optional<String> sitsOut(Operation op) {
        return Optional.empty();
    }

    /** This part's side of {@code op}. Constructing it only checks the configuration; nothing is read or written. */
    Step<?> step(Operation op, RunContext ctx);

    /**
     * merge-ledgers: the ledgers of this part's sharded runs that wait beside the normal ones, checked and merged
     * (or, with {@code dryRun}, only checked).
     */
    default List<MergedLedger> mergeShardLedgers(RunContext ctx, boolean dryRun) {
        return List.of();
    }

    /** The shard ledgers of one operation's ledger, merged into it. */
    record MergedLedger(Operation operation, ShardLedgers.Merged merged) {
    }
}
