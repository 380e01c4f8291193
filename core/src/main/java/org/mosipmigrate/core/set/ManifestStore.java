package org.mosipmigrate.core.set;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;

/** Reads and writes manifest.json with format checks and clear errors. */
public final class ManifestStore {
    public static final String FILE = "manifest.json";

    private ManifestStore() {
    }

    public static boolean exists(Path set) {
        return Files.isRegularFile(set.resolve(FILE));
    }

    public static void write(Path set, Manifest m) {
        try {
            Json.writeAtomically(set.resolve(FILE), m);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + set.resolve(FILE) + ": " + e.getMessage(), "check free disk space", e);
        }
    }

    public static Manifest read(Path set) {
        Path f = set.resolve(FILE);
        if (!Files.isRegularFile(f)) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID,
                    "backup set " + set + " has no " + FILE + " (the backup did not finish, or this is not a backup set)",
                    "run `mosip-migrate backup` with the same config again: it resumes and writes the manifest at the end");
        }
        try {
            var tree = Json.MAPPER.readTree(f.toFile());
            if (!Manifest.FORMAT.equals(tree.path("format").asText())) {
                throw new MigrateException(ErrorCode.BACKUP_SET_INVALID, f + " is not a mosip-migrate manifest", null);
            }
            int v = tree.path("formatVersion").asInt(-1);
            if (v != Manifest.FORMAT_VERSION) {
                throw new MigrateException(ErrorCode.BACKUP_SET_INVALID,
                        f + " has format version " + v + "; this tool reads version " + Manifest.FORMAT_VERSION,
                        "use the mosip-migrate release that wrote this backup set");
            }
            return Json.MAPPER.treeToValue(tree, Manifest.class);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, f + " cannot be parsed: " + e.getMessage(),
                    "the manifest is damaged; restore it from a copy of the backup set", e);
        }
    }
}
