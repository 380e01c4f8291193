package org.mosipmigrate.core.set;

import java.nio.file.Path;
import java.util.Locale;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/** The one place where a name from a manifest or a catalog becomes a local path. */
public final class SafePaths {
    private SafePaths() {
    }

    public static Path resolveIn(Path root, String relative) {
        Path base = root.toAbsolutePath().normalize();
        Path p = base.resolve(relative).normalize();
        if (!p.startsWith(base) || p.equals(base)) {
            throw new MigrateException(ErrorCode.BACKUP_SET_INVALID,
                    "path '" + relative + "' escapes the backup set directory " + base,
                    "the manifest was edited or built by another tool; do not restore from it");
        }
        return p;
    }

    /** A file-name-safe form of a database or table name; uniqueness comes from the prefix the caller adds. */
    public static String sanitize(String name) {
        String s = name.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (s.length() > 60) {
            s = s.substring(0, 60);
        }
        return s.toLowerCase(Locale.ROOT).startsWith(".") ? "_" + s : s;
    }
}
