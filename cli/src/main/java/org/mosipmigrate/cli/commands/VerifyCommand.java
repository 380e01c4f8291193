package org.mosipmigrate.cli.commands;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.verify.VerifyOptions;
import org.mosipmigrate.verify.VerifyService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify the target against the source and the backup set.", "",
                "Per table: row count and an order-independent content fingerprint (duplicates counted), plus schema",
                "object counts and sequence values. Prints a table, writes verify-report.json, exits 1 on any difference."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--no-source", description = "Do not read the live source (compare the target with the manifest only).")
    boolean noSource;

    @Option(names = "--no-manifest", description = "Ignore the backup set's manifest (compare source and target only).")
    boolean noManifest;

    @Option(names = "--databases", split = ",", paramLabel = "DB", description = "Only these databases (default: all).")
    List<String> databases;

    @Option(names = "--columns", paramLabel = "DB.SCHEMA.TABLE=COL[,COL...]",
            description = "Fingerprint only these columns of a table (repeatable), e.g. the columns it had in V2. Adds to verify.columns.")
    Map<String, String> columns;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where verify-report.json goes (default: stateDir, else backupSet).")
    Path reportDir;

    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        Map<String, List<String>> overrides = new HashMap<>(cfg.verifyColumns());
        if (columns != null) {
            columns.forEach((table, cols) -> {
                if (table.split("\\.").length != 3) {
                    throw new MigrateException(ErrorCode.USAGE, "--columns " + table + ": write the table as db.schema.table", null);
                }
                overrides.put(table, List.of(cols.split(",")));
            });
        }
        var base = VerifyOptions.fromConfig(cfg);
        var options = new VerifyOptions(databases, base.compareSource() && !noSource, base.compareManifest() && !noManifest,
                overrides, cfg.verifyExcludeTables());
        var service = new VerifyService(cfg, main.env(), common.progress(spec.commandLine().getErr()));
        var plan = service.plan(options);
        var out = spec.commandLine().getOut();
        if (common.dryRun) {
            out.print(plan.render());
            out.println("(dry run: nothing compared)");
            return 0;
        }
        var report = service.execute(plan);
        Path written = report.writeJson(reportDir != null ? reportDir : cfg.effectiveStateDir());
        if (common.json) {
            Output.print(out, report, true);
        } else {
            out.print(report.renderTable());
            out.println("report: " + written);
        }
        out.flush();
        return report.passed() ? 0 : ErrorCode.VERIFY_MISMATCH.exitCode();
    }
}
