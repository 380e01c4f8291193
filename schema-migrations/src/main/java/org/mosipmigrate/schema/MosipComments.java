package org.mosipmigrate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.schema.catalog.SchemaCatalog;

/**
 * COMMENT ON texts that MOSIP 1.2.0.1 gives the objects its chain creates (resource mosip-catalog/comments-1.2.0.1.csv:
 * the databases hotlist and resident, the pms device tables, master's blocklisted_words and ui_spec, hotlist's tables).
 * Applied after the migrations of a database ran, and by {@code schema init --version 1.2.0.1}, to every listed object
 * that exists and has no comment yet; an object that already has one (a V2 comment restored with its table) keeps it,
 * as MOSIP's chain does.
 */
final class MosipComments {
    private MosipComments() {
    }

    /** Sets the missing comments of {@code d} on {@code c} (in its current transaction, if any); returns how many. */
    static int apply(Connection c, MosipDatabase d) throws SQLException {
        SchemaCatalog expected = SchemaCatalog.expected("1.2.0.1", d.dbName());
        if (expected.comments().isEmpty()) {
            return 0;
        }
        SchemaCatalog live = SchemaCatalog.read(c, d.dbName(), d.schema());
        int n = 0;
        try (Statement st = c.createStatement()) {
            for (Map.Entry<String, String> e : expected.comments().entrySet()) {
                String key = e.getKey();
                if (live.comments().containsKey(key)) {
                    continue;
                }
                String target = target(d, live, key);
                if (target != null) {
                    st.execute("COMMENT ON " + target + " IS " + Sql.literal(e.getValue()));
                    n++;
                }
            }
        }
        return n;
    }

    /** "DATABASE x", "TABLE s.t" or "COLUMN s.t.c", or null when the object does not exist (yet). */
    private static String target(MosipDatabase d, SchemaCatalog live, String key) {
        if (key.isEmpty()) {
            return "DATABASE " + Sql.ident(d.dbName());
        }
        String table = key.contains(".") ? key.substring(0, key.indexOf('.')) : key;
        SchemaCatalog.Table t = live.tables().get(table);
        if (t == null) {
            return null;
        }
        if (!key.contains(".")) {
            return "TABLE " + Sql.qualified(d.schema(), table);
        }
        String column = key.substring(key.indexOf('.') + 1);
        return t.columnsByName().containsKey(column) ? "COLUMN " + Sql.qualified(d.schema(), table) + "." + Sql.ident(column) : null;
    }
}
