package org.mosipmigrate.cli.commands;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.schema.Cleanup;
import org.mosipmigrate.schema.MosipDatabase;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"List (default) or, with --apply, save and drop the upgrade's leftovers on the target (after verification):",
                "tables *_to_be_deleted, *_migr_bkp, *_migr_dupes in the MOSIP schemas, and the databases mosip_authdevice / mosip_regdevice.",
                "--apply first saves every row (and the two databases' schema) under <backupSet>/cleanup/<timestamp>/ with cleanup-manifest.json."})
public final class CleanupCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--apply", description = "Save, then drop (default: only list).")
    boolean apply;

    @Option(names = "--databases", split = ",", paramLabel = "DB",
            description = "Only these databases (default: the 13 of 1.2.0.1, mosip_authdevice and mosip_regdevice).")
    List<String> databases;

    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        PgConnector target = SchemaCommand.target(cfg, main.env());
        List<MosipDatabase> dbs = databases != null ? databases.stream().map(MosipDatabase::of).toList() : all();
        var progress = common.progress(spec.commandLine().getErr());
        var cleanup = new Cleanup(target::open, progress);
        var plan = cleanup.plan(dbs);
        var out = spec.commandLine().getOut();
        boolean doIt = apply && !common.dryRun;
        if (doIt && cfg.backupSet() == null) {
            throw new org.mosipmigrate.core.error.MigrateException(org.mosipmigrate.core.error.ErrorCode.CONFIG,
                    cfg.file() + ": cleanup --apply needs backupSet", "what it drops is saved there first; add backupSet: <directory>");
        }
        for (var item : plan) {
            if (item.wholeDatabase()) {
                out.printf("%s database %s: %d tables, %d rows (%s)%n", doIt ? "drop" : "would drop", item.db(), item.tables().size(), item.rows(),
                        item.note());
            }
            for (var t : item.tables()) {
                out.printf("  %s %s:%s (%d rows)%n", item.wholeDatabase() ? "   " : doIt ? "drop" : "would drop", item.db(), t.qualified(), t.rows());
            }
        }
        if (plan.isEmpty() || !doIt) {
            out.println(plan.isEmpty() ? "nothing to clean up" : "(nothing dropped: pass --apply to save these in the backup set and drop them)");
            return 0;
        }
        PgTools tools = new PgTools(cfg.pgBinDir());
        var key = cfg.encryption().load(main.env()).orElse(null);
        Cleanup.Applied applied;
        // on an S3 set the saves go into the spool and are uploaded (manifest last) before this command ends; opening
        // the spool also uploads saves an earlier run left there
        try (var session = org.mosipmigrate.transfer.SetSpools.open(cfg, main.env(), progress, true)) {
            applied = cleanup.apply(plan, cfg.backupSet(), key, cfg.compressionLevel(), Cleanup.pgDump(tools, target));
            session.publish();
        }
        out.printf("%sdropped %d object(s); saved %d file(s) under %s (manifest %s)%n", applied.resumed() ? "continued an unfinished cleanup: " : "",
                applied.dropped().size(), applied.files().size(), applied.dir(), applied.manifest().getFileName());
        return 0;
    }

    private static List<MosipDatabase> all() {
        List<MosipDatabase> l = new ArrayList<>(MosipDatabase.v3());
        l.addAll(Cleanup.FOLDED);
        return l;
    }
}
