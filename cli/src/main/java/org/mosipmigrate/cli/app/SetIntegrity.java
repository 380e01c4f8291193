package org.mosipmigrate.cli.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.BackupSetCheck;
import org.mosipmigrate.core.set.KeystoresManifest;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.objects.ObjectsManifest;

/**
 * The whole backup set checked at once: each part's manifest against its seal (when a key is
 * configured), then every file any manifest lists against its size and SHA-256. Restore runs this
 * before writing anything; `verify --set-only` prints it.
 */
public final class SetIntegrity {
    private SetIntegrity() {
    }

    /** {@code owners}: for each file, the item it belongs to ("database x", "keystore 'y'", "object segments"). */
    public record Report(List<String> partsChecked, BackupSetCheck.Result files, String keyId, Map<String, String> owners) {
        public String ownerOf(String file) {
            return owners.getOrDefault(file, "backup set");
        }
    }

    /** Parts whose manifest is absent are skipped (they were not backed up). */
    public static Report check(MigrationConfig cfg, Map<String, String> env, Parts parts) {
        Path set = cfg.backupSet();
        if (set == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": key 'backupSet' is required", "set backupSet to the backup set directory");
        }
        BackupKey key = cfg.encryption().load(env).orElse(null);
        List<Manifest.FileRef> files = new ArrayList<>();
        Map<String, String> owners = new java.util.HashMap<>();
        List<String> checked = new ArrayList<>();
        if (parts.db() && ManifestStore.exists(set)) {
            for (Manifest.DatabaseEntry db : ManifestStore.read(set, key).databases()) {
                for (Manifest.FileRef f : BackupSetCheck.databaseFiles(new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, "", "", "",
                        null, List.of(), List.of(db)))) {
                    files.add(f);
                    owners.put(f.file(), "database " + db.name());
                }
            }
            checked.add("databases");
        }
        if (parts.objects() && ObjectsManifest.exists(set)) {
            for (ObjectsManifest.Segment s : ObjectsManifest.read(set, key).segments()) {
                files.add(new Manifest.FileRef(s.file(), s.bytes(), s.sha256()));
                files.add(new Manifest.FileRef(s.index(), -1, s.indexSha256()));
                owners.put(s.file(), "object segment " + s.number());
                owners.put(s.index(), "object segment " + s.number());
            }
            checked.add("objects");
        }
        if (parts.keystores() && KeystoresManifest.exists(set)) {
            for (KeystoresManifest.Keystore k : KeystoresManifest.read(set, key).keystores()) {
                for (KeystoresManifest.KeystoreFile f : k.files()) {
                    files.add(f.stored());
                    owners.put(f.stored().file(), "keystore '" + k.name() + "'");
                }
            }
            checked.add("keystores");
        }
        // a part without its manifest is left to its own stage, which says the backup did not finish
        return new Report(checked, BackupSetCheck.files(set, files, cfg.parallelism()), key == null ? null : key.keyId(), owners);
    }

    /** Refuses, before anything is written, a set with any missing or damaged file. */
    public static void requireIntact(MigrationConfig cfg, Map<String, String> env, Parts parts) {
        Report r = check(cfg, env, parts);
        r.files().requireOk(cfg.backupSet(), r::ownerOf);
    }
}
