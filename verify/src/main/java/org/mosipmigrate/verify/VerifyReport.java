package org.mosipmigrate.verify;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;

/**
 * The outcome of a verification. Differences are {@link Finding}s, never exceptions: the run passed
 * exactly when there is none. Timestamps are ISO-8601 instants (UTC).
 *
 * @param source   the source compared with, or null
 * @param manifest the manifest file compared with, or null
 */
public record VerifyReport(String startedAt, String finishedAt, String target, String source, String manifest,
                           List<TableResult> tables, List<CensusResult> census, List<SequenceResult> sequences,
                           List<Finding> findings) {
    public static final String FILE = "verify-report.json";

    public VerifyReport {
        tables = List.copyOf(tables);
        census = List.copyOf(census);
        sequences = List.copyOf(sequences);
        findings = List.copyOf(findings);
    }

    @JsonProperty("passed")
    public boolean passed() {
        return findings.isEmpty();
    }

    public List<Finding> findingsFor(String item) {
        return findings.stream().filter(f -> f.item().equals(item)).toList();
    }

    /** Writes {@value #FILE} into {@code dir} atomically and returns the file. */
    public Path writeJson(Path dir) {
        return writeJson(dir, org.mosipmigrate.core.run.Shard.ALL);
    }

    /** A sharded verify writes its own report ({@code verify-report.shard-1-of-3.json}). */
    public Path writeJson(Path dir, org.mosipmigrate.core.run.Shard shard) {
        Path file = shard.fileBeside(dir.resolve(FILE));
        try {
            Json.writeAtomically(file, this);
            return file;
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + file + ": " + e.getMessage(),
                    "check that the directory is writable and has free space", e);
        }
    }

    /** One fixed-width line per table, then differences in schema objects and sequences, then a summary line. */
    public String renderTable() {
        return ReportTable.render(this);
    }
}
