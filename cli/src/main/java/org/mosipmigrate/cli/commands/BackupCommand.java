package org.mosipmigrate.cli.commands;

import java.util.concurrent.Callable;
import org.mosipmigrate.backup.pg.BackupService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up the source databases into the backup set.", "",
                "Writes roles, schema (pre/post-data) and table data as zstd-compressed COPY chunks read in parallel",
                "under one snapshot per database, with row counts, sizes, SHA-256 and content fingerprints in the",
                "manifest. Killed or failed runs resume when the same command is run again."})
public final class BackupCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        var service = new BackupService(cfg, main.env(), common.progress(spec.commandLine().getErr()));
        var plan = service.plan();
        if (common.dryRun) {
            spec.commandLine().getOut().print(plan.render());
            spec.commandLine().getOut().println(service.isComplete() ? "(backup set is already complete)" : "(dry run: nothing written)");
            return 0;
        }
        Output.print(spec.commandLine().getOut(), service.execute(plan), common.json);
        return 0;
    }
}
