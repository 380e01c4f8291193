package org.mosipmigrate.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mosipmigrate.core.part.Part;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.part.RunOptions;

/** merge-ledgers: every part's shard ledgers that wait beside the normal ones, checked and merged into them. */
public final class MergeLedgers {
    private MergeLedgers() {
    }

    /** One merged ledger, as printed. */
    public record Result(String part, String command, String ledger, int shards, long entries, String archive, boolean alreadyMerged) {
    }

    public static List<Result> run(Engine engine, Set<PartKind> kinds, boolean dryRun) {
        var ctx = engine.context(Engine.Request.of(kinds, RunOptions.of(dryRun)), null);
        List<Result> results = new ArrayList<>();
        for (Part part : PartSelection.parts(kinds)) {
            for (Part.MergedLedger m : part.mergeShardLedgers(ctx, dryRun)) {
                var merged = m.merged();
                results.add(new Result(part.kind().label(), m.operation().verb(), merged.ledger(), merged.shards(), merged.entries(),
                        merged.archive() == null ? null : merged.archive().toString(), merged.alreadyMerged()));
            }
        }
        return results;
    }
}
