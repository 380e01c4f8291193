package org.mosipmigrate.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import org.mosipmigrate.backup.keystore.KeystoreBackup;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.restore.keystore.KeystoreRestore;
import org.mosipmigrate.verify.keystore.KeystoreVerifier;

/** The keystore part of backup, restore and verify: plan, dry run or execute, and print. */
final class KeystoreParts {
    private KeystoreParts() {
    }

    static void backup(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean dryRun, boolean json, PrintWriter out) {
        var service = new KeystoreBackup(cfg, env, progress);
        var plan = service.plan();
        if (dryRun) {
            out.print(plan.render());
            out.println(plan.alreadyComplete() ? "(keystores already in the backup set)" : "(dry run: nothing written)");
            out.flush();
            return;
        }
        Output.print(out, service.execute(plan), json);
    }

    static void restore(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean dryRun, boolean json, boolean replaceExisting,
                        PrintWriter out) {
        var service = new KeystoreRestore(cfg, env, progress, replaceExisting);
        var plan = service.plan();
        if (dryRun) {
            out.print(plan.render());
            out.println("(dry run: nothing written)");
            out.flush();
            return;
        }
        var result = service.execute(plan);
        if (json) {
            Output.print(out, result, true);
        } else {
            for (var k : result.keystores()) {
                out.printf("keystore %-12s %-12s %d file(s) -> %s%s%n", k.name(), k.action(), k.files(), k.target(),
                        k.movedAsideTo() == null ? "" : "; previous content moved to " + k.movedAsideTo());
            }
            out.flush();
        }
    }

    /** The report (null on a dry run), printed and written to the report directory. */
    static KeystoreVerifier.Report verify(MigrationConfig cfg, Map<String, String> env, Progress progress, boolean dryRun, boolean json, Path reportDir, PrintWriter out,
                      boolean crossCheckDb) {
        if (dryRun) {
            out.println("keystores: would compare " + cfg.keystores().targets().size() + " target keystore(s) with the backup set and the source (dry run: nothing compared)");
            out.flush();
            return null;
        }
        var report = new KeystoreVerifier(cfg, env, progress).crossCheckDb(crossCheckDb).run();
        Path written = report.writeJson(reportDir != null ? reportDir : cfg.effectiveStateDir());
        if (json) {
            Output.print(out, report, true);
        } else {
            out.print(report.renderTable());
            out.println("report: " + written);
            out.flush();
        }
        return report;
    }
}
