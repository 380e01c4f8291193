package org.mosipmigrate.core.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A validated migration description (one YAML file). Immutable. */
public record MigrationConfig(
        Path file,
        PgEndpoint source,
        PgEndpoint target,
        Path backupSet,
        int parallelism,
        long chunkBytes,
        int compressionLevel,
        boolean fingerprintAtBackup,
        Path stateDir,
        Path pgBinDir,
        Map<String, List<String>> verifyColumns,
        List<String> verifyExcludeTables) {

    public MigrationConfig {
        verifyColumns = Map.copyOf(verifyColumns);
        verifyExcludeTables = List.copyOf(verifyExcludeTables);
    }

    public Optional<PgEndpoint> sourcePg() {
        return Optional.ofNullable(source);
    }

    public Optional<PgEndpoint> targetPg() {
        return Optional.ofNullable(target);
    }

    /** Where a run keeps its ledger and reports when it has no backup set of its own. */
    public Path effectiveStateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        return backupSet != null ? backupSet : Path.of("mosip-migrate-state");
    }
}
