package org.mosipmigrate.core.config;

import java.util.List;
import java.util.Locale;

/**
 * One MinIO/S3 server as configured: which client library talks to it, where it is, and where its keys
 * come from (environment variable or file, never the config file itself). {@code buckets} (source only)
 * holds name globs; null means every bucket. {@code caFile} (PEM) is the CA the https endpoint's certificate must
 * chain to; null means the JVM's default trust store. {@code checksums} and {@code listing} say how to work with the
 * server's age (docs/objects.md, "Servers and compatibility").
 */
public record ObjectStoreEndpoint(String role, Kind type, String endpoint, String region,
                                  PasswordSource accessKey, PasswordSource secretKey, List<String> buckets, String caFile,
                                  Checksums checksums, Listing listing) {
    /** The integrity check each write request carries, which the server verifies before it accepts the bytes. */
    public enum Checksums {
        /** FLEXIBLE until the server refuses x-amz-checksum-sha256, then LEGACY for the rest of the run. */
        AUTO,
        /** x-amz-checksum-sha256 on every request body (whole object or part), as a plain header (never a streaming trailer). */
        FLEXIBLE,
        /** Content-MD5 on every request body plus the SigV4-signed SHA-256 payload hash: what every S3 server has checked for years. */
        LEGACY;

        public static Checksums parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "flexible" -> FLEXIBLE;
                case "legacy" -> LEGACY;
                default -> null;
            };
        }
    }

    /** How a bucket's listing is walked. */
    public enum Listing {
        /** In the server's order while it is S3's UTF-8 key order; from the first key out of order on, through a sorted run on disk. */
        AUTO,
        /** Every bucket's keys into a sorted run on disk first, then walked in UTF-8 order. */
        SORTED,
        /** In the server's order only; a key out of UTF-8 order stops the run. No temporary files. */
        ORDERED;

        public static Listing parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "sorted" -> SORTED;
                case "ordered" -> ORDERED;
                default -> null;
            };
        }
    }

    public enum Kind {
        MINIO, S3;

        public static Kind parse(String s) {
            return switch (s.trim().toLowerCase(Locale.ROOT)) {
                case "minio" -> MINIO;
                case "s3", "aws" -> S3;
                default -> null;
            };
        }
    }

    public ObjectStoreEndpoint {
        buckets = buckets == null ? null : List.copyOf(buckets);
        checksums = checksums == null ? Checksums.AUTO : checksums;
        listing = listing == null ? Listing.AUTO : listing;
    }

    public ObjectStoreEndpoint(String role, Kind type, String endpoint, String region,
                               PasswordSource accessKey, PasswordSource secretKey, List<String> buckets) {
        this(role, type, endpoint, region, accessKey, secretKey, buckets, null, null, null);
    }

    public ObjectStoreEndpoint withCaFile(String ca) {
        return new ObjectStoreEndpoint(role, type, endpoint, region, accessKey, secretKey, buckets, ca, checksums, listing);
    }

    public ObjectStoreEndpoint withCompatibility(Checksums c, Listing l) {
        return new ObjectStoreEndpoint(role, type, endpoint, region, accessKey, secretKey, buckets, caFile, c, l);
    }

    public String describe() {
        return (BACKUP_STORE.equals(role) ? "backup store " : role + " object store ") + endpoint + " (" + type.name().toLowerCase(Locale.ROOT) + ")";
    }

    /** The role of the server holding s3:// backup sets; its keys are under {@code backupStore}. */
    public static final String BACKUP_STORE = "backupStore";

    /** The config section of this endpoint's keys, for messages: source.objectStore, target.objectStore or backupStore. */
    public static String section(String role) {
        return BACKUP_STORE.equals(role) ? BACKUP_STORE : role + ".objectStore";
    }
}
