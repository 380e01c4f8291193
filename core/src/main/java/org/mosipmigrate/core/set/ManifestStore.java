package org.mosipmigrate.core.set;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.crypto.ManifestSeal;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;

/** Reads and writes manifest.json with format checks and clear errors. */
public final class ManifestStore {
    public static final String FILE = "manifest.json";
    public static final String SEAL = "manifest.seal.json";

    private ManifestStore() {
    }

    public static boolean exists(Path set) {
        return Files.isRegularFile(set.resolve(FILE));
    }

    public static void write(Path set, Manifest m) {
        write(set, m, null);
    }

    /**
     * Writes the manifest and, with a key, its seal. The seal goes first, computed over the exact bytes
     * about to be written: a manifest never exists without its seal, so nothing has to be re-sealed later.
     */
    public static void write(Path set, Manifest m, BackupKey key) {
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(m);
            if (key != null) {
                Json.writeAtomically(set.resolve(SEAL), ManifestSeal.seal(bytes, key));
            }
            Json.writeBytesAtomically(set.resolve(FILE), bytes);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + set.resolve(FILE) + ": " + e.getMessage(), "check free disk space", e);
        }
    }

    /** Reads a set; an encrypted or sealed set needs its key and is refused when the seal does not match. */
    public static Manifest read(Path set, BackupKey key) {
        Manifest m = read(set);
        Path sealFile = set.resolve(SEAL);
        boolean sealed = Files.exists(sealFile);
        if (key == null) {
            if (m.encryption() != null || sealed) {
                throw new MigrateException(ErrorCode.CONFIG, "backup set " + set + " is encrypted and sealed with key "
                        + (m.encryption() == null ? "(unknown)" : m.encryption().keyId()), "configure encryption.keyFile or encryption.keyEnv with that key");
            }
            return m;
        }
        if (!sealed) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, "backup set " + set + " has no " + SEAL
                    + " although a key is configured: it was written without encryption, or the seal was removed",
                    "remove encryption from the config to read an unencrypted set; otherwise treat the set as tampered");
        }
        try {
            ManifestSeal.Seal seal = Json.MAPPER.readValue(sealFile.toFile(), ManifestSeal.Seal.class);
            if (!seal.keyId().equals(key.keyId())) {
                throw new MigrateException(ErrorCode.CONFIG, "backup set " + set + " is sealed with key " + seal.keyId()
                        + " but the configured key is " + key.keyId(), "configure the key this backup set was written with");
            }
            if (!ManifestSeal.verify(Files.readAllBytes(set.resolve(FILE)), seal, key)) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, set.resolve(FILE) + " does not match its seal: it was modified after the backup",
                        "do not restore from this backup set; use another copy");
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, sealFile + " cannot be read: " + e.getMessage(), null, e);
        }
        return m;
    }

    public static Manifest read(Path set) {
        Path f = set.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID,
                    "backup set " + set + " has no " + FILE + " (the backup did not finish, or this is not a backup set)",
                    "run `mosip-migrate backup` with the same config again: it resumes and writes the manifest at the end");
        }
        try {
            var tree = Json.MAPPER.readTree(f.toFile());
            if (!Manifest.FORMAT.equals(tree.path("format").asText())) {
                throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, f + " is not a mosip-migrate manifest", null);
            }
            int v = tree.path("formatVersion").asInt(-1);
            if (v != Manifest.FORMAT_VERSION) {
                throw new MigrateException(ErrorCode.BACKUP_SET_INVALID,
                        f + " has format version " + v + "; this tool reads version " + Manifest.FORMAT_VERSION,
                        "use the mosip-migrate release that wrote this backup set");
            }
            return Json.MAPPER.treeToValue(tree, Manifest.class);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, f + " cannot be parsed: " + e.getMessage(),
                    "the manifest is damaged; restore it from a copy of the backup set", e);
        }
    }
}
