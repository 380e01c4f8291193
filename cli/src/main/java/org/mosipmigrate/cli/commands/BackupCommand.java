package org.mosipmigrate.cli.commands;

import java.util.concurrent.Callable;
import org.mosipmigrate.backup.pg.BackupService;
import org.mosipmigrate.transfer.SetSpools;
import org.mosipmigrate.transfer.SpoolSession;
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
        var parts = common.parts(cfg);
        var progress = common.progress(spec.commandLine().getErr());
        // a set on S3 is written through its spool; each part is published (manifests last) once it is finished
        try (SpoolSession session = SetSpools.open(cfg, main.env(), progress, !common.dryRun)) {
            if (parts.keystores()) {
                KeystoreParts.backup(cfg, main.env(), progress, common.dryRun, common.json, spec.commandLine().getOut());
                publish(session);
            }
            if (parts.db()) {
                var service = new BackupService(cfg, main.env(), progress, session.spool());
                var plan = service.plan();
                if (common.dryRun) {
                    spec.commandLine().getOut().print(plan.render());
                    spec.commandLine().getOut().println(service.isComplete() ? "(backup set is already complete)" : "(dry run: nothing written)");
                } else {
                    Output.print(spec.commandLine().getOut(), service.execute(plan), common.json);
                    publish(session);
                }
            }
            if (parts.objects()) {
                var objects = new org.mosipmigrate.objects.ObjectsStage(cfg, main.env(), progress, session.spool());
                if (common.dryRun) {
                    spec.commandLine().getOut().println("objects: would back up buckets [" + (cfg.objects().source() == null ? "-" : new org.mosipmigrate.objects.BucketFilter(cfg.objects().source().buckets()))
                            + "] of " + (cfg.objects().source() == null ? "(no source.objectStore)" : cfg.objects().source().describe()) + " (dry run: nothing written)");
                } else {
                    Output.print(spec.commandLine().getOut(), objects.backup(), common.json);
                    publish(session);
                }
            }
        }
        return 0;
    }

    private void publish(SpoolSession session) {
        if (!common.dryRun) {
            session.publish();
        }
    }
}
