package org.mosipmigrate.objects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.crypto.ManifestSeal;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.Manifest;

/**
 * {@code objects/manifest.json} of a backup set: the object segments in write order (a later segment's
 * entry for the same bucket/key supersedes an earlier one: staged backups append), with totals.
 */
public record ObjectsManifest(String format, int formatVersion, String createdAt, String source, long buckets, long objects, long rawBytes,
                              long bytes, List<Segment> segments, Manifest.EncryptionInfo encryption) {
    public static final String FORMAT = "mosip-migrate-objects";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "objects/manifest.json";
    public static final String SEAL = "objects/manifest.seal.json";
    static final String CIPHER = "AES-256-GCM, 64 KiB records, HKDF-SHA256 per-file keys";

    public ObjectsManifest {
        segments = List.copyOf(segments);
    }

    /** An unencrypted object backup. */
    public ObjectsManifest(String format, int formatVersion, String createdAt, String source, long buckets, long objects, long rawBytes,
                           long bytes, List<Segment> segments) {
        this(format, formatVersion, createdAt, source, buckets, objects, rawBytes, bytes, segments, null);
    }

    /** One segment: files relative to the set, object count, raw (uncompressed) and stored bytes, SHA-256 of both files. */
    public record Segment(int number, String file, String index, long objects, long rawBytes, long bytes, String sha256, String indexSha256) {
    }

    public static boolean exists(Path set) {
        return Files.isRegularFile(set.resolve(FILE));
    }

    /**
     * Reads the manifest and checks it against the backup key: with a key the seal must be there and
     * match; without one, a sealed (encrypted) set is refused.
     */
    public static ObjectsManifest read(Path set, BackupKey key) {
        ObjectsManifest m = read(set);
        Path f = set.resolve(FILE);
        Path sealFile = set.resolve(SEAL);
        boolean sealed = Files.exists(sealFile);
        if (key == null) {
            if (sealed || m.encryption() != null) {
                throw new MigrateException(ErrorCode.CONFIG, "the objects of backup set " + set + " are encrypted and sealed with key "
                        + (m.encryption() == null ? "(unknown)" : m.encryption().keyId()) + ", and no backup key is configured",
                        "configure encryption.keyFile or encryption.keyEnv with the key the backup was written with");
            }
            return m;
        }
        if (!sealed) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, "backup set " + set + " has no " + SEAL
                    + " although a key is configured: its objects were backed up without encryption, or the seal was removed",
                    "remove encryption from the config to read an unencrypted set; otherwise treat the set as tampered");
        }
        try {
            ManifestSeal.Seal seal = Json.MAPPER.readValue(sealFile.toFile(), ManifestSeal.Seal.class);
            if (!key.keyId().equals(seal.keyId())) {
                throw new MigrateException(ErrorCode.CONFIG, "the objects of backup set " + set + " are sealed with key " + seal.keyId()
                        + " but the configured key is " + key.keyId(), "configure the key this backup set was written with");
            }
            if (!ManifestSeal.verify(Files.readAllBytes(f), seal, key)) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, f + " does not match its seal " + sealFile + ": it was modified after the backup",
                        "do not restore from this backup set; use another copy");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof MigrateException me) {
                throw me;
            }
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, sealFile + " cannot be read: " + e.getMessage(), "use another copy of the backup set", e);
        }
        return m;
    }

    /** Parses the manifest without checking its seal (sizes and counts for a dry run); {@link #read(Path, BackupKey)} is the checked read. */
    public static ObjectsManifest read(Path set) {
        Path f = set.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, "backup set " + set + " has no " + FILE + " (no object backup finished in it)",
                    "run `mosip-migrate backup --only objects` with the same config: it resumes and writes it at the end");
        }
        try {
            ObjectsManifest m = Json.MAPPER.readValue(f.toFile(), ObjectsManifest.class);
            if (!FORMAT.equals(m.format()) || m.formatVersion() != FORMAT_VERSION) {
                throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, f + " is not a version " + FORMAT_VERSION + " objects manifest", null);
            }
            return m;
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, f + " cannot be parsed: " + e.getMessage(), "restore it from a copy of the backup set", e);
        }
    }

    public void write(Path set) {
        write(set, null);
    }

    /** With a key, writes the seal first, computed over the exact manifest bytes (a manifest never exists without its seal). */
    public void write(Path set, BackupKey key) {
        try {
            byte[] bytes = Json.MAPPER.writeValueAsBytes(this);
            if (key != null) {
                Json.writeAtomically(set.resolve(SEAL), ManifestSeal.seal(bytes, key));
            }
            Json.writeBytesAtomically(set.resolve(FILE), bytes);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + set.resolve(FILE) + ": " + e.getMessage(), "check free disk space", e);
        }
    }
}
