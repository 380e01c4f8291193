package org.mosipmigrate.engine.preflight;

import java.util.List;

/**
 * One result of a preflight check: a stable id (docs/preflight.md), the check that found it, how much it weighs,
 * what it is, the rows/objects concerned (the first {@value #MAX_ITEMS} and the total {@code count}), and the fix.
 * {@code fixable}: {@code preflight --fix} can apply the fix (saving what it changes first).
 */
public record Finding(String id, String check, Severity severity, String title, long count, List<String> items, String fix, boolean fixable) {
    public static final int MAX_ITEMS = 10;

    public Finding {
        items = items == null ? List.of() : List.copyOf(items.subList(0, Math.min(items.size(), MAX_ITEMS)));
    }

    /** A finding about one thing (no list of items). */
    public static Finding single(String id, String check, Severity severity, String title, String fix) {
        return new Finding(id, check, severity, title, 1, List.of(), fix, false);
    }

    /** A finding listing {@code items} (kept: the first {@value #MAX_ITEMS}; count: all of them). */
    public static Finding listing(String id, String check, Severity severity, String title, List<String> items, String fix) {
        return new Finding(id, check, severity, title, items.size(), items, fix, false);
    }

    public Finding withFixable(boolean f) {
        return new Finding(id, check, severity, title, count, items, fix, f);
    }
}
