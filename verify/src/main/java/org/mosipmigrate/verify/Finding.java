package org.mosipmigrate.verify;

/**
 * One difference between the target and what it should hold. {@code item} names the object
 * ({@code db.schema.table}, {@code db.schema.table.column}, a census kind or a sequence).
 */
public record Finding(String db, String item, Kind kind, String expected, String actual, String message) {
    public enum Kind {
        DATABASE_MISSING, TABLE_MISSING, COLUMN_MISSING, ROW_COUNT, CONTENT_HASH,
        SCHEMA_OBJECTS, SEQUENCE_MISSING, SEQUENCE_VALUE
    }

    /** True for findings about a table's presence or content (shown in the table lines, not separately). */
    public boolean aboutTableContent() {
        return kind == Kind.TABLE_MISSING || kind == Kind.COLUMN_MISSING || kind == Kind.ROW_COUNT || kind == Kind.CONTENT_HASH;
    }
}
