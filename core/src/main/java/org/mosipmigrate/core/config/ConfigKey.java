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
    TARGET_PG_HOST("target.postgres.host", Type.STRING, "127.0.0.1", "Host of the V3 (target) PostgreSQL server."),
    TARGET_PG_PORT("target.postgres.port", Type.INT, "5432", "TCP port of the target server."),
    TARGET_PG_USER("target.postgres.user", Type.STRING, "postgres", "Role used to write the target; must be able to create databases and roles (a superuser)."),
    TARGET_PG_PASSWORD_ENV("target.postgres.passwordEnv", Type.STRING, null, "Environment variable holding the target password."),
    TARGET_PG_PASSWORD_FILE("target.postgres.passwordFile", Type.STRING, null, "File holding the target password."),
    TARGET_PG_SSLMODE("target.postgres.sslMode", Type.STRING, "prefer", "pgjdbc sslmode for the target."),
    BACKUP_SET("backupSet", Type.STRING, null, "Directory of the backup set written by `backup` and read by `restore`/`verify`. For `copy` it holds the run ledger and schema files only."),
    PARALLELISM("parallelism", Type.INT, "2", "Worker threads (and PostgreSQL connections per side) for chunks, index builds and verification."),
    CHUNK_SIZE("chunkSize", Type.SIZE, "256MiB", "Tables larger than this (on-disk size) are split into ranges of about this size so one big table uses every worker. Accepts 512KiB, 64MiB, 1GiB or a byte count."),
    COMPRESSION_LEVEL("compressionLevel", Type.INT, "3", "zstd level for data chunks (1 fastest .. 19 smallest)."),
    FINGERPRINT_AT_BACKUP("fingerprintAtBackup", Type.BOOL, "true", "Also compute each table's content fingerprint under the backup snapshot and store it in the manifest, so that a restore can be verified without the source."),
    STATE_DIR("stateDir", Type.STRING, null, "Where `copy` keeps its ledger and schema files. Default: backupSet, else ./mosip-migrate-state."),
    PG_BIN_DIR("pgBinDir", Type.STRING, null, "Directory holding pg_dump and pg_restore. Default: the newest /usr/lib/postgresql/*/bin, else PATH."),
    VERIFY_COLUMNS("verify.columns", Type.MAP_OF_LISTS, null, "Per table (`db.schema.table`), the columns to fingerprint instead of all source columns, e.g. the columns a table had in V2 after a schema upgrade."),
    VERIFY_EXCLUDE_TABLES("verify.excludeTables", Type.LIST, null, "Tables (`db.schema.table`) left out of content comparison (still counted as schema objects).");

    public enum Type { STRING, INT, BOOL, SIZE, LIST, MAP_OF_LISTS }

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
