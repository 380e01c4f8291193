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

    @Mixin
    ThrottleOptions throttle;

    @Mixin
    ShardOptions sharding;

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
        // a set on S3 is written through its spool; each part is published (manifests last) once it is finished
        try (SpoolSession session = SetSpools.open(cfg, main.env(), progress, !common.dryRun)) {
            // keystores are small and done once: by shard 0 of a sharded run
            if (parts.keystores() && sharding.shard().isFirst()) {
                KeystoreParts.backup(cfg, main.env(), progress, common.dryRun, common.json, spec.commandLine().getOut());
                publish(session);
            }
            if (parts.db()) {
                var shard = sharding.shard();
                var service = new BackupService(cfg, main.env(), progress, shard, session.spool());
                // a shard other than 0 runs shard 0's frozen plan: it does not plan (read the source's catalogs) for nothing
                var plan = common.dryRun || shard.isFirst() ? service.plan() : null;
                if (common.dryRun) {
                    if (shard.isSharded()) {
                        spec.commandLine().getOut().println("shard " + shard.label() + "'s part" + (shard.isFirst() ? " (also roles, schema and meta of every database)" : "")
                                + (service.isPlanFrozen() ? "" : "; the plan is not frozen yet, so shard 0's run may plan other chunks") + ":");
                    }
                    spec.commandLine().getOut().print(plan.part(shard).render());
                    spec.commandLine().getOut().println(service.isComplete() ? "(backup set is already complete)" : "(dry run: nothing written)");
                } else {
                    Output.print(spec.commandLine().getOut(), service.execute(plan), common.json);
                    publish(session);
                }
            }
            if (parts.objects()) {
                var objects = new org.mosipmigrate.objects.ObjectsStage(cfg, main.env(), progress, sharding.objects(), session.spool());
                if (common.dryRun) {
                    spec.commandLine().getOut().println("objects: would back up buckets [" + (cfg.objects().source() == null ? "-" : new org.mosipmigrate.objects.BucketFilter(cfg.objects().source().buckets()))
                            + "] of " + (cfg.objects().source() == null ? "(no source.objectStore)" : cfg.objects().source().describe())
                            + shardNote(sharding.objects()) + " (dry run: nothing written)");
                } else {
                    Output.print(spec.commandLine().getOut(), objects.backup(), common.json);
                    publish(session);
                }
            }
        }
        throttle.report(progress);
        return 0;
    }

    /** For a sharded dry run: which objects this shard takes. */
    static String shardNote(org.mosipmigrate.objects.ObjectShard part) {
        return !part.shard().isSharded() ? "" : ", only shard " + part.shard().label() + "'s part (by the hash of "
                + (part.byBucket() ? "the bucket name" : "bucket/key") + ")";
    }

    private void publish(SpoolSession session) {
        if (!common.dryRun) {
            session.publish();
        }
    }
}
