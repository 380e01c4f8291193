package org.mosipmigrate.core.part;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The options a command passes to its steps.
 *
 * @param clean           restore/copy: drop and recreate target databases that hold tables
 * @param replaceExisting restore: move existing keystore content aside instead of refusing
 * @param verify          verify only; {@link VerifyChoices#NONE} otherwise
 */
public record RunOptions(boolean dryRun, boolean clean, boolean replaceExisting, VerifyChoices verify) {
    public static RunOptions of(boolean dryRun) {
        return new RunOptions(dryRun, false, false, VerifyChoices.NONE);
    }

    /**
     * What a verify compares.
     *
     * @param deep         objects: re-read every object on both sides
     * @param useSource    compare with the live source (when configured)
     * @param useManifest  compare with the backup set's manifest (when there is one)
     * @param databases    only these databases (null: all)
     * @param columns      db.schema.table -> the columns to fingerprint
     * @param crossCheckDb keystores: also compare key labels with the key_alias rows of the target databases
     * @param reportDir    where the JSON reports go (null: stateDir, else backupSet)
     */
    public record VerifyChoices(boolean deep, boolean useSource, boolean useManifest, List<String> databases, Map<String, List<String>> columns,
                                boolean crossCheckDb, Path reportDir) {
        public static final VerifyChoices NONE = new VerifyChoices(false, true, true, null, Map.of(), false, null);
    }
}
