package org.mosipmigrate.cli.commands;

import org.mosipmigrate.core.part.RunOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Back up the source databases into the backup set.", "",
                "Writes roles, schema (pre/post-data) and table data as zstd-compressed COPY chunks read in parallel",
                "under one snapshot per database, with row counts, sizes, SHA-256 and content fingerprints in the",
                "manifest. Killed or failed runs resume when the same command is run again."})
public final class BackupCommand extends ConfiguredCommand {
    @Mixin
    ThrottleOptions throttle;

    @Mixin
    ShardOptions sharding;

    @Override
    public Integer call() {
        var cfg = config();
        var engine = engine(cfg);
        throttle.apply(engine.progress());
        engine.backup(sharding.request(common.parts(cfg), RunOptions.of(common.dryRun)), printer());
        throttle.report(engine.progress());
        return 0;
    }
}
