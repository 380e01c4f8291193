package org.mosipmigrate.core.set.store;

import java.io.InputStream;
import java.util.stream.Stream;

/**
 * Where the files of a backup set live: a local directory ({@link LocalSetStore}) or an S3/MinIO bucket
 * prefix (module {@code transfer}). Paths are relative to the set and use {@code /}. Every implementation
 * passes one contract suite.
 *
 * <p>A write is atomic: a file is visible only once all its bytes are stored, and when the caller gives the
 * SHA-256 the content must have, a file whose bytes differ never becomes visible. Files being written are
 * not listed.
 */
public interface BackupSetStore extends AutoCloseable {
    /** E.g. "/var/backups/run-1" or "s3://sets/run-1 (http://minio:9000)"; never a key. */
    String describe();

    /** Every complete file of the set, lazily; close the stream. Order is unspecified. */
    Stream<StoredFile> list();

    /** The stored bytes of a file; {@link StoredFileMissingException} when there is none. The caller closes the stream. */
    InputStream open(String path);

    /** Size in bytes, or -1 when the file does not exist. */
    long size(String path);

    default boolean exists(String path) {
        return size(path) >= 0;
    }

    /**
     * Stores exactly {@code size} bytes read from {@code in} (not closed here) as {@code path}, replacing an
     * older file of that name only once the new one is complete. With {@code expectedSha256} (lowercase hex),
     * content with another SHA-256 is refused ({@code BACKUP_SET_CORRUPT}) and nothing becomes visible.
     *
     * @return the lowercase hex SHA-256 of the stored content
     */
    String write(String path, InputStream in, long size, String expectedSha256);

    /** Removes a file; no error when it does not exist. */
    void delete(String path);

    @Override
    void close();

    /** Refuses absolute paths, empty segments and {@code ..}: a path from a manifest must stay inside the set. */
    static String checkPath(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.contains("\\")) {
            throw invalid(path);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw invalid(path);
            }
        }
        return path;
    }

    private static org.mosipmigrate.core.error.MigrateException invalid(String path) {
        return new org.mosipmigrate.core.error.MigrateException(org.mosipmigrate.core.error.ErrorCode.BACKUP_SET_INVALID,
                "path '" + path + "' is not a relative path inside the backup set",
                "the manifest was edited or built by another tool; do not use it");
    }
}
