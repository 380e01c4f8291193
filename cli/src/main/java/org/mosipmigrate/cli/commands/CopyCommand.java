package org.mosipmigrate.cli.commands;

import java.util.concurrent.Callable;
import org.mosipmigrate.cli.app.CopyPipeline;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy the source databases straight into the target.", "",
                "COPY OUT -> COPY IN with no data files: the same result as backup + restore. The ledger and the",
                "schema dumps live in stateDir (default: backupSet). Resumes when run again."})
public final class CopyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ThrottleOptions throttle;

    @Mixin
    ShardOptions sharding;

    @Option(names = "--clean", description = "Drop and recreate target databases that already hold tables (default: refuse).")
    boolean clean;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        var parts = common.parts(cfg);
        var progress = common.progress(spec.commandLine().getErr());
        throttle.apply(progress);
        if (parts.keystores()) {
            if (!parts.db() && !parts.objects()) {
                throw new org.mosipmigrate.core.error.MigrateException(org.mosipmigrate.core.error.ErrorCode.USAGE,
                        "copy does not move keystores", "use backup --only keystores, then restore --only keystores (keystores always travel encrypted)");
            }
            progress.info("keystores: not moved by copy; use backup + restore --only keystores");
        }
        if (parts.db()) {
            var shard = sharding.shard();
            var pipeline = new CopyPipeline(cfg, main.env(), progress, shard);
            // a shard other than 0 runs shard 0's frozen plan: it does not plan (read the source's catalogs) for nothing
            var plan = common.dryRun || shard.isFirst() ? pipeline.plan() : null;
            if (common.dryRun) {
                if (shard.isSharded()) {
                    spec.commandLine().getOut().println("shard " + shard.label() + "'s part" + (shard.isFirst() ? " (also roles, target databases and pre-data)" : "") + ":");
                }
                spec.commandLine().getOut().print(pipeline.render(plan.part(shard)));
                spec.commandLine().getOut().println("(dry run: nothing written)");
            } else {
                Output.print(spec.commandLine().getOut(), pipeline.execute(plan, clean), common.json);
            }
        }
        if (parts.objects()) {
            var objects = new org.mosipmigrate.objects.ObjectsStage(cfg, main.env(), progress, sharding.objects());
            if (common.dryRun) {
                spec.commandLine().getOut().println("objects: would copy " + (cfg.objects().source() == null ? "(no source.objectStore)" : cfg.objects().source().describe())
                        + " -> " + (cfg.objects().target() == null ? "(no target.objectStore)" : cfg.objects().target().describe()) + ", ledger " + objects.copyLedger()
                        + BackupCommand.shardNote(sharding.objects())
                        + " (dry run: nothing written)");
            } else {
                Output.print(spec.commandLine().getOut(), objects.copy(), common.json);
            }
        }
        throttle.report(progress);
        return 0;
    }
}
