package org.mosipmigrate.verify;

import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.config.MigrationConfig;

/**
 * What to verify and against what.
 *
 * @param databases       databases to verify; null = every database of the manifest (when compared), else of the source
 * @param compareSource   fingerprint the live source too and compare it with the target
 * @param compareManifest compare the target with the backup set's manifest, when the backup set has one
 * @param columnsOverride per {@code db.schema.table}, the columns to fingerprint instead of the source's columns
 * @param excludeTables   {@code db.schema.table} names left out of table comparison (schema objects still count)
 */
public record VerifyOptions(List<String> databases, boolean compareSource, boolean compareManifest,
                            Map<String, List<String>> columnsOverride, List<String> excludeTables) {
    public VerifyOptions {
        databases = databases == null ? null : List.copyOf(databases);
        columnsOverride = columnsOverride == null ? Map.of() : Map.copyOf(columnsOverride);
        excludeTables = excludeTables == null ? List.of() : List.copyOf(excludeTables);
    }

    /** The config's choices: every side that is configured is compared. */
    public static VerifyOptions fromConfig(MigrationConfig cfg) {
        return new VerifyOptions(null, cfg.source() != null, cfg.backupSet() != null,
                cfg.verifyColumns(), cfg.verifyExcludeTables());
    }

    boolean excludes(String db, String qualifiedTable) {
        return excludeTables.contains(db + "." + qualifiedTable);
    }

    List<String> overrideFor(String db, String qualifiedTable) {
        return columnsOverride.get(db + "." + qualifiedTable);
    }
}
