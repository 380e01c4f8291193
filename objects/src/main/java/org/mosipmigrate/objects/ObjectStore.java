package org.mosipmigrate.objects;

import java.io.InputStream;
import java.util.Map;

/**
 * The object-store seam: the few operations the migration needs, each streaming. Implementations: the
 * MinIO Java SDK and the AWS SDK v2 (package {@code adapter}); both pass one contract suite against a real
 * S3 server. Every failure is an {@link ObjectStoreException} naming bucket/key, tagged retryable or not.
 */
public interface ObjectStore extends AutoCloseable {
    /** E.g. "source object store http://minio:9000 (minio)". */
    String describe();

    /** Every bucket name, lazily (paginated where the server supports it). */
    Iterable<String> listBuckets();

    /**
     * Every object under {@code prefix} ("" = all), lazily and page by page, in the server's order; without folder
     * entries ({@link #folderEntry}).
     */
    Iterable<ObjectInfo> listObjects(String bucket, String prefix);

    /**
     * A key ending in '/' is a folder, not a file: S3 consoles create such markers, and servers on a filesystem list
     * their directories so (S3Proxy 2.x). They are not listed, so neither moved nor compared (docs/objects.md).
     */
    static boolean folderEntry(String key) {
        return key.endsWith("/");
    }

    /** Size, ETag, content type and user metadata; null when the object does not exist. */
    ObjectHead head(String bucket, String key);

    /** An object's bytes (the caller closes them) with what a HEAD of it tells. */
    record Download(ObjectHead head, InputStream body) {
    }

    /**
     * The object's bytes together with its size, ETag, content type and user metadata; null when it does not exist.
     * Clients that return the headers with the GET answer in one request (a copy then sends GET + PUT, not HEAD + GET + PUT).
     */
    default Download download(String bucket, String key) {
        ObjectHead h = head(bucket, key);
        return h == null ? null : new Download(h, get(bucket, key));
    }

    /** The object's bytes; the caller closes the stream. */
    InputStream get(String bucket, String key);

    /** The object's bytes from {@code offset} on (a ranged GET), to continue a read that was cut. */
    InputStream get(String bucket, String key, long offset);

    /**
     * Writes {@code size} bytes from {@code in} (not closed here). Objects larger than the part size go
     * up in parts (multipart); user metadata keys are given without the x-amz-meta- prefix and may have
     * any Unicode value.
     */
    void put(String bucket, String key, InputStream in, long size, String contentType, Map<String, String> userMetadata);

    /**
     * Stores a backup-set file of {@code size} bytes: every request body (the whole file, or each part of a
     * multipart upload above the part size) carries its SHA-256 as {@code x-amz-checksum-sha256}, which the
     * server checks against the bytes it received before it accepts them; a part is held in memory so that a
     * failed part is sent again alone. The object becomes visible only when complete. When
     * {@code expectedSha256} (hex) is given and the content's SHA-256 differs, the upload is abandoned and
     * nothing becomes visible ({@code BACKUP_SET_CORRUPT}).
     *
     * @return the hex SHA-256 of the content
     */
    String putVerified(String bucket, String key, InputStream in, long size, String expectedSha256);

    boolean bucketExists(String bucket);

    /** How listings of this store are walked ({@code listing} of its endpoint; {@link ObjectWalker}). */
    default org.mosipmigrate.core.config.ObjectStoreEndpoint.Listing listing() {
        return org.mosipmigrate.core.config.ObjectStoreEndpoint.Listing.AUTO;
    }

    /**
     * The server's identity and the compatibility modes in use. May send a read-only request and, with checksums
     * {@code auto}, the side-effect-free checksum probe (a PUT into a bucket that does not exist).
     */
    default Compatibility compatibility() {
        return new Compatibility("not reported", "not applicable", listing());
    }

    /** Creates the bucket; no error when this account already owns it. */
    void createBucket(String bucket);

    void delete(String bucket, String key);

    @Override
    void close();
}
