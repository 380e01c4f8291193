package org.mosipmigrate.cli.app;

import java.util.List;
import java.util.Locale;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/** Which parts a command runs: {@code --only db|objects|keystores}, else every part the config describes. */
public record Parts(boolean db, boolean objects, boolean keystores) {
    /** Without keystores. */
    public Parts(boolean db, boolean objects) {
        this(db, objects, false);
    }

    public static Parts select(List<String> only, MigrationConfig cfg) {
        boolean pg = cfg.source() != null || cfg.target() != null;
        boolean os = cfg.objects().configured();
        boolean ks = cfg.keystores().configured();
        if (only == null || only.isEmpty()) {
            if (!pg && !os && !ks) {
                throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": nothing to do: neither postgres nor objectStore nor keystores is configured",
                        "add source/target postgres, objectStore or keystores sections");
            }
            return new Parts(pg, os, ks);
        }
        boolean db = false;
        boolean objects = false;
        boolean keystores = false;
        for (String p : only) {
            switch (p.trim().toLowerCase(Locale.ROOT)) {
                case "db" -> db = true;
                case "objects" -> objects = true;
                case "keystores" -> keystores = true;
                default -> throw new MigrateException(ErrorCode.USAGE, "--only " + p + ": unknown part", "write db, objects, keystores or a list (db,objects)");
            }
        }
        if (objects && !os) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": --only objects but no source.objectStore/target.objectStore is configured",
                    "add the objectStore sections (see docs/configuration.md)");
        }
        if (keystores && !ks) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": --only keystores but no source.keystores/target.keystores is configured",
                    "add the keystores sections (see docs/keystores.md)");
        }
        return new Parts(db, objects, keystores);
    }
}
