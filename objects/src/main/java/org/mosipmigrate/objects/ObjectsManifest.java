package org.mosipmigrate.objects;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;

/**
 * {@code objects/manifest.json} of a backup set: the object segments in write order (a later segment's
 * entry for the same bucket/key supersedes an earlier one: staged backups append), with totals.
 */
public record ObjectsManifest(String format, int formatVersion, String createdAt, String source, long buckets, long objects, long rawBytes,
                              long bytes, List<Segment> segments) {
    public static final String FORMAT = "mosip-migrate-objects";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "objects/manifest.json";

    public ObjectsManifest {
        segments = List.copyOf(segments);
    }

    /** One segment: files relative to the set, object count, raw (uncompressed) and stored bytes, SHA-256 of both files. */
    public record Segment(int number, String file, String index, long objects, long rawBytes, long bytes, String sha256, String indexSha256) {
    }

    public static boolean exists(Path set) {
        return Files.isRegularFile(set.resolve(FILE));
    }

    public static ObjectsManifest read(Path set) {
        Path f = set.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, "backup set " + set + " has no " + FILE + " (no object backup finished in it)",
                    "run `mosip-migrate backup --only objects` with the same config: it resumes and writes it at the end");
        }
        try {
            ObjectsManifest m = Json.MAPPER.readValue(f.toFile(), ObjectsManifest.class);
            if (!FORMAT.equals(m.format()) || m.formatVersion() != FORMAT_VERSION) {
                throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, f + " is not a version " + FORMAT_VERSION + " objects manifest", null);
            }
            return m;
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, f + " cannot be parsed: " + e.getMessage(), "restore it from a copy of the backup set", e);
        }
    }

    public void write(Path set) {
        try {
            Json.writeAtomically(set.resolve(FILE), this);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + set.resolve(FILE) + ": " + e.getMessage(), "check free disk space", e);
        }
    }
}
