package org.mosipmigrate.core.set;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Set;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.crypto.ManifestSeal;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;

/**
 * {@code keystores/manifest.json} of a backup set: every SoftHSM token directory and PKCS12 file that was
 * backed up, file by file (relative path, POSIX mode, plaintext size and SHA-256, and the encrypted file
 * that holds it), and every object read from it with its PIN/password (label, id, type, public-key fingerprint, KCV;
 * {@link KeystoreObject}). Always sealed ({@code keystores/manifest.seal.json}), because keystore files are always
 * encrypted. It is its own file so that `backup --only keystores` works with or without a database part.
 * No secret and no key material is ever written here.
 */
public record KeystoresManifest(String format, int formatVersion, String runId, String createdAt, String tool,
                                Manifest.EncryptionInfo encryption, List<Keystore> keystores) {
    public static final String FORMAT = "mosip-migrate-keystores";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "keystores/manifest.json";
    public static final String SEAL = "keystores/manifest.seal.json";

    public KeystoresManifest {
        keystores = List.copyOf(keystores);
    }

    /**
     * One keystore. {@code kind} is {@code directory} (a SoftHSM token directory: {@code directories} and
     * {@code files} are relative to it) or {@code file} (one PKCS12 file: {@code files} holds it under its
     * file name). {@code mode} is the mode of the token directory itself (null for a file). {@code objects} describes
     * every object (key, certificate) read with the PIN/password at backup, null when the keystore was backed up
     * without its secret (or by a release that did not describe objects).
     */
    public record Keystore(String name, String type, String sourcePath, String kind, String mode, int tokens,
                           List<Directory> directories, List<KeystoreFile> files, List<KeystoreObject> objects) {
        public Keystore {
            directories = directories == null ? List.of() : List.copyOf(directories);
            files = List.copyOf(files);
            objects = objects == null ? null : List.copyOf(objects);
        }

        public boolean isDirectory() {
            return "directory".equals(kind);
        }

        public long bytes() {
            return files.stream().mapToLong(KeystoreFile::bytes).sum();
        }
    }

    public record Directory(String path, String mode) {
    }

    /** A file: path relative to the keystore ("/"-separated), octal mode, plaintext bytes and SHA-256, and the stored (encrypted) file. */
    public record KeystoreFile(String path, String mode, long bytes, String sha256, Manifest.FileRef stored) {
    }

    public static boolean exists(Path set) {
        return Files.isRegularFile(set.resolve(FILE));
    }

    /** Writes the seal, then the manifest (a manifest never exists without its seal). */
    public void write(Path set, BackupKey key) {
        try {
            PrivateFiles.createDirectories(set.resolve(FILE).getParent());
            byte[] bytes = Json.MAPPER.writeValueAsBytes(this);
            Json.writeAtomically(set.resolve(SEAL), ManifestSeal.seal(bytes, key));
            Json.writeBytesAtomically(set.resolve(FILE), bytes);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + set.resolve(FILE) + ": " + e.getMessage(), "check free disk space", e);
        }
    }

    /** Reads and checks the seal; keystore material is only ever read with the backup key. */
    public static KeystoresManifest read(Path set, BackupKey key) {
        Path f = set.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, "backup set " + set + " has no " + FILE + " (no keystore backup finished in it)",
                    "run `mosip-migrate backup --only keystores` with the same config");
        }
        if (key == null) {
            throw new MigrateException(ErrorCode.CONFIG, "the keystores of backup set " + set + " are encrypted, and no backup key is configured",
                    "configure encryption.keyFile or encryption.keyEnv with the key the backup was written with");
        }
        Path sealFile = set.resolve(SEAL);
        try {
            if (!Files.isRegularFile(sealFile)) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "backup set " + set + " has " + FILE + " but no " + SEAL,
                        "treat the set as tampered; use another copy");
            }
            ManifestSeal.Seal seal = Json.MAPPER.readValue(sealFile.toFile(), ManifestSeal.Seal.class);
            if (!seal.keyId().equals(key.keyId())) {
                throw new MigrateException(ErrorCode.CONFIG, "the keystores of backup set " + set + " are sealed with key " + seal.keyId()
                        + " but the configured key is " + key.keyId(), "configure the key this backup set was written with");
            }
            byte[] bytes = Files.readAllBytes(f);
            if (!ManifestSeal.verify(bytes, seal, key)) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, f + " does not match its seal: it was modified after the backup",
                        "do not restore from this backup set; use another copy");
            }
            var tree = Json.MAPPER.readTree(bytes);
            if (!FORMAT.equals(tree.path("format").asText()) || tree.path("formatVersion").asInt(-1) != FORMAT_VERSION) {
                throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, f + " is not a version " + FORMAT_VERSION + " keystores manifest",
                        "use the mosip-migrate release that wrote this backup set");
            }
            return Json.MAPPER.treeToValue(tree, KeystoresManifest.class);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, f + " cannot be parsed: " + e.getMessage(), "restore it from a copy of the backup set", e);
        }
    }

    /** "0600"-style octal text of a permission set. */
    public static String octal(Set<PosixFilePermission> perms) {
        int m = 0;
        for (PosixFilePermission p : perms) {
            m |= 1 << (8 - p.ordinal());
        }
        return String.format("%04o", m);
    }

    public static Set<PosixFilePermission> permissions(String octal) {
        int m = Integer.parseInt(octal, 8);
        Set<PosixFilePermission> out = java.util.EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission p : PosixFilePermission.values()) {
            if ((m & (1 << (8 - p.ordinal()))) != 0) {
                out.add(p);
            }
        }
        return out;
    }
}
