package org.mosipmigrate.testkit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.mosipmigrate.core.pg.Sql;

/**
 * One wide-ish table of any size, generated inside the server (no rows cross the wire), for volume
 * and chunking tests. Values are a pure function of the id, so two builds hold identical data.
 */
public final class BigTableFixture {
    /** Name of the secondary index, built after the load as a restore would. */
    public static String indexName(String table) {
        return table + "_created_idx";
    }

    private BigTableFixture() {
    }

    /** Creates {@code schema.table} (schema if missing) in existing database {@code db} with ids 1..rows. */
    public static void create(PgServer s, String db, String schema, String table, long rows) throws SQLException {
        String qualified = Sql.qualified(schema, table);
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            st.execute("SET synchronous_commit = off");
            st.execute("SET maintenance_work_mem = '256MB'");
            st.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.ident(schema));
            // UNLOGGED would be faster but would not survive a crash and is skipped by replication: keep it a normal table
            st.execute("CREATE TABLE " + qualified + " (id bigint NOT NULL, ref_id varchar(36) NOT NULL, status varchar(16), "
                    + "created timestamp NOT NULL, updated timestamptz, amount numeric(14,2), score double precision, "
                    + "flags integer, payload text, attrs jsonb)");
            st.execute("INSERT INTO " + qualified + " SELECT g, 'ref-' || lpad(g::text, 12, '0'), "
                    + "(ARRAY['NEW','PROCESSED','FAILED','REPROCESS'])[g % 4 + 1], "
                    + "timestamp '2021-01-01 00:00:00' + g * interval '1.5 seconds', "
                    + "CASE WHEN g % 10 = 0 THEN NULL ELSE timestamptz '2021-01-01 00:00:00+00' + g * interval '2.25 seconds' END, "
                    + "(g % 1000000) / 100.0, g / 7.0, (g % 97)::int, "
                    + "CASE WHEN g % 7 = 0 THEN NULL ELSE 'payload ' || g || ' ' || repeat('x', (g % 40)::int) END, "
                    + "CASE WHEN g % 5 = 0 THEN NULL ELSE ('{\"g\": ' || g || ', \"even\": ' || (g % 2 = 0) || '}')::jsonb END "
                    + "FROM generate_series(1, " + rows + ") g");
            st.execute("ALTER TABLE " + qualified + " ADD PRIMARY KEY (id)");
            st.execute("CREATE INDEX " + Sql.ident(indexName(table)) + " ON " + qualified + " (created)");
            st.execute("ANALYZE " + qualified);
        }
    }
}
