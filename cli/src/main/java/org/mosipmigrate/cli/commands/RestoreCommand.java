package org.mosipmigrate.cli.commands;

import org.mosipmigrate.core.part.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore the backup set into the target server.", "",
                "Creates roles and databases, applies pre-data, loads chunks in parallel (each checked against its",
                "SHA-256 and row count before commit), builds indexes and keys in parallel, then constraints and",
                "triggers, resets sequences and runs ANALYZE. Refuses non-empty targets unless --clean. Resumes."})
public final class RestoreCommand extends ConfiguredCommand {
    @Mixin
    ShardOptions sharding;

    @Option(names = "--clean", description = "Drop and recreate target databases that already hold tables (default: refuse).")
    boolean clean;

    @Option(names = "--replace-existing", description = "Keystores: move the content of non-empty target token directories / existing keystore files aside into a timestamped folder, then restore (default: refuse).")
    boolean replaceExisting;

    @Override
    public Integer call() {
        var cfg = config();
        var options = new RunOptions(common.dryRun, clean, replaceExisting, RunOptions.VerifyChoices.NONE);
        engine(cfg)
                .restore(sharding.request(common.parts(cfg), options), printer());
        return 0;
    }
}
