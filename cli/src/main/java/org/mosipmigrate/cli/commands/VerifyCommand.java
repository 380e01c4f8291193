package org.mosipmigrate.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.part.RunOptions;
import org.mosipmigrate.engine.verify.Verification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify the target against the source and the backup set.", "",
                "Per table: row count and an order-independent content fingerprint (duplicates counted), plus schema",
                "object counts and sequence values. Prints a table, writes verify-report.json and a signed evidence pack",
                "(evidence.json + report.html, see docs/evidence.md), exits 1 on any difference."})
public final class VerifyCommand extends ConfiguredCommand {
    @Mixin
    ShardOptions sharding;

    @Option(names = "--no-source", description = "Do not read the live source (compare the target with the manifest only).")
    boolean noSource;

    @Option(names = "--no-manifest", description = "Ignore the backup set's manifest (compare source and target only).")
    boolean noManifest;

    @Option(names = "--databases", split = ",", paramLabel = "DB", description = "Only these databases (default: all).")
    List<String> databases;

    @Option(names = "--columns", paramLabel = "DB.SCHEMA.TABLE=COL[,COL...]",
            description = "Fingerprint only these columns of a table (repeatable), e.g. the columns it had in V2. Adds to verify.columns.")
    Map<String, String> columns;

    @Option(names = "--deep", description = "Objects: re-read every object on both sides and compare SHA-256 (default: count, size, content type, metadata).")
    boolean deep;

    @Option(names = "--set-only", description = "Only check the backup set itself: the manifest's seal and every file's size and SHA-256 (no server needed).")
    boolean setOnly;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where verify-report.json goes (default: stateDir, else backupSet).")
    Path reportDir;

    @Option(names = "--schema", paramLabel = "VERSION",
            description = "Instead of data: compare each live target database's schema with MOSIP VERSION's catalog (1.2.0.1 or 1.1.5.5);"
                    + " known upgrade leftovers are listed, any other difference fails.")
    String schema;

    @Option(names = "--cross-check-db", description = "Keystores: also compare the restored kernel (ida) keystore's labels with the rows of"
            + " keymgr.key_alias in mosip_keymgr (ida.key_alias in mosip_ida) of the target; keys on one side only fail. See docs/keystores.md.")
    boolean crossCheckDb;

    @Option(names = "--evidence-dir", paramLabel = "DIR",
            description = "Where the evidence pack (evidence.json + report.html) goes (default: <backupSet>/evidence/<UTC timestamp>, see docs/evidence.md).")
    Path evidenceDir;

    @Option(names = "--no-evidence", description = "Do not write an evidence pack.")
    boolean noEvidence;

    @Override
    public Integer call() {
        var cfg = config();
        var engine = engine(cfg);
        var verification = new Verification(engine);
        PrintWriter out = out();
        int exit;
        if (schema != null || setOnly) {
            var verdict = schema != null ? verification.schema(schema, databases) : verification.setOnly();
            Output.print(out, verdict, common.json);
            exit = verdict.passed() ? 0 : ErrorCode.VERIFY_MISMATCH.exitCode();
        } else {
            var choices = new RunOptions.VerifyChoices(deep, !noSource, !noManifest, databases, columnOverrides(), crossCheckDb, reportDir);
            var request = sharding.request(common.parts(cfg), new RunOptions(common.dryRun, false, false, choices));
            exit = verification.parts(request, o -> Output.print(out, o, common.json));
        }
        if (!common.dryRun && !noEvidence) {
            var written = verification.writeEvidence(evidenceDir, err());
            engine.progress().info("evidence: " + written.dir() + " (" + written.verdict()
                    + (written.signed() ? ", signed with key " + written.keyId() : ", UNSIGNED") + ")");
            if (!common.json) {
                out.println("evidence: " + written.dir());
                out.flush();
            }
        }
        return exit;
    }

    private Map<String, List<String>> columnOverrides() {
        Map<String, List<String>> overrides = new HashMap<>();
        if (columns != null) {
            columns.forEach((table, cols) -> {
                if (table.split("\\.").length != 3) {
                    throw new MigrateException(ErrorCode.USAGE, "--columns " + table + ": write the table as db.schema.table", null);
                }
                overrides.put(table, List.of(cols.split(",")));
            });
        }
        return overrides;
    }
}
