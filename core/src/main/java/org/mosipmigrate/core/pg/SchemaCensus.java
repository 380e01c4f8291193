package org.mosipmigrate.core.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** Counts of schema objects per kind in one database, user schemas only. */
public final class SchemaCensus {
    private SchemaCensus() {
    }

    private static final String NS = "n.nspname NOT IN " + PgCatalog.EXCLUDED_SCHEMAS + " AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast%'";
    private static final String NOT_EXT = " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = x.oid AND d.deptype = 'e')";

    private static final Map<String, String> QUERIES = new LinkedHashMap<>();

    static {
        QUERIES.put("schemas", "SELECT count(*) FROM pg_namespace x JOIN pg_namespace n ON n.oid = x.oid WHERE " + NS + NOT_EXT);
        QUERIES.put("tables", "SELECT count(*) FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE x.relkind IN ('r','p') AND " + NS + NOT_EXT);
        QUERIES.put("indexes", "SELECT count(*) FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE x.relkind IN ('i','I') AND " + NS);
        QUERIES.put("constraints", "SELECT count(*) FROM pg_constraint x JOIN pg_namespace n ON n.oid = x.connamespace WHERE " + NS);
        QUERIES.put("sequences", "SELECT count(*) FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE x.relkind = 'S' AND " + NS + NOT_EXT);
        QUERIES.put("views", "SELECT count(*) FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE x.relkind = 'v' AND " + NS + NOT_EXT);
        QUERIES.put("materializedViews", "SELECT count(*) FROM pg_class x JOIN pg_namespace n ON n.oid = x.relnamespace WHERE x.relkind = 'm' AND " + NS + NOT_EXT);
        QUERIES.put("functions", "SELECT count(*) FROM pg_proc x JOIN pg_namespace n ON n.oid = x.pronamespace WHERE " + NS + NOT_EXT);
        QUERIES.put("triggers", "SELECT count(*) FROM pg_trigger x JOIN pg_class c ON c.oid = x.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT x.tgisinternal AND " + NS);
        QUERIES.put("types", "SELECT count(*) FROM pg_type x JOIN pg_namespace n ON n.oid = x.typnamespace WHERE x.typtype IN ('e','d','c','r') "
                + "AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.oid = x.typrelid AND c.relkind <> 'c') AND " + NS + NOT_EXT);
    }

    /** Kind -> count of user objects (sequence values are compared separately, see PgCatalog.listSequences). */
    public static Map<String, Long> take(Connection c) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement()) {
            for (var q : QUERIES.entrySet()) {
                try (ResultSet rs = st.executeQuery(q.getValue())) {
                    rs.next();
                    out.put(q.getKey(), rs.getLong(1));
                }
            }
        }
        return out;
    }
}
