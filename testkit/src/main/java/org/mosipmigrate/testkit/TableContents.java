package org.mosipmigrate.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.TableFingerprint;

/** Rows and content fingerprint of every table of a database, keyed by schema.table: what "the same data" means in tests. */
public final class TableContents {
    private TableContents() {
    }

    public static Map<String, TableFingerprint.Fingerprint> of(PgServer s, String db) throws SQLException {
        Map<String, TableFingerprint.Fingerprint> out = new LinkedHashMap<>();
        try (Connection c = s.connect(db)) {
            for (String setting : new String[] {"SET TimeZone = 'UTC'", "SET extra_float_digits = 1", "SET lc_monetary = 'C'",
                "SET DateStyle = 'ISO, YMD'", "SET IntervalStyle = 'postgres'", "SET bytea_output = 'hex'"}) {
                c.createStatement().execute(setting);
            }
            for (var t : PgCatalog.listTables(c)) {
                out.put(t.qualifiedName(), TableFingerprint.compute(c, t.schema(), t.name(), t.columnNames()));
            }
        }
        return out;
    }
}
