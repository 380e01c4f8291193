package org.mosipmigrate.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.part.Part;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.engine.parts.DatabasePart;
import org.mosipmigrate.engine.parts.KeystoresPart;
import org.mosipmigrate.engine.parts.ObjectsPart;

/** Which parts a command runs: those {@code --only} names, else every part the config describes. */
public final class PartSelection {
    private PartSelection() {
    }

    /** The kinds {@code only} names (null or empty: every kind the config describes), checked against the config. */
    public static Set<PartKind> select(List<String> only, MigrationConfig cfg) {
        Set<PartKind> configured = EnumSet.noneOf(PartKind.class);
        if (cfg.source() != null || cfg.target() != null) {
            configured.add(PartKind.DB);
        }
        if (cfg.objects().configured()) {
            configured.add(PartKind.OBJECTS);
        }
        if (cfg.keystores().configured()) {
            configured.add(PartKind.KEYSTORES);
        }
        if (only == null || only.isEmpty()) {
            if (configured.isEmpty()) {
                throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": nothing to do: neither postgres nor objectStore nor keystores is configured",
                        "add source/target postgres, objectStore or keystores sections");
            }
            return configured;
        }
        Set<PartKind> chosen = EnumSet.noneOf(PartKind.class);
        for (String p : only) {
            chosen.add(PartKind.byLabel(p).orElseThrow(() -> new MigrateException(ErrorCode.USAGE, "--only " + p + ": unknown part",
                    "write db, objects, keystores or a list (db,objects)")));
        }
        if (chosen.contains(PartKind.OBJECTS) && !configured.contains(PartKind.OBJECTS)) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": --only objects but no source.objectStore/target.objectStore is configured",
                    "add the objectStore sections (see docs/configuration.md)");
        }
        if (chosen.contains(PartKind.KEYSTORES) && !configured.contains(PartKind.KEYSTORES)) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": --only keystores but no source.keystores/target.keystores is configured",
                    "add the keystores sections (see docs/keystores.md)");
        }
        return chosen;
    }

    /** The parts of {@code kinds}, in the order every command runs them: keystores (small, once), databases, objects. */
    public static List<Part> parts(Set<PartKind> kinds) {
        List<Part> parts = new ArrayList<>();
        if (kinds.contains(PartKind.KEYSTORES)) {
            parts.add(new KeystoresPart());
        }
        if (kinds.contains(PartKind.DB)) {
            parts.add(new DatabasePart());
        }
        if (kinds.contains(PartKind.OBJECTS)) {
            parts.add(new ObjectsPart());
        }
        return parts;
    }
}
