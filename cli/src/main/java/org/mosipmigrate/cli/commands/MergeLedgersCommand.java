package org.mosipmigrate.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mosipmigrate.backup.pg.BackupService;
import org.mosipmigrate.cli.app.CopyPipeline;
import org.mosipmigrate.core.ledger.ShardLedgers;
import org.mosipmigrate.restore.pg.RestoreService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "merge-ledgers", mixinStandardHelpOptions = true,
        description = {"Combine the ledgers of a sharded run (--shard I/N) into the normal ledgers.", "",
                "For each of backup, restore and copy (databases and objects) whose shard ledgers wait: checks that every shard",
                "of one count ran, finished and belongs to the same run, and that every chunk (object) was done by exactly one",
                "shard, the one that owns it; then appends them to the normal ledger and moves them to ledger/merged/. Refuses",
                "and writes nothing otherwise. Afterwards run the command without --shard: it finds every chunk done and only",
                "does the final steps (backup manifest; post-data, sequences, ANALYZE). Objects need no further run."})
public final class MergeLedgersCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    org.mosipmigrate.cli.Main main;

    /** One merged ledger, as printed. */
    public record Result(String part, String command, String ledger, int shards, long entries, String archive, boolean alreadyMerged) {
    }

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        var parts = common.parts(cfg);
        var progress = common.progress(spec.commandLine().getErr());
        var out = spec.commandLine().getOut();
        List<Result> results = new ArrayList<>();
        if (parts.db()) {
            if (cfg.backupSet() != null && cfg.source() != null) {
                add(results, "db", "backup", new BackupService(cfg, main.env(), progress).mergeShards());
            }
            if (cfg.backupSet() != null && cfg.target() != null && org.mosipmigrate.core.set.ManifestStore.exists(cfg.backupSet())) {
                add(results, "db", "restore", new RestoreService(cfg, main.env(), progress, false, true).mergeShards());
            }
            if (cfg.source() != null && cfg.target() != null && !cfg.source().sameServerAs(cfg.target())) {
                add(results, "db", "copy", new CopyPipeline(cfg, main.env(), progress).mergeShards());
            }
        }
        if (parts.objects()) {
            for (ShardLedgers.Merged m : new org.mosipmigrate.objects.ObjectsStage(cfg, main.env(), progress).mergeShards()) {
                String name = java.nio.file.Path.of(m.ledger()).getFileName().toString();
                add(results, "objects", name.startsWith("objects-backup") ? "backup" : name.startsWith("objects-restore") ? "restore" : "copy", m);
            }
        }
        if (common.json) {
            Output.print(out, results, true);
        } else if (results.isEmpty()) {
            out.println("nothing to merge: no shard ledger waits beside the ledgers of this config");
        } else {
            for (Result r : results) {
                out.println(r.alreadyMerged() ? String.format("%-7s %-7s %s: already merged (shard ledgers moved to %s)", r.part(), r.command(), r.ledger(), r.archive())
                        : String.format("%-7s %-7s %s: %d shards, %,d entries merged; shard ledgers moved to %s", r.part(), r.command(), r.ledger(), r.shards(),
                                r.entries(), r.archive()));
            }
            results.stream().filter(r -> r.part().equals("db")).map(Result::command).distinct()
                    .forEach(c -> out.println("next: run `mosip-migrate " + c + " --only db` without --shard to finish (" + (c.equals("backup")
                            ? "manifest" : "post-data, sequences, ANALYZE") + ")"));
        }
        out.flush();
        return 0;
    }

    private static void add(List<Result> results, String part, String command, ShardLedgers.Merged m) {
        if (m != null) {
            results.add(new Result(part, command, m.ledger(), m.shards(), m.entries(), m.archive() == null ? null : m.archive().toString(), m.alreadyMerged()));
        }
    }
}
