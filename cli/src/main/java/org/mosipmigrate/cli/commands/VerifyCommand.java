package org.mosipmigrate.cli.commands;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mosipmigrate.cli.app.EvidenceOutput;
import org.mosipmigrate.cli.app.VerifyEvidence;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.evidence.ConfigDigests;
import org.mosipmigrate.core.evidence.EvidenceBuilder;
import org.mosipmigrate.core.evidence.EvidencePack;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.verify.VerifyOptions;
import org.mosipmigrate.verify.VerifyService;
import org.mosipmigrate.transfer.SetSpools;
import org.mosipmigrate.transfer.SpoolSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Verify the target against the source and the backup set.", "",
                "Per table: row count and an order-independent content fingerprint (duplicates counted), plus schema",
                "object counts and sequence values. Prints a table, writes verify-report.json and a signed evidence pack",
                "(evidence.json + report.html, see docs/evidence.md), exits 1 on any difference."})
public final class VerifyCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

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

    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        var evidence = EvidencePack.builder("verify").config(ConfigDigests.of(common.config));
        int exit;
        if (schema != null) {
            exit = verifySchema(cfg, evidence);
        } else {
            // a set on S3: its manifests and indexes are read from the spool, its files from the store
            try (SpoolSession session = SetSpools.open(cfg, main.env(), common.progress(spec.commandLine().getErr()), false)) {
                exit = setOnly ? checkSetOnly(cfg, evidence, session) // every part of the set, no server needed
                        : verifyParts(cfg, evidence);
            }
        }
        if (!common.dryRun && !noEvidence) {
            var written = EvidenceOutput.write(cfg, main.env(), evidence.build(), evidenceDir, spec.commandLine().getErr());
            common.progress(spec.commandLine().getErr()).info("evidence: " + written.dir() + " (" + written.verdict()
                    + (written.signed() ? ", signed with key " + written.keyId() : ", UNSIGNED") + ")");
            if (!common.json) {
                spec.commandLine().getOut().println("evidence: " + written.dir());
                spec.commandLine().getOut().flush();
            }
        }
        return exit;
    }

    private int verifyParts(org.mosipmigrate.core.config.MigrationConfig cfg, EvidenceBuilder evidence) {
        var parts = common.parts(cfg);
        VerifyEvidence.addSource(evidence, cfg);
        int objectsExit = parts.objects() ? verifyObjects(cfg, evidence) : 0;
        if (parts.keystores() && sharding.shard().isFirst()) {
            Instant started = Instant.now();
            var report = KeystoreParts.verify(cfg, main.env(), common.progress(spec.commandLine().getErr()), common.dryRun,
                    common.json, reportDir, spec.commandLine().getOut(), crossCheckDb);
            if (report != null) {
                VerifyEvidence.addKeystores(evidence, report);
                evidence.phase("verify keystores", started, (long) report.keystores().size(), "keystore", null, null, report.passed());
                objectsExit = Math.max(objectsExit, report.passed() ? 0 : ErrorCode.VERIFY_MISMATCH.exitCode());
            }
        }
        if (!parts.db()) {
            return objectsExit;
        }
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
        var shard = sharding.shard();
        var service = new VerifyService(cfg, main.env(), common.progress(spec.commandLine().getErr()), shard);
        var plan = service.plan(options);
        var out = spec.commandLine().getOut();
        if (common.dryRun) {
            out.print(plan.part(shard).render());
            out.println("(dry run: nothing compared)");
            return 0;
        }
        Instant started = Instant.now();
        var report = service.execute(plan);
        VerifyEvidence.addDatabases(evidence, report, cfg, main.env());
        evidence.phase("verify db", started, (long) report.tables().size(), "table",
                report.tables().stream().mapToLong(t -> t.targetRows() == null ? 0 : t.targetRows()).sum(), null, report.passed());
        plan.notes().forEach(evidence::note);
        Path written = report.writeJson(reportDir != null ? reportDir : cfg.effectiveStateDir(), shard);
        if (common.json) {
            Output.print(out, report, true);
        } else {
            out.print(report.renderTable());
            out.println("report: " + written);
        }
        out.flush();
        return report.passed() ? objectsExit : ErrorCode.VERIFY_MISMATCH.exitCode();
    }

    @Option(names = "--deep", description = "Objects: re-read every object on both sides and compare SHA-256 (default: count, size, content type, metadata).")
    boolean deep;

    /** The object part: source (or, with --no-source or no source configured, the backup set) against the target store. */
    private int verifyObjects(org.mosipmigrate.core.config.MigrationConfig cfg, EvidenceBuilder evidence) {
        var out = spec.commandLine().getOut();
        if (common.dryRun) {
            out.println("objects: would compare " + (cfg.objects().source() != null && !noSource ? "the source store" : "the backup set") + " with "
                    + (cfg.objects().target() == null ? "(no target.objectStore)" : cfg.objects().target().describe()) + (deep ? ", re-reading content" : "")
                    + BackupCommand.shardNote(sharding.objects()) + " (dry run: nothing compared)");
            return 0;
        }
        Instant started = Instant.now();
        var part = sharding.objects();
        var report = new org.mosipmigrate.objects.ObjectsStage(cfg, main.env(), common.progress(spec.commandLine().getErr()), part).verify(deep, !noSource);
        VerifyEvidence.addObjects(evidence, report);
        evidence.phase("verify objects", started, report.objects(), "object", null, report.bytes(), report.passed());
        Path written = report.writeJson(reportDir != null ? reportDir : cfg.effectiveStateDir(), part.shard());
        if (common.json) {
            Output.print(out, report, true);
        } else {
            out.print(report.render());
            out.println("report: " + written);
        }
        out.flush();
        return report.passed() ? 0 : ErrorCode.VERIFY_MISMATCH.exitCode();
    }

    private int checkSetOnly(org.mosipmigrate.core.config.MigrationConfig cfg, EvidenceBuilder evidence, SpoolSession session) {
        if (cfg.backupSet() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": --set-only needs backupSet", null);
        }
        Instant started = Instant.now();
        var report = org.mosipmigrate.cli.app.SetIntegrity.check(cfg, main.env(), new org.mosipmigrate.cli.app.Parts(true, true, true), session.store());
        if (report.partsChecked().isEmpty()) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, "backup set " + cfg.backupSetLocation() + " holds no finished part to check",
                    "run the backup first; a part is finished once its manifest is written");
        }
        var result = report.files();
        VerifyEvidence.addSource(evidence, cfg);
        VerifyEvidence.addSetCheck(evidence, report);
        evidence.phase("verify set", started, (long) result.filesChecked(), "file", null, result.bytesChecked(), result.ok());
        var out = spec.commandLine().getOut();
        if (common.json) {
            Output.print(out, result, true);
        } else {
            for (var p : result.problems()) {
                out.printf("BAD  %s: %s %s%n", report.ownerOf(p.file()), p.file(), p.what());
            }
            out.printf("%s: %d files of %s, %s checked against their manifests%s; %d problem(s)%n", result.ok() ? "PASSED" : "FAILED",
                    result.filesChecked(), String.join(", ", report.partsChecked()), org.mosipmigrate.backup.pg.SourcePlan.human(result.bytesChecked()),
                    report.keyId() == null ? "" : " (seals verified with key " + report.keyId() + ")", result.problems().size());
        }
        out.flush();
        return result.ok() ? 0 : ErrorCode.VERIFY_MISMATCH.exitCode();
    }

    /** --schema: live target schemas against the catalog facts (docs/schema-upgrades.md). */
    private int verifySchema(org.mosipmigrate.core.config.MigrationConfig cfg, EvidenceBuilder evidence) {
        var target = SchemaCommand.target(cfg, main.env());
        var dbs = databases != null ? databases.stream().map(org.mosipmigrate.schema.MosipDatabase::of).toList()
                : schema.equals("1.1.5.5") ? java.util.Arrays.stream(org.mosipmigrate.schema.MosipDatabase.values())
                        .filter(org.mosipmigrate.schema.MosipDatabase::inV2).toList()
                : org.mosipmigrate.schema.MosipDatabase.v3();
        Instant started = Instant.now();
        var results = new org.mosipmigrate.schema.SchemaVerify(target::open).verify(dbs, schema);
        VerifyEvidence.addSchema(evidence, results, schema);
        evidence.phase("verify schema", started, (long) results.size(), "database", null, null,
                results.stream().allMatch(org.mosipmigrate.schema.SchemaVerify.Result::passed));
        var out = spec.commandLine().getOut();
        if (common.json) {
            Output.print(out, results, true);
        } else {
            for (var r : results) {
                out.printf("%-6s %-18s %s%n", r.passed() ? "OK" : "FAIL", r.db(), !r.exists() ? "database missing"
                        : r.unexpected().size() + " unexpected difference(s), " + r.known().size() + " known");
                r.unexpected().forEach(d -> out.println("  UNEXPECTED " + d));
                r.known().forEach(k -> out.println("  known      " + k.difference() + " -- " + k.reason()));
            }
            boolean passed = results.stream().allMatch(org.mosipmigrate.schema.SchemaVerify.Result::passed);
            out.println((passed ? "PASSED" : "FAILED") + ": schema " + schema + " of " + results.size() + " database(s)");
        }
        out.flush();
        return results.stream().allMatch(org.mosipmigrate.schema.SchemaVerify.Result::passed) ? 0 : ErrorCode.VERIFY_MISMATCH.exitCode();
    }
}
