package org.mosipmigrate.engine.verify;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.evidence.ConfigDigests;
import org.mosipmigrate.core.evidence.EvidenceBuilder;
import org.mosipmigrate.core.evidence.EvidencePack;
import org.mosipmigrate.core.evidence.EvidenceWriter;
import org.mosipmigrate.core.part.Operation;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.part.Reported;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.engine.Engine;
import org.mosipmigrate.core.text.Sizes;
import org.mosipmigrate.engine.SetIntegrity;
import org.mosipmigrate.schema.MosipDatabase;
import org.mosipmigrate.schema.SchemaVerify;
import org.mosipmigrate.transfer.SetSpools;
import org.mosipmigrate.transfer.SpoolSession;

/**
 * The one verify entry point. Three questions, each answered by the concern that owns it: are the parts on the target
 * equal to the source and the backup set ({@link #parts}: each part's VERIFY step), is the backup set itself intact
 * ({@link #setOnly}: {@link SetIntegrity}), and does each target database have MOSIP's schema ({@link #schema}:
 * {@link SchemaVerify}). Whatever was asked, the answers go into one evidence pack ({@link #writeEvidence}).
 */
public final class Verification {
    private final Engine engine;
    private final MigrationConfig cfg;
    private final EvidenceBuilder evidence;

    public Verification(Engine engine) {
        this.engine = engine;
        this.cfg = engine.config();
        this.evidence = EvidencePack.builder("verify").config(ConfigDigests.of(cfg.file()));
    }

    /** Each selected part's target against its source and/or backup set; returns the exit code (0, or 1 on any difference). */
    public int parts(Engine.Request r, Consumer<Engine.PartOutcome> out) {
        // a set on S3: its manifests and indexes are read from the spool, its files from the store
        try (SpoolSession session = SetSpools.open(cfg, engine.env(), engine.progress(), false)) {
            VerifyEvidence.addSource(evidence, cfg);
            int[] exit = {0};
            engine.run(Operation.VERIFY, r, session, outcome -> {
                StepResult result = outcome.result();
                if (result != null) {
                    result.addEvidence(evidence);
                    StepResult.Totals t = result.totals();
                    evidence.phase("verify " + outcome.part().label(), outcome.started(), t.units(), t.unit(), t.rows(), t.bytes(), result.passed());
                    exit[0] = Math.max(exit[0], result.passed() ? 0 : ErrorCode.VERIFY_MISMATCH.exitCode());
                }
                out.accept(outcome);
            }, () -> {
            });
            return exit[0];
        }
    }

    /** The backup set alone: every part's manifest against its seal, every file against its size and SHA-256. No server needed. */
    public StepResult setOnly() {
        if (cfg.backupSet() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": --set-only needs backupSet", null);
        }
        try (SpoolSession session = SetSpools.open(cfg, engine.env(), engine.progress(), false)) {
            Instant started = Instant.now();
            var report = SetIntegrity.check(cfg, engine.env(), EnumSet.allOf(PartKind.class), session.store());
            if (report.partsChecked().isEmpty()) {
                throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, "backup set " + cfg.backupSetLocation() + " holds no finished part to check",
                        "run the backup first; a part is finished once its manifest is written");
            }
            var result = report.files();
            VerifyEvidence.addSource(evidence, cfg);
            VerifyEvidence.addSetCheck(evidence, report);
            evidence.phase("verify set", started, (long) result.filesChecked(), "file", null, result.bytesChecked(), result.ok());
            StringBuilder text = new StringBuilder();
            for (var p : result.problems()) {
                text.append(String.format("BAD  %s: %s %s%n", report.ownerOf(p.file()), p.file(), p.what()));
            }
            text.append(String.format("%s: %d files of %s, %s checked against their manifests%s; %d problem(s)%n", result.ok() ? "PASSED" : "FAILED",
                    result.filesChecked(), String.join(", ", report.partsChecked()), Sizes.human(result.bytesChecked()),
                    report.keyId() == null ? "" : " (seals verified with key " + report.keyId() + ")", result.problems().size()));
            return Reported.verdict(result, text.toString(), result.ok());
        }
    }

    /** Each live target database's schema against MOSIP {@code version}'s catalog (1.2.0.1 or 1.1.5.5). */
    public StepResult schema(String version, List<String> databases) {
        var endpoint = cfg.targetPg().orElseThrow(() -> new MigrateException(ErrorCode.CONFIG, "the config has no target.postgres section",
                "add target.postgres (host, port, user, passwordEnv)"));
        PgConnector target = new PgConnector(endpoint, engine.env());
        var dbs = databases != null ? databases.stream().map(MosipDatabase::of).toList()
                : version.equals("1.1.5.5") ? Arrays.stream(MosipDatabase.values()).filter(MosipDatabase::inV2).toList()
                : MosipDatabase.v3();
        Instant started = Instant.now();
        var results = new SchemaVerify(target::open).verify(dbs, version);
        boolean passed = results.stream().allMatch(SchemaVerify.Result::passed);
        VerifyEvidence.addSchema(evidence, results, version);
        evidence.phase("verify schema", started, (long) results.size(), "database", null, null, passed);
        StringBuilder text = new StringBuilder();
        for (var r : results) {
            text.append(String.format("%-6s %-18s %s%n", r.passed() ? "OK" : "FAIL", r.db(), !r.exists() ? "database missing"
                    : r.unexpected().size() + " unexpected difference(s), " + r.known().size() + " known"));
            r.unexpected().forEach(d -> text.append("  UNEXPECTED ").append(d).append(System.lineSeparator()));
            r.known().forEach(k -> text.append("  known      ").append(k.difference()).append(" -- ").append(k.reason()).append(System.lineSeparator()));
        }
        text.append((passed ? "PASSED" : "FAILED") + ": schema " + version + " of " + results.size() + " database(s)" + System.lineSeparator());
        return Reported.verdict(results, text.toString(), passed);
    }

    /** Writes the pack of everything verified so far: into {@code dir}, else the default place; signed when a key is configured. */
    public EvidenceWriter.Written writeEvidence(Path dir, PrintWriter err) {
        return EvidenceOutput.write(cfg, engine.env(), evidence.build(), dir, err);
    }
}
