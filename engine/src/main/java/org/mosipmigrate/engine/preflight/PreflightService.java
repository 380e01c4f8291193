package org.mosipmigrate.engine.preflight;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.schema.CaCertDuplicates;
import org.mosipmigrate.schema.SavedRows;

/**
 * {@code preflight}: runs every check (each only reads), then, with {@code --fix}, the safe fixes, then the data
 * checks again so that the report shows the state after the fix. A check that cannot run becomes a blocking
 * CHECK_FAILED finding: no verdict is better than a wrong GO.
 *
 * <p>The one write to the source: with {@code --fix}, exact duplicate rows of ca_cert_store (keymgr, ida) are saved
 * under {@code <backupSet>/preflight-fixes/<timestamp>/} and then deleted, in one transaction per database.
 */
public final class PreflightService {
    public static final String VERSION = "mosip-migrate 0.1.0";

    private final PreflightContext ctx;
    private final List<Check> checks;

    public PreflightService(MigrationConfig config, Map<String, String> env, Set<PartKind> parts, Progress progress) {
        this.ctx = new PreflightContext(config, env, parts, progress);
        List<Check> c = new ArrayList<>();
        if (parts.contains(PartKind.DB)) {
            c.add(new PostgresCheck());
            c.add(new MosipVersionCheck());
            c.add(new MosipDataCheck());
        }
        if (parts.contains(PartKind.OBJECTS)) {
            c.add(new ObjectStoreCheck());
        }
        if (parts.contains(PartKind.KEYSTORES)) {
            c.add(new KeystoreCheck());
        }
        c.add(new DiskCheck());
        this.checks = List.copyOf(c);
    }

    /** Names of the checks this run would do (for --dry-run). */
    public List<String> checkNames() {
        return checks.stream().map(Check::name).toList();
    }

    /**
     * @param fix    apply the safe fixes (needs backupSet)
     * @param dryRun with fix: only say what the fixes would change
     */
    /** A report and where its JSON was written. */
    public record Outcome(PreflightReport report, java.nio.file.Path written) {
    }

    /** Runs the checks (and, with {@code fix}, the safe fixes) and writes preflight-report.json into {@code reportDir} (null: stateDir). */
    public Outcome run(boolean fix, boolean dryRun, java.nio.file.Path reportDir) {
        PreflightReport report = run(fix, dryRun);
        try {
            return new Outcome(report, report.writeJson(reportDir != null ? reportDir : ctx.config().effectiveStateDir()));
        } catch (java.io.IOException e) {
            throw new org.mosipmigrate.core.error.MigrateException(org.mosipmigrate.core.error.ErrorCode.RUNTIME, "cannot write " + PreflightReport.FILE
                    + ": " + e.getMessage(), "check --report-dir / stateDir", e);
        }
    }

    public PreflightReport run(boolean fix, boolean dryRun) {
        MigrationConfig cfg = ctx.config();
        if (fix && !dryRun && cfg.backupSet() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": preflight --fix needs backupSet",
                    "what --fix removes is saved there first; add backupSet: <directory>");
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Findings out = new Findings();
        List<PreflightReport.CheckRun> runs = new ArrayList<>();
        for (Check c : checks) {
            runs.add(runCheck(c, out));
        }
        List<PreflightReport.FixApplied> fixes = new ArrayList<>();
        String manifest = null;
        boolean fixable = out.all().stream().anyMatch(Finding::fixable);
        if (fix && fixable) {
            manifest = applyFixes(stamp, dryRun, fixes);
            if (!dryRun) {
                out.clear("mosip-data");
                runs.removeIf(r -> r.check().equals("mosip-data"));
                runs.add(runCheck(new MosipDataCheck(), out));
            }
        }
        List<Finding> findings = new ArrayList<>(out.all());
        List<String> order = checks.stream().map(Check::name).toList();
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(f -> order.indexOf(f.check())));
        long blocking = findings.stream().filter(f -> f.severity() == Severity.BLOCKING).count();
        long warnings = findings.stream().filter(f -> f.severity() == Severity.WARNING).count();
        return new PreflightReport("mosip-migrate preflight", VERSION, stamp, String.valueOf(cfg.file()), blocking == 0 ? PreflightReport.GO
                : PreflightReport.NO_GO, blocking, warnings, findings.size() - blocking - warnings, runs, out.facts(), findings, fixes, manifest);
    }

    private PreflightReport.CheckRun runCheck(Check c, Findings out) {
        long t0 = System.nanoTime();
        ctx.progress().info("preflight: " + c.name());
        String status;
        try {
            c.run(ctx, out);
            status = out.all().stream().anyMatch(f -> f.check().equals(c.name()) && f.severity() == Severity.BLOCKING) ? "findings" : "ok";
        } catch (Exception e) {
            String hint = e instanceof MigrateException me && me.hint() != null ? me.hint() : "fix the cause and run preflight again";
            out.add(Finding.single("CHECK_FAILED", c.name(), Severity.BLOCKING, "the " + c.name() + " check could not run: " + e.getMessage(), hint));
            status = "failed";
        }
        return new PreflightReport.CheckRun(c.name(), status, (System.nanoTime() - t0) / 1_000_000);
    }

    /** The ca_cert_store duplicates of keymgr and ida; returns the fix manifest path (relative to the backup set) or null. */
    private String applyFixes(String stamp, boolean dryRun, List<PreflightReport.FixApplied> fixes) {
        MigrationConfig cfg = ctx.config();
        BackupKey key = cfg.encryption().load(ctx.env()).orElse(null);
        Path dir = cfg.backupSet() == null ? null : cfg.backupSet().resolve("preflight-fixes").resolve(stamp);
        List<SavedRows.SavedFile> files = new ArrayList<>();
        for (String db : List.of("mosip_keymgr", "mosip_ida")) {
            if (!ctx.sourceDatabases().contains(db)) {
                continue;
            }
            try (Connection c = ctx.openSource(db)) {
                String table = CaCertDuplicates.schemaOf(db) + ".ca_cert_store";
                if (dryRun) {
                    List<String> ids = CaCertDuplicates.removable(c, CaCertDuplicates.schemaOf(db));
                    if (!ids.isEmpty()) {
                        fixes.add(new PreflightReport.FixApplied("CA_CERT_DUPLICATES", db, table, ids.size(), ids, null, null, false));
                    }
                    continue;
                }
                CaCertDuplicates.Removed r = CaCertDuplicates.remove(c, db, dir, key, cfg.compressionLevel(), removed -> {
                    // recorded before the deletion commits: a crash after this leaves a manifest naming rows that may still be there, never the reverse
                    files.add(removed.saved());
                    fixes.add(new PreflightReport.FixApplied("CA_CERT_DUPLICATES", db, table, removed.certIds().size(), removed.certIds(),
                            removed.saved().file(), removed.saved().sha256(), true));
                    writeManifest(dir, stamp, key, files, fixes);
                });
                if (r != null) {
                    ctx.progress().info("preflight --fix: " + db + ": removed " + r.certIds().size() + " duplicate row(s) of " + table + ", saved to "
                            + dir.resolve(r.saved().file()));
                }
            } catch (java.sql.SQLException e) {
                throw new MigrateException(ErrorCode.RUNTIME, db + ": preflight --fix: " + e.getMessage(), null, e);
            }
        }
        return files.isEmpty() ? null : cfg.backupSet().relativize(dir.resolve("fix-manifest.json")).toString();
    }

    private static void writeManifest(Path dir, String stamp, BackupKey key, List<SavedRows.SavedFile> files, List<PreflightReport.FixApplied> fixes) {
        try {
            SavedRows.writeManifest(dir.resolve("fix-manifest.json"), "mosip-migrate preflight --fix", stamp, key, files,
                    Map.of("fixes", fixes, "undo", "each file holds the deleted rows as COPY text: decompress (zstd -d; decrypt first when encrypted) "
                            + "and load with COPY <table> FROM STDIN"));
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, "preflight --fix: cannot write " + dir.resolve("fix-manifest.json") + ": " + e.getMessage(),
                    "the rows were deleted and their file is in " + dir + "; keep that directory", e);
        }
    }
}
