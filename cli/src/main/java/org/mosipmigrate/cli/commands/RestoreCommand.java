package org.mosipmigrate.cli.commands;

import java.util.concurrent.Callable;
import org.mosipmigrate.restore.pg.RestoreService;
import org.mosipmigrate.transfer.SetSpools;
import org.mosipmigrate.transfer.SpoolSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore the backup set into the target server.", "",
                "Creates roles and databases, applies pre-data, loads chunks in parallel (each checked against its",
                "SHA-256 and row count before commit), builds indexes and keys in parallel, then constraints and",
                "triggers, resets sequences and runs ANALYZE. Refuses non-empty targets unless --clean. Resumes."})
public final class RestoreCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    ShardOptions sharding;

    @Option(names = "--clean", description = "Drop and recreate target databases that already hold tables (default: refuse).")
    boolean clean;

    @Option(names = "--replace-existing", description = "Keystores: move the content of non-empty target token directories / existing keystore files aside into a timestamped folder, then restore (default: refuse).")
    boolean replaceExisting;

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        var parts = common.parts(cfg);
        var progress = common.progress(spec.commandLine().getErr());
        var shard = sharding.shard();
        try (SpoolSession session = SetSpools.open(cfg, main.env(), progress, false)) {
            // shard 0 checks before it creates any database; the other shards wait for its pre-data, and each chunk's hash is
            // checked as it loads. Every file of every selected part is checked, where the set lives, before anything is written
            if (session.store() != null && shard.isFirst()) {
                org.mosipmigrate.cli.app.SetIntegrity.requireIntact(cfg, main.env(), parts, session.store());
            }
            // keystores are small and done once: by shard 0 of a sharded run
            if (parts.keystores() && shard.isFirst()) {
                KeystoreParts.restore(cfg, main.env(), progress, common.dryRun, common.json, replaceExisting, spec.commandLine().getOut());
            }
            if (parts.db()) {
                var service = new RestoreService(cfg, main.env(), progress, clean, true, shard, session.spool());
                var plan = service.plan();
                if (common.dryRun) {
                    spec.commandLine().getOut().print(plan.render(shard));
                    spec.commandLine().getOut().println("(dry run: nothing written)");
                } else {
                    Output.print(spec.commandLine().getOut(), service.execute(plan), common.json);
                }
            }
            if (parts.objects()) {
                if (common.dryRun) {
                    var m = org.mosipmigrate.objects.ObjectsManifest.read(cfg.backupSet());
                    var part = sharding.objects();
                    spec.commandLine().getOut().printf("objects: would restore %,d object(s) from %d segment(s)%s into %s (dry run: nothing written)%n",
                            m.objects(), m.segments().size(), part.shard().isSharded() ? ", shard " + part.shard().label() + " the "
                                    + m.segments().stream().filter(s -> part.ownsSegment(s.file())).count() + " segment(s) it owns" : "",
                            cfg.objects().target() == null ? "(no target.objectStore)" : cfg.objects().target().describe());
                } else {
                    Output.print(spec.commandLine().getOut(), new org.mosipmigrate.objects.ObjectsStage(cfg, main.env(), progress, sharding.objects(),
                            session.spool()).restore(), common.json);
                }
            }
        }
        return 0;
    }
}
