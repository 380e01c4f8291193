package org.mosipmigrate.core.config;

import java.util.List;
import java.util.Locale;

/**
 * One MinIO/S3 server as configured: which client library talks to it, where it is, and where its keys
 * come from (environment variable or file, never the config file itself). {@code buckets} (source only)
 * holds name globs; null means every bucket. {@code caFile} (PEM) is the CA the https endpoint's certificate must
 * chain to; null means the JVM's default trust store.
 */
public record ObjectStoreEndpoint(String role, Kind type, String endpoint, String region,
                                  PasswordSource accessKey, PasswordSource secretKey, List<String> buckets, String caFile) {
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
    }

    public ObjectStoreEndpoint(String role, Kind type, String endpoint, String region,
                               PasswordSource accessKey, PasswordSource secretKey, List<String> buckets) {
        this(role, type, endpoint, region, accessKey, secretKey, buckets, null);
    }

    public ObjectStoreEndpoint withCaFile(String ca) {
        return new ObjectStoreEndpoint(role, type, endpoint, region, accessKey, secretKey, buckets, ca);
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
