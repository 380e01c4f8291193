package org.mosipmigrate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.SchemaCensus;
import org.mosipmigrate.core.pg.TableFingerprint;

class AwkwardTypesFixtureTest {
    @Test
    void buildsOnTheLocalServer() throws Exception {
        check(PgServers.local().source(), "tk_awkward_local");
    }

    @Test
    void buildsOnPostgres12() throws Exception {
        check(PgServers.production().source(), "tk_awkward_pg12");
    }

    @Test
    void buildsOnPostgres16() throws Exception {
        check(PgServers.production().target(), "tk_awkward_pg16");
    }

    private static void check(PgServer s, String name) throws SQLException {
        String db = s.freshDatabase(name);
        AwkwardTypesFixture.create(s, db);
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            long total = 0;
            for (var e : AwkwardTypesFixture.expectedRowCounts().entrySet()) {
                assertEquals(e.getValue(), single(st, "SELECT count(*) FROM ONLY " + e.getKey().qualified()), e.getKey().toString());
                total += e.getValue();
            }
            assertTrue(total >= 300 && total <= 1000, "a few hundred rows, got " + total);
            assertEquals(60, single(st, "SELECT count(*) FROM awkward.events"));
            assertEquals(1014, single(st, "SELECT last_value FROM awkward.seq_by_seven"));
            assertEquals(97, single(st, "SELECT last_value FROM awkward.seq_descending"));
            assertEquals(40, single(st, "SELECT count(*) FROM awkward.cycle_a a JOIN awkward.cycle_b b ON b.id = a.b_id"));
            assertEquals(13, single(st, "SELECT count(*) FROM awkward.triggered WHERE revision = 1 AND normalized LIKE '% edited'"));
            assertEquals(2, single(st, "SELECT count(*) FROM awkward.no_pk_duplicates WHERE a IS NULL"));
            assertEquals(1, single(st, "SELECT count(*) FROM awkward.all_types WHERE t = '' AND id = 2"));
            assertEquals(1, single(st, "SELECT count(*) FROM awkward.all_types WHERE f8 = 'NaN' AND n = 'NaN' AND id = 3"));
            assertEquals(1, single(st, "SELECT count(*) FROM awkward.all_types WHERE id = 3 AND length(bt) = 7 AND get_byte(bt, 0) = 0"));
            assertEquals(1, single(st, "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = 'mm_reader' "
                    + "AND table_schema = 'Mixed Schema' AND table_name = 'Order'"));
            Map<String, Long> census = SchemaCensus.take(c);
            assertEquals(3, census.get("schemas"), "awkward, Mixed Schema and public: " + census);
            assertEquals(1, census.get("views"));
            assertEquals(1, census.get("materializedViews"));
            assertEquals(1, census.get("triggers"));
            assertTrue(census.get("functions") >= 2);
        }
        assertEquals(fingerprint(PgServers.local().source(), "tk_awkward_ref"), fingerprint(s, db), "same data on " + s.label());
    }

    /** Deterministic content: every table renders the same wherever the fixture is built. */
    private static String fingerprint(PgServer s, String db) throws SQLException {
        if (db.equals("tk_awkward_ref")) {
            s.freshDatabase(db);
            AwkwardTypesFixture.create(s, db);
        }
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("SET DateStyle = 'ISO, YMD'");
            st.execute("SET IntervalStyle = 'postgres'");
            st.execute("SET extra_float_digits = 1");
            st.execute("SET bytea_output = 'hex'");
            st.execute("SET lc_monetary = 'C'");
            StringBuilder all = new StringBuilder();
            for (PgCatalog.TableInfo t : PgCatalog.listTables(c)) {
                all.append(t.qualifiedName()).append('=').append(TableFingerprint.compute(c, t.schema(), t.name(), t.columnNames())).append('\n');
            }
            return all.toString();
        }
    }

    private static long single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
