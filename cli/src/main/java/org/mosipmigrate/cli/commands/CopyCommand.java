package org.mosipmigrate.cli.commands;

import org.mosipmigrate.core.part.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "copy", mixinStandardHelpOptions = true,
        description = {"Copy the source databases straight into the target.", "",
                "COPY OUT -> COPY IN with no data files: the same result as backup + restore. The ledger and the",
                "schema dumps live in stateDir (default: backupSet). Resumes when run again."})
public final class CopyCommand extends ConfiguredCommand {
    @Mixin
    ThrottleOptions throttle;

    @Mixin
    ShardOptions sharding;

    @Option(names = "--clean", description = "Drop and recreate target databases that already hold tables (default: refuse).")
    boolean clean;

    @Override
    public Integer call() {
        var cfg = config();
        var engine = engine(cfg);
        throttle.apply(engine.progress());
        var options = new RunOptions(common.dryRun, clean, false, RunOptions.VerifyChoices.NONE);
        engine.copy(sharding.request(common.parts(cfg), options), printer());
        throttle.report(engine.progress());
        return 0;
    }
}
