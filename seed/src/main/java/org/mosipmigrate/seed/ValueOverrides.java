package org.mosipmigrate.seed;

import org.mosipmigrate.seed.MosipCatalog.Column;
import org.mosipmigrate.seed.MosipCatalog.Table;

/** Replaces the generic generated value of chosen columns with a SQL expression. */
@FunctionalInterface
public interface ValueOverrides {
    /**
     * The SQL expression of column {@code c} of table {@code t} for the row number expression {@code row}
     * (a bigint, 1-based), or null to keep the generic value. It must be a pure function of the row number and
     * {@code seed}; for a key column it must be injective in the row number. Overridden columns are never NULL.
     */
    String expression(Table t, Column c, String row, long seed);

    ValueOverrides NONE = (t, c, row, seed) -> null;
}
