package org.mosipmigrate.engine.preflight;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.PrivateFiles;

/**
 * The go/no-go of one preflight run, written as {@value #FILE}: verdict, per-check timing, the facts measured,
 * every finding (blocking first), and what {@code --fix} changed. Holds no secret.
 */
public record PreflightReport(String kind, String tool, String createdAt, String config, String verdict, long blocking, long warnings,
                              long infos, List<CheckRun> checks, Map<String, Object> facts, List<Finding> findings, List<FixApplied> fixes,
                              String fixManifest) {
    public static final String FILE = "preflight-report.json";
    public static final String GO = "GO";
    public static final String NO_GO = "NO-GO";

    /** One check of the run: ok (nothing blocking), findings (something blocking), failed (could not run), skipped. */
    public record CheckRun(String check, String status, long millis) {
    }

    /** One change --fix made (or, with --dry-run, would make); savedTo is relative to the fix manifest's directory. */
    public record FixApplied(String finding, String db, String table, long rows, List<String> keys, String savedTo, String sha256, boolean applied) {
    }

    public boolean go() {
        return blocking == 0;
    }

    public Path writeJson(Path dir) throws IOException {
        PrivateFiles.createDirectories(dir);
        Path file = dir.resolve(FILE);
        Json.writeAtomically(file, this);
        return file;
    }

    /** The terminal table: one line per finding, its first items and its fix, then the verdict. */
    public String renderTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-9s %-28s %7s  %s%n", "SEVERITY", "FINDING", "COUNT", "WHAT"));
        for (Finding f : findings) {
            sb.append(String.format("%-9s %-28s %7d  %s%n", f.severity().label(), f.id(), f.count(), f.title()));
            for (String item : f.items()) {
                sb.append("            ").append(item).append('\n');
            }
            if (f.items().size() == Finding.MAX_ITEMS && f.count() > f.items().size()) {
                sb.append("            ... and ").append(f.count() - f.items().size()).append(" more\n");
            }
            if (!f.fix().isEmpty()) {
                sb.append("            fix: ").append(f.fix()).append(f.fixable() ? " [--fix]" : "").append('\n');
            }
        }
        for (FixApplied x : fixes) {
            sb.append(String.format("%s %s: %s %d row(s) from %s (%s)%s%n", x.applied() ? "fixed  " : "would fix", x.finding(), x.applied() ? "removed" : "remove",
                    x.rows(), x.db() + " " + x.table(), String.join(", ", x.keys()), x.savedTo() == null ? "" : "; saved to " + x.savedTo()));
        }
        if (fixManifest != null) {
            sb.append("fix manifest (the removed rows and how to load them back): <backupSet>/").append(fixManifest).append('\n');
        }
        sb.append("checks:");
        for (CheckRun c : checks) {
            sb.append(' ').append(c.check()).append(' ').append(c.status()).append(" (").append(c.millis()).append(" ms)");
        }
        sb.append('\n');
        sb.append(String.format("%s: %d blocking, %d warning(s), %d info%n", verdict, blocking, warnings, infos));
        return sb.toString();
    }
}
