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

    @Option(names = "--clean", description = "Drop and recreate target databases that already hold tables (default: refuse).")
    boolean clean;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var pipeline = new CopyPipeline(common.load(main.env()), main.env(), common.progress(spec.commandLine().getErr()));
        var plan = pipeline.plan();
        if (common.dryRun) {
            spec.commandLine().getOut().print(pipeline.render(plan));
            spec.commandLine().getOut().println("(dry run: nothing written)");
            return 0;
        }
        Output.print(spec.commandLine().getOut(), pipeline.execute(plan, clean), common.json);
        return 0;
    }
}
