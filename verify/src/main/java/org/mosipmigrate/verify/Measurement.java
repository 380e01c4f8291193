package org.mosipmigrate.verify;

import java.util.List;

/**
 * What one live server holds for a table. With a column missing, only the row count is taken
 * (hashing needs every chosen column) and {@code hash} is null.
 */
record Measurement(boolean present, long rows, String hash, List<String> missingColumns) {
    Measurement {
        missingColumns = List.copyOf(missingColumns);
    }

    static Measurement absent() {
        return new Measurement(false, 0, null, List.of());
    }

    /** Present with every chosen column, so its hash is comparable. */
    boolean hashed() {
        return present && hash != null;
    }

    Long rowsOrNull() {
        return present ? rows : null;
    }
}
