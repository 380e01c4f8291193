package org.mosipmigrate.backup.pg;

/** What a backup run did; printed by the CLI and written as JSON. */
public record BackupResult(String runId, String backupSet, int databases, int tables, long chunksWritten,
                           long chunksSkipped, long rows, long rawBytes, long storedBytes, double seconds, boolean alreadyComplete) {
}
