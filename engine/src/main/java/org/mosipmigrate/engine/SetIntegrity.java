package org.mosipmigrate.engine;

import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.BackupSetCheck;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.transfer.SetContents;

/**
 * The whole backup set checked at once: each part's manifest against its seal (when a key is
 * configured), then every file any manifest lists against its size and SHA-256, read from the store the
 * set lives in (a directory, or S3 through the spool's manifests). Restore runs this before writing
 * anything; `verify --set-only` prints it.
 */
public final class SetIntegrity {
    private SetIntegrity() {
    }

    public record Report(java.util.List<String> partsChecked, BackupSetCheck.Result files, String keyId, SetContents contents) {
        public String ownerOf(String file) {
            return contents.ownerOf(file);
        }
    }

    /** Parts whose manifest is absent are skipped (they were not backed up). Manifests are read from cfg.backupSet() (the set or its spool). */
    public static Report check(MigrationConfig cfg, Map<String, String> env, Set<PartKind> parts, BackupSetStore store) {
        if (cfg.backupSet() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": key 'backupSet' is required", "set backupSet to the backup set directory");
        }
        BackupKey key = cfg.encryption().load(env).orElse(null);
        SetContents contents = SetContents.read(cfg.backupSet(), key, new SetContents.Selection(parts.contains(PartKind.DB), parts.contains(PartKind.OBJECTS), parts.contains(PartKind.KEYSTORES), false));
        // a part without its manifest is left to its own stage, which says the backup did not finish
        return new Report(contents.parts(), BackupSetCheck.files(store, contents.refs(), cfg.parallelism()), key == null ? null : key.keyId(), contents);
    }

    /** Refuses, before anything is written, a set with any missing or damaged file. */
    public static void requireIntact(MigrationConfig cfg, Map<String, String> env, Set<PartKind> parts, BackupSetStore store) {
        Report r = check(cfg, env, parts, store);
        r.files().requireOk(cfg.backupSetLocation().toString(), r::ownerOf);
    }
}
