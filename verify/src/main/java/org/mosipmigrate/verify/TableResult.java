package org.mosipmigrate.verify;

import java.util.List;

/**
 * The comparison of one table. Counts and hashes are null for a side that was not compared or does not
 * hold the table; {@code manifestHash} is null when the backup fingerprint covers other columns.
 */
public record TableResult(String db, String table, List<String> columns,
                          Long sourceRows, String sourceHash,
                          Long manifestRows, String manifestHash,
                          Long targetRows, String targetHash,
                          Status status) {
    public enum Status { OK, MISMATCH, MISSING }

    public TableResult {
        columns = List.copyOf(columns);
    }
}
