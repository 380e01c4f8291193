package org.mosipmigrate.core.config;

import java.nio.file.Path;

/**
 * The S3/MinIO server that holds backup sets given as {@code s3://bucket/prefix} ({@code backupStore:}), the
 * part size of its uploads, and the local spool directory under which each S3 set gets its working directory.
 * {@code endpoint} is null when the config has no {@code backupStore} section.
 */
public record BackupStoreConfig(ObjectStoreEndpoint endpoint, long partBytes, Path spoolRoot) {
    public static final BackupStoreConfig NONE = new BackupStoreConfig(null, 16L << 20,
            Path.of(System.getProperty("java.io.tmpdir"), "mosip-migrate-spool"));

    public boolean configured() {
        return endpoint != null;
    }
}
