package org.mosipmigrate.schema;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.core.set.PrivateFiles;
import org.postgresql.PGConnection;

/**
 * Rows saved before mosip-migrate changes or drops them ({@code cleanup --apply}, {@code preflight --fix}): COPY text,
 * zstd, encrypted with the backup key when one is configured, each file with its row count, sizes and SHA-256 in a
 * manifest beside them. A saved file loads back with {@code COPY <table> FROM STDIN} after decompression.
 */
public final class SavedRows {
    /** One saved file; {@code file} is relative to the manifest's directory. */
    public record SavedFile(String db, String schema, String table, String file, long rows, long rawBytes, long bytes, String sha256) {
    }

    private SavedRows() {
    }

    /** File name of a table's saved rows: schema.table.copy.zst, plus .enc when encrypted. */
    public static String fileName(String schema, String table, BackupKey key) {
        return schema + "." + table + ".copy.zst" + (key == null ? "" : ".enc");
    }

    /** Runs {@code copyOutSql} (a {@code COPY ... TO STDOUT}) on {@code c} into {@code file}; {@code root} is the manifest's directory. */
    public static SavedFile copyOut(Connection c, String copyOutSql, Path root, Path file, String db, String schema, String table, BackupKey key,
                                    int level) throws Exception {
        var w = ChunkFiles.write(file, level, key, out -> c.unwrap(PGConnection.class).getCopyAPI().copyOut(copyOutSql, out));
        return new SavedFile(db, schema, table, root.relativize(file).toString(), w.value(), w.file().rawBytes(), w.file().bytes(), w.file().sha256());
    }

    /** Writes the manifest atomically (owner-only directory); {@code extra} adds keys such as "dropped" or "fixes". */
    public static void writeManifest(Path manifest, String kind, String stamp, BackupKey key, List<SavedFile> files, Map<String, Object> extra)
            throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("createdAt", stamp);
        m.put("format", "COPY text, zstd" + (key == null ? "" : ", encrypted"));
        m.put("encryptionKeyId", key == null ? null : key.keyId());
        m.put("files", files);
        m.putAll(extra);
        PrivateFiles.createDirectories(manifest.getParent());
        Json.writeAtomically(manifest, m);
    }
}
