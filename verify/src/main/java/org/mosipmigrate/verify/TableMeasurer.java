package org.mosipmigrate.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import org.mosipmigrate.core.pg.TableFingerprint;

/** Fingerprints a table on one side over the job's columns, or only counts it when columns are missing. */
final class TableMeasurer {
    private TableMeasurer() {
    }

    /** @param columnsThere the table's columns on this side; null when the table is absent there */
    static Measurement measure(Connection c, TableJob job, Set<String> columnsThere) throws SQLException {
        if (columnsThere == null) {
            return Measurement.absent();
        }
        List<String> missing = job.columns().stream().filter(col -> !columnsThere.contains(col)).toList();
        if (!missing.isEmpty()) {
            // an empty column list still counts rows (and cannot fail on the missing column)
            long rows = TableFingerprint.compute(c, job.schema(), job.name(), List.of()).rows();
            return new Measurement(true, rows, null, missing);
        }
        TableFingerprint.Fingerprint fp = TableFingerprint.compute(c, job.schema(), job.name(), job.columns());
        return new Measurement(true, fp.rows(), fp.hash(), List.of());
    }
}
