package org.mosipmigrate.restore.pg;

/** What a restore (or copy) run did. */
public record RestoreResult(String runId, int databases, long chunksLoaded, long chunksSkipped, long rows, double seconds) {
}
