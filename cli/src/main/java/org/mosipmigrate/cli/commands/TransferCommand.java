package org.mosipmigrate.cli.commands;

import java.util.concurrent.Callable;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.SetLocation;
import org.mosipmigrate.transfer.SetStores;
import org.mosipmigrate.transfer.SetTransfer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "transfer", mixinStandardHelpOptions = true,
        description = {"Move a whole backup set between a directory and S3 (either way, or S3 to S3).", "",
                "Every file the manifests list is checked against its SHA-256 as it is stored (a damaged file is refused",
                "and named); the manifests are copied last, so an interrupted transfer never looks like a complete set.",
                "A ledger in stateDir lets a killed transfer continue without sending finished files again.",
                "s3:// locations use the backupStore section of the config."})
public final class TransferCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--from", required = true, paramLabel = "LOCATION", description = "The backup set to copy: a directory or s3://bucket/prefix.")
    String fromText;

    @Option(names = "--to", required = true, paramLabel = "LOCATION", description = "Where it goes: a directory or s3://bucket/prefix.")
    String toText;

    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        var cwd = java.nio.file.Path.of("").toAbsolutePath();
        SetLocation from = SetLocation.parse(fromText, cwd, "--from");
        SetLocation to = SetLocation.parse(toText, cwd, "--to");
        if (from.overlaps(to)) {
            throw new MigrateException(ErrorCode.USAGE, "--from " + from + " and --to " + to + " are the same set or one lies inside the other",
                    "transfer into another directory or prefix");
        }
        var progress = common.progress(spec.commandLine().getErr());
        var key = cfg.encryption().load(main.env()).orElse(null);
        try (BackupSetStore source = SetStores.open(from, cfg, main.env()); BackupSetStore target = SetStores.open(to, cfg, main.env())) {
            var transfer = new SetTransfer(source, target, cfg.transferStateDir(), key, cfg.parallelism(), progress);
            var plan = transfer.plan();
            var out = spec.commandLine().getOut();
            if (common.dryRun) {
                out.print(plan.render());
                out.println("(dry run: nothing sent)");
                out.flush();
                return 0;
            }
            Output.print(out, transfer.execute(plan), common.json);
        }
        return 0;
    }
}
