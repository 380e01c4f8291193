package org.mosipmigrate.core.part;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of data a migration moves; {@link #label()} is the name {@code --only} takes. */
public enum PartKind {
    DB("db"),
    OBJECTS("objects"),
    KEYSTORES("keystores");

    private final String label;

    PartKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<PartKind> byLabel(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.label.toLowerCase(Locale.ROOT).equals(t)).findFirst();
    }
}
