package org.mosipmigrate.core.pg;

import java.util.List;
import java.util.stream.Collectors;

/** Identifier and literal quoting. Every name that reaches SQL text goes through here. */
public final class Sql {
    private Sql() {
    }

    public static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    public static String qualified(String schema, String table) {
        return ident(schema) + "." + ident(table);
    }

    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    public static String columnList(List<String> columns) {
        return columns.stream().map(Sql::ident).collect(Collectors.joining(", "));
    }
}
