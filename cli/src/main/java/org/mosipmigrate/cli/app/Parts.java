package org.mosipmigrate.cli.app;

import java.util.List;
import java.util.Locale;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/** Which parts a command runs: {@code --only db|objects}, else every part the config describes. */
public record Parts(boolean db, boolean objects) {
    public static Parts select(List<String> only, MigrationConfig cfg) {
        boolean pg = cfg.source() != null || cfg.target() != null;
        boolean os = cfg.objects().configured();
        if (only == null || only.isEmpty()) {
            if (!pg && !os) {
                throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": nothing to do: neither postgres nor objectStore is configured",
                        "add source/target postgres or objectStore sections");
            }
            return new Parts(pg, os);
        }
        boolean db = false;
        boolean objects = false;
        for (String p : only) {
            switch (p.trim().toLowerCase(Locale.ROOT)) {
                case "db" -> db = true;
                case "objects" -> objects = true;
                case "keystores" -> throw new MigrateException(ErrorCode.USAGE, "--only keystores: keystores are not supported yet", "use --only db or --only objects");
                default -> throw new MigrateException(ErrorCode.USAGE, "--only " + p + ": unknown part", "write db, objects or both (db,objects)");
            }
        }
        if (objects && !os) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": --only objects but no source.objectStore/target.objectStore is configured",
                    "add the objectStore sections (see docs/configuration.md)");
        }
        return new Parts(db, objects);
    }
}
