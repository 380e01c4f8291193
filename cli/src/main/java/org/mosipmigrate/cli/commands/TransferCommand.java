package org.mosipmigrate.cli.commands;

import org.mosipmigrate.engine.Transfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Move a whole backup set between a directory and S3 (either way, or S3 to S3).", "",
                "Every file the manifests list is checked against its SHA-256 as it is stored (a damaged file is refused",
                "and named); the manifests are copied last, so an interrupted transfer never looks like a complete set.",
                "A ledger in stateDir lets a killed transfer continue without sending finished files again.",
                "s3:// locations use the backupStore section of the config."})
public final class TransferCommand extends ConfiguredCommand {
    @Option(names = "--from", required = true, paramLabel = "LOCATION", description = "The backup set to copy: a directory or s3://bucket/prefix.")
    String fromText;

    @Option(names = "--to", required = true, paramLabel = "LOCATION", description = "Where it goes: a directory or s3://bucket/prefix.")
    String toText;

    @Override
    public Integer call() {
        var cfg = config();
        Output.run(out(), Transfer.step(engine(cfg), fromText, toText), common.dryRun, common.json);
        return 0;
    }
}
