package org.mosipmigrate.verify;

import java.util.List;
import java.util.Set;
import org.mosipmigrate.verify.VerifyPlan.Expectation;

/**
 * One table to fingerprint, with where it exists. A null column set means the table is absent on that
 * side; {@code sourceCompared}/{@code manifestCompared} say whether that side takes part at all.
 */
record TableJob(String db, String schema, String name, List<String> columns,
                boolean manifestCompared, Expectation expected, boolean manifestHashComparable,
                Set<String> targetColumns, boolean sourceCompared, Set<String> sourceColumns, long sizeHint) {
    TableJob {
        columns = List.copyOf(columns);
        targetColumns = targetColumns == null ? null : Set.copyOf(targetColumns);
        sourceColumns = sourceColumns == null ? null : Set.copyOf(sourceColumns);
    }

    String qualifiedName() {
        return schema + "." + name;
    }

    /** The name findings use: {@code db.schema.table}. */
    String item() {
        return db + "." + qualifiedName();
    }
}
