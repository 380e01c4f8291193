package org.mosipmigrate.core.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * The single registry of configuration keys: validation, defaults and docs/configuration.md all come
 * from here (a test fails when the document drifts from this table).
 */
public enum ConfigKey {
    SOURCE_PG_HOST("source.postgres.host", Type.STRING, "127.0.0.1", "Host name or address of the V2 (source) PostgreSQL server."),
    SOURCE_PG_PORT("source.postgres.port", Type.INT, "5432", "TCP port of the source server."),
    SOURCE_PG_USER("source.postgres.user", Type.STRING, "postgres", "Role used to read the source; needs to read every table and the catalogs (a superuser, or pg_read_all_data on PG 14+)."),
    SOURCE_PG_PASSWORD_ENV("source.postgres.passwordEnv", Type.STRING, null, "Name of the environment variable holding the source password."),
    SOURCE_PG_PASSWORD_FILE("source.postgres.passwordFile", Type.STRING, null, "Path of a file whose content (trimmed) is the source password. Without passwordEnv/passwordFile, PGPASSWORD and ~/.pgpass apply."),
    SOURCE_PG_DATABASES("source.postgres.databases", Type.LIST, null, "Databases to move. Absent = every non-template database of the source except `postgres`."),
    SOURCE_PG_SSLMODE("source.postgres.sslMode", Type.STRING, "prefer", "pgjdbc sslmode for the source (disable, allow, prefer, require, verify-ca, verify-full)."),
    SOURCE_PG_SSLROOTCERT("source.postgres.sslRootCert", Type.STRING, null, "CA certificate file (PEM) that signed the source server's certificate; use with sslMode verify-ca or verify-full."),
    TARGET_PG_HOST("target.postgres.host", Type.STRING, "127.0.0.1", "Host of the V3 (target) PostgreSQL server."),
    TARGET_PG_PORT("target.postgres.port", Type.INT, "5432", "TCP port of the target server."),
    TARGET_PG_USER("target.postgres.user", Type.STRING, "postgres", "Role used to write the target; must be able to create databases and roles (a superuser)."),
    TARGET_PG_PASSWORD_ENV("target.postgres.passwordEnv", Type.STRING, null, "Environment variable holding the target password."),
    TARGET_PG_PASSWORD_FILE("target.postgres.passwordFile", Type.STRING, null, "File holding the target password."),
    TARGET_PG_SSLMODE("target.postgres.sslMode", Type.STRING, "prefer", "pgjdbc sslmode for the target."),
    TARGET_PG_SSLROOTCERT("target.postgres.sslRootCert", Type.STRING, null, "CA certificate file (PEM) for the target server; use with sslMode verify-ca or verify-full."),
    BACKUP_SET("backupSet", Type.STRING, null, "Where the backup set is written by `backup` and read by `restore`/`verify`: a directory, or `s3://bucket/prefix` on the `backupStore` server (the stages then work in a spool directory, see docs/backup-set-format.md). For `copy` it holds the run ledger and schema files only."),
    PARALLELISM("parallelism", Type.INT, "2", "Worker threads (and PostgreSQL connections per side) for chunks, index builds and verification."),
    CHUNK_SIZE("chunkSize", Type.SIZE, "256MiB", "Tables larger than this (on-disk size) are split into ranges of about this size so one big table uses every worker. Accepts 512KiB, 64MiB, 1GiB or a byte count."),
    COMPRESSION_LEVEL("compressionLevel", Type.INT, "3", "zstd level for data chunks (1 fastest .. 22 smallest; 3 is a good balance)."),
    FINGERPRINT_AT_BACKUP("fingerprintAtBackup", Type.BOOL, "true", "Also compute each table's content fingerprint under the backup snapshot and store it in the manifest, so that a restore can be verified without the source."),
    STATE_DIR("stateDir", Type.STRING, null, "Where `copy` keeps its plan, ledger and schema files, and where reports go. Default: <backupSet>/copy-state for copy (reports: backupSet), else mosip-migrate-state beside the config file."),
    PG_BIN_DIR("pgBinDir", Type.STRING, null, "Directory holding pg_dump and pg_restore. Default: the newest /usr/lib/postgresql/*/bin, else PATH."),
    ENCRYPTION_KEY_FILE("encryption.keyFile", Type.STRING, null, "File holding the 256-bit backup-set key (32 raw bytes, or base64/hex text). With a key, every file of the backup set is encrypted (AES-256-GCM, streamed) and the manifest is sealed (HMAC). Create one with `head -c 32 /dev/urandom | base64 > backup.key; chmod 600 backup.key`."),
    ENCRYPTION_KEY_ENV("encryption.keyEnv", Type.STRING, null, "Environment variable holding the backup-set key (base64 or hex). Use keyFile or keyEnv, not both."),
    EVIDENCE_KEY_FILE("evidence.keyFile", Type.STRING, null, "File holding the 256-bit key that signs evidence packs (same formats as encryption.keyFile). Absent = the backup-set key (encryption.*) signs them; with neither, packs are written UNSIGNED and `evidence check` fails on them. See docs/evidence.md."),
    EVIDENCE_KEY_ENV("evidence.keyEnv", Type.STRING, null, "Environment variable holding the evidence signing key (base64 or hex). Use keyFile or keyEnv, not both."),
    VERIFY_COLUMNS("verify.columns", Type.MAP_OF_LISTS, null, "Per table (`db.schema.table`), the columns to fingerprint instead of all source columns, e.g. the columns a table had in V2 after a schema upgrade."),
    VERIFY_EXCLUDE_TABLES("verify.excludeTables", Type.LIST, null, "Tables (`db.schema.table`) left out of content comparison (still counted as schema objects)."),
    SOURCE_OS_TYPE("source.objectStore.type", Type.STRING, "minio", "Client library for the V2 object store: `minio` (MinIO Java SDK) or `s3` (AWS SDK v2). Both use path-style addressing."),
    SOURCE_OS_ENDPOINT("source.objectStore.endpoint", Type.STRING, null, "URL of the V2 MinIO/S3 server, e.g. http://minio:9000. Configuring it turns on the object part of every command."),
    SOURCE_OS_REGION("source.objectStore.region", Type.STRING, "us-east-1", "Signing region of the source object store."),
    SOURCE_OS_ACCESS_KEY_ENV("source.objectStore.accessKeyEnv", Type.STRING, null, "Environment variable holding the source access key."),
    SOURCE_OS_ACCESS_KEY_FILE("source.objectStore.accessKeyFile", Type.STRING, null, "File holding the source access key (trimmed)."),
    SOURCE_OS_SECRET_KEY_ENV("source.objectStore.secretKeyEnv", Type.STRING, null, "Environment variable holding the source secret key."),
    SOURCE_OS_SECRET_KEY_FILE("source.objectStore.secretKeyFile", Type.STRING, null, "File holding the source secret key (trimmed)."),
    SOURCE_OS_CA_FILE("source.objectStore.caFile", Type.STRING, null, "CA certificate file (PEM, may hold several) that signed the source server's https certificate; used instead of the JVM's default trust store, for this client only (https endpoints). Absent = the JVM's default trust store."),
    SOURCE_OS_CHECKSUMS("source.objectStore.checksums", Type.STRING, "legacy", "Integrity check on each write to this server (the source is only written by `seed-v2`): `legacy` = Content-MD5 plus the signed SHA-256 payload hash, accepted by every S3 server; `flexible` = `x-amz-checksum-sha256`; `auto` = flexible until the server refuses it. See docs/objects.md."),
    SOURCE_OS_LISTING("source.objectStore.listing", Type.STRING, "auto", "How each bucket's listing is walked: `auto` = in the server's order while it is S3's UTF-8 key order, and from the first key out of order on through a sorted run on disk (under java.io.tmpdir), so every object is handled exactly once; `sorted` = every bucket through the sorted run; `ordered` = server order only, stop at a key out of order (no temporary files). See docs/objects.md."),
    SOURCE_OS_BUCKETS("source.objectStore.buckets", Type.LIST, null, "Bucket name globs to move (`*`, `?`). Absent = every bucket."),
    TARGET_OS_TYPE("target.objectStore.type", Type.STRING, "minio", "Client library for the V3 object store: `minio` or `s3`."),
    TARGET_OS_ENDPOINT("target.objectStore.endpoint", Type.STRING, null, "URL of the V3 MinIO/S3 server."),
    TARGET_OS_REGION("target.objectStore.region", Type.STRING, "us-east-1", "Signing region of the target object store."),
    TARGET_OS_ACCESS_KEY_ENV("target.objectStore.accessKeyEnv", Type.STRING, null, "Environment variable holding the target access key."),
    TARGET_OS_ACCESS_KEY_FILE("target.objectStore.accessKeyFile", Type.STRING, null, "File holding the target access key (trimmed)."),
    TARGET_OS_SECRET_KEY_ENV("target.objectStore.secretKeyEnv", Type.STRING, null, "Environment variable holding the target secret key."),
    TARGET_OS_SECRET_KEY_FILE("target.objectStore.secretKeyFile", Type.STRING, null, "File holding the target secret key (trimmed)."),
    TARGET_OS_CHECKSUMS("target.objectStore.checksums", Type.STRING, "auto", "Integrity check on each write to the V3 server: `auto` = `x-amz-checksum-sha256` until the server refuses it (NotImplemented), then Content-MD5 plus the signed SHA-256 payload hash; `flexible` or `legacy` to fix one. See docs/objects.md."),
    TARGET_OS_LISTING("target.objectStore.listing", Type.STRING, "auto", "How `verify` walks the target's buckets: `auto`, `sorted` or `ordered`, as source.objectStore.listing."),
    TARGET_OS_CA_FILE("target.objectStore.caFile", Type.STRING, null, "CA certificate file (PEM) for the target object store's https certificate; used instead of the JVM's default trust store, for this client only. Absent = the JVM's default trust store."),
    BUCKET_MAPPING("bucketMapping", Type.LIST_OF_MAPS, null, "Rules `{from, to}` applied by restore, copy and verify, first match wins; unmatched buckets keep their name. `from` is a glob (each `*`/`?` is a group) or a Java regex matching the whole source bucket name; `to` is `bucket` or `bucket/key-prefix` with `$1`.. group references, e.g. `{from: \"10*\", to: \"packets/10$1/\"}` moves bucket-per-RID into one account bucket with the RID as key prefix."),
    OBJECTS_PARALLELISM("objects.parallelism", Type.INT, "8", "Objects copied (GET -> PUT) or backed up at the same time; also the number of bucket listers."),
    OBJECTS_PART_SIZE("objects.partSize", Type.SIZE, "16MiB", "Objects larger than this are uploaded in parts of this size (multipart; at least 5MiB). Also the largest in-memory buffer per upload."),
    OBJECTS_SEGMENT_SIZE("objects.segmentSize", Type.SIZE, "1GiB", "Backup: an object segment (zstd-compressed tar) is closed once it holds this many uncompressed bytes."),
    SOURCE_KEYSTORES("source.keystores", Type.LIST_OF_MAPS, null, "Keystores to move, each `{name, type, path}` plus optionally its secret: `type: softhsm` with `path` = a SoftHSM token directory (directories.tokendir) and `pinEnv`/`pinFile`, or `type: pkcs12` with `path` = the .p12 file and `passwordEnv`/`passwordFile`. The secret is only needed by `verify` (opening, listing, sign/verify round trip); backup and restore copy the files. Keystore files are always encrypted in the backup set, so `backup` needs `encryption.keyFile` or `encryption.keyEnv`. See docs/keystores.md."),
    TARGET_KEYSTORES("target.keystores", Type.LIST_OF_MAPS, null, "Where each source keystore is restored, `{name, path}` (the name of a source keystore; path = the V3 token directory or .p12 file). Optional `pinEnv`/`pinFile`/`passwordEnv`/`passwordFile` when the target's secret differs from the source's (restore keeps the original PINs)."),
    KEYSTORES_EXPIRY_WARNING_DAYS("keystores.expiryWarningDays", Type.INT, "90", "`verify` lists certificates that expire within this many days (or already expired) as warnings."),
    KEYSTORES_PKCS11_LIBRARY("keystores.pkcs11Library", Type.STRING, "/usr/lib/softhsm/libsofthsm2.so", "The SoftHSM PKCS#11 library `verify` opens token directories with."),
    BACKUP_STORE_TYPE("backupStore.type", Type.STRING, "s3", "Client library for the S3/MinIO server that holds `s3://` backup sets (`backupSet`, `transfer --from/--to`): `s3` (AWS SDK v2) or `minio` (MinIO Java SDK). Path-style addressing."),
    BACKUP_STORE_ENDPOINT("backupStore.endpoint", Type.STRING, null, "URL of the backup store, e.g. https://s3.example.org or http://minio:9000. Required for any `s3://` location."),
    BACKUP_STORE_REGION("backupStore.region", Type.STRING, "us-east-1", "Signing region of the backup store."),
    BACKUP_STORE_ACCESS_KEY_ENV("backupStore.accessKeyEnv", Type.STRING, null, "Environment variable holding the backup store's access key."),
    BACKUP_STORE_ACCESS_KEY_FILE("backupStore.accessKeyFile", Type.STRING, null, "File holding the backup store's access key (trimmed)."),
    BACKUP_STORE_SECRET_KEY_ENV("backupStore.secretKeyEnv", Type.STRING, null, "Environment variable holding the backup store's secret key."),
    BACKUP_STORE_SECRET_KEY_FILE("backupStore.secretKeyFile", Type.STRING, null, "File holding the backup store's secret key (trimmed)."),
    BACKUP_STORE_CA_FILE("backupStore.caFile", Type.STRING, null, "CA certificate file (PEM) for the backup store's https certificate; used instead of the JVM's default trust store, for this client only."),
    BACKUP_STORE_CHECKSUMS("backupStore.checksums", Type.STRING, "auto", "Integrity check on each upload of a backup-set file or part: `auto`, `flexible` (`x-amz-checksum-sha256`) or `legacy` (Content-MD5 plus the signed SHA-256 payload hash), as target.objectStore.checksums."),
    BACKUP_STORE_PART_SIZE("backupStore.partSize", Type.SIZE, "16MiB", "Backup-set files larger than this are uploaded in parts of this size (at least 5MiB), each part sent with its SHA-256 (x-amz-checksum-sha256) that the server checks. Each upload holds one part in memory."),
    BACKUP_STORE_SPOOL_DIR("backupStore.spoolDir", Type.STRING, null, "Local directory under which each `s3://` backup set gets its spool (work directory: ledgers, manifests, indexes, and data files between being written and uploaded, or between download and restore). Default: `mosip-migrate-spool` under `java.io.tmpdir`. Keep it on a persistent disk so a killed backup resumes without sending finished files again."),
    UPGRADE_PRIMARY_LANGUAGE_CODE("upgrade.primaryLanguageCode", Type.STRING, null, "`upgrade`, master B1: primary language code of the V2 install (3 letters, e.g. eng); rows of other languages are kept only in `*_migr_bkp`. Required when master B1 is pending; `--primary-language` overrides it."),
    UPGRADE_SHARE_DOMAIN("upgrade.shareDomain", Type.STRING, null, "`upgrade`, pms final: `FROM=TO` rewrite of partner policies' shareDomain (absent = `datashare-service=datashare.datashare`; `FROM=` leaves policies unchanged). `--share-domain` overrides it."),
    UPGRADE_NEW_ROLE_PASSWORD_ENV("upgrade.newRolePasswordEnv", Type.STRING, null, "Environment variable holding the password of app roles that `upgrade` / `schema init` create (hotlistuser, residentuser, ...). Absent = created NOLOGIN. `--new-role-password-env` overrides it.");

    public enum Type { STRING, INT, BOOL, SIZE, LIST, MAP_OF_LISTS, LIST_OF_MAPS }

    private final String path;
    private final Type type;
    private final String defaultValue;
    private final String description;

    ConfigKey(String path, Type type, String defaultValue, String description) {
        this.path = path;
        this.type = type;
        this.defaultValue = defaultValue;
        this.description = description;
    }

    public String path() {
        return path;
    }

    public Type type() {
        return type;
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public static Optional<ConfigKey> byPath(String path) {
        return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
    }

    /** True when {@code prefix} is a section (a parent of some key), e.g. "source" or "source.postgres". */
    public static boolean isSection(String prefix) {
        return Arrays.stream(values()).anyMatch(k -> k.path.startsWith(prefix + "."));
    }

    /** The markdown table of docs/configuration.md. */
    public static String markdownTable() {
        StringBuilder sb = new StringBuilder("| key | type | default | meaning |\n|---|---|---|---|\n");
        for (ConfigKey k : values()) {
            sb.append("| `").append(k.path).append("` | ").append(k.type.name().toLowerCase().replace('_', ' '))
              .append(" | ").append(k.defaultValue == null ? "–" : "`" + k.defaultValue + "`")
              .append(" | ").append(k.description).append(" |\n");
        }
        return sb.toString();
    }
}
