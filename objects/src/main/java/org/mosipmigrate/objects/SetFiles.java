package org.mosipmigrate.objects;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.crypto.EncryptedStreams;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Optional encryption of the object part of a backup set. With a backup key, segments and indexes are
 * stored with {@link EncryptedStreams} under names ending in {@code .enc}; without one, nothing changes.
 * Every failure to decrypt becomes a {@link MigrateException} naming the file.
 */
final class SetFiles {
    static final String ENC = ".enc";

    private SetFiles() {
    }

    static boolean encrypted(String name) {
        return name.endsWith(ENC);
    }

    static OutputStream encrypting(OutputStream out, BackupKey key) throws IOException {
        return key == null ? out : EncryptedStreams.encrypting(out, key);
    }

    /**
     * The plaintext of a stored file whose raw bytes are {@code raw}. Refuses an encrypted file without a
     * key and a plaintext file with one (a set is either all encrypted or not at all).
     */
    static InputStream decrypting(InputStream raw, Path file, BackupKey key) throws IOException {
        boolean enc = encrypted(file.getFileName().toString());
        if (enc && key == null) {
            raw.close();
            throw new MigrateException(ErrorCode.CONFIG, file + " is encrypted, and no backup key is configured",
                    "configure encryption.keyFile or encryption.keyEnv with the key the backup was written with");
        }
        if (!enc && key != null) {
            raw.close();
            throw new MigrateException(ErrorCode.CONFIG, file + " is not encrypted although a backup key is configured: this backup set was written without encryption",
                    "remove encryption from the config to use this set, or back up into a new backup set directory");
        }
        if (!enc) {
            return raw;
        }
        InputStream plain;
        try {
            plain = EncryptedStreams.decrypting(raw, key);
        } catch (EncryptedStreams.DecryptionException e) {
            raw.close();
            throw failure(file, e);
        }
        return new FilterInputStream(plain) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (EncryptedStreams.DecryptionException e) {
                    throw failure(file, e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (EncryptedStreams.DecryptionException e) {
                    throw failure(file, e);
                }
            }
        };
    }

    static MigrateException failure(Path file, EncryptedStreams.DecryptionException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("was encrypted with key")) {
            return new MigrateException(ErrorCode.CONFIG, file + " " + e.getMessage(), "configure the key this backup set was written with");
        }
        return new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, file + " " + e.getMessage(),
                "the backup set is damaged or was modified (or the key is wrong); do not restore from it, use another copy");
    }
}
