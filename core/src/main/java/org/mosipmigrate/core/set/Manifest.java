package org.mosipmigrate.core.set;

import java.util.List;
import java.util.Map;

/**
 * The backup set's description (format documented in docs/backup-set-format.md). Written once, at the
 * end of a successful backup; a set without it is incomplete and cannot be restored.
 */
public record Manifest(
        String format,
        int formatVersion,
        String runId,
        String createdAt,
        String tool,
        SourceInfo source,
        List<RoleEntry> roles,
        List<DatabaseEntry> databases,
        EncryptionInfo encryption) {

    public static final String FORMAT = "mosip-migrate-backup-set";
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        roles = List.copyOf(roles);
        databases = List.copyOf(databases);
    }

    /** An unencrypted backup set. */
    public Manifest(String format, int formatVersion, String runId, String createdAt, String tool, SourceInfo source,
                    List<RoleEntry> roles, List<DatabaseEntry> databases) {
        this(format, formatVersion, runId, createdAt, tool, source, roles, databases, null);
    }

    /**
     * Present when the set's data files are encrypted: which key (by id, never the key) and how. The
     * manifest itself stays readable so a set can be inspected; its seal file proves it unmodified.
     */
    public record EncryptionInfo(String keyId, String cipher, String seal) {
    }

    /** A cluster role the databases need (passwords are never copied: V3 sets its own). */
    public record RoleEntry(String name, boolean superuser, boolean inherit, boolean createRole, boolean createDb,
                            boolean login, boolean replication, boolean bypassRls, int connectionLimit, List<String> memberOf) {
        public RoleEntry {
            memberOf = List.copyOf(memberOf);
        }
    }

    public record SourceInfo(String host, int port, int serverVersionNum) {
    }

    /** A file in the set with its size and SHA-256 (of the stored bytes). */
    public record FileRef(String file, long bytes, String sha256) {
    }

    public record DatabaseEntry(String name, String owner, String encoding, String collate, String ctype,
                                int serverVersionNum, List<String> databaseSql, FileRef schema, List<String> snapshots,
                                Map<String, Long> census, List<SequenceEntry> sequences, List<TableEntry> tables) {
        public DatabaseEntry {
            databaseSql = databaseSql == null ? List.of() : List.copyOf(databaseSql);
            snapshots = List.copyOf(snapshots);
            census = Map.copyOf(census);
            sequences = List.copyOf(sequences);
            tables = List.copyOf(tables);
        }
    }

    public record SequenceEntry(String schema, String name, long lastValue, boolean isCalled) {
    }

    public record ColumnEntry(String name, String type) {
    }

    public record TableEntry(String schema, String name, List<ColumnEntry> columns, String copyFormat, long rows,
                             FingerprintEntry fingerprint, List<ChunkEntry> chunks) {
        public TableEntry {
            columns = List.copyOf(columns);
            chunks = List.copyOf(chunks);
        }

        public String qualifiedName() {
            return schema + "." + name;
        }
    }

    /** Content fingerprint taken under the backup snapshot; {@code columns} says which columns it covers. */
    public record FingerprintEntry(long rows, String hash, List<String> columns) {
    }

    /**
     * One chunk of a table: the rows matching {@code predicate} (empty = whole table), as a zstd
     * compressed COPY stream in {@code copyFormat}.
     */
    public record ChunkEntry(String id, String predicate, String file, long rows, long rawBytes, long bytes, String sha256) {
    }
}
