package org.mosipmigrate.cli.commands;

import java.util.List;
import org.mosipmigrate.engine.MergeLedgers;
import picocli.CommandLine.Command;

@Command(name = "merge-ledgers", mixinStandardHelpOptions = true,
        description = {"Combine the ledgers of a sharded run (--shard I/N) into the normal ledgers.", "",
                "For each of backup, restore and copy (databases and objects) whose shard ledgers wait: checks that every shard",
                "of one count ran, finished and belongs to the same run, and that every chunk (object) was done by exactly one",
                "shard, the one that owns it; then appends them to the normal ledger and moves them to ledger/merged/. Refuses",
                "and writes nothing otherwise. Afterwards run the command without --shard: it finds every chunk done and only",
                "does the final steps (backup manifest; post-data, sequences, ANALYZE). Objects need no further run."})
public final class MergeLedgersCommand extends ConfiguredCommand {
    @Override
    public Integer call() {
        var cfg = config();
        var out = out();
        List<MergeLedgers.Result> results = MergeLedgers.run(engine(cfg), common.parts(cfg), common.dryRun);
        if (common.json) {
            Output.print(out, results, true);
        } else if (results.isEmpty()) {
            out.println("nothing to merge: no shard ledger waits beside the ledgers of this config");
        } else {
            for (MergeLedgers.Result r : results) {
                out.println(r.alreadyMerged() ? String.format("%-7s %-7s %s: already merged (shard ledgers moved to %s)", r.part(), r.command(), r.ledger(), r.archive())
                        : String.format("%-7s %-7s %s: %d shards, %,d entries merged; shard ledgers moved to %s", r.part(), r.command(), r.ledger(), r.shards(),
                                r.entries(), r.archive()));
            }
            results.stream().filter(r -> r.part().equals("db")).map(MergeLedgers.Result::command).distinct()
                    .forEach(c -> out.println("next: run `mosip-migrate " + c + " --only db` without --shard to finish (" + (c.equals("backup")
                            ? "manifest" : "post-data, sequences, ANALYZE") + ")"));
        }
        out.flush();
        return 0;
    }
}
