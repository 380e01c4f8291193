package org.mosipmigrate.core.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.mosipmigrate.core.crypto.BackupKey;

/** Where the backup-set key comes from: a file or an environment variable (never the config itself). */
public record EncryptionConfig(Path keyFile, String keyEnv) {
    public static final EncryptionConfig NONE = new EncryptionConfig(null, null);

    public boolean configured() {
        return keyFile != null || keyEnv != null;
    }

    public Optional<BackupKey> load(Map<String, String> env) {
        if (keyFile != null) {
            return Optional.of(BackupKey.fromFile(keyFile));
        }
        if (keyEnv != null) {
            return Optional.of(BackupKey.fromEnv(keyEnv, env));
        }
        return Optional.empty();
    }
}
