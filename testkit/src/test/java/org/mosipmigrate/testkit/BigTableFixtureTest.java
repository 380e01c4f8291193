package org.mosipmigrate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class BigTableFixtureTest {
    @Test
    void createsRowsKeyAndIndex() throws Exception {
        PgServer s = PgServers.local().source();
        String db = s.freshDatabase("tk_big_small");
        BigTableFixture.create(s, db, "bulk", "items", 10_000);
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            assertEquals(10_000, single(st, "SELECT count(*) FROM bulk.items"));
            assertEquals(10_000, single(st, "SELECT max(id) FROM bulk.items"));
            assertEquals(2, single(st, "SELECT count(*) FROM pg_indexes WHERE schemaname = 'bulk' AND tablename = 'items'"));
            assertEquals(1, single(st, "SELECT count(*) FROM pg_indexes WHERE indexname = '" + BigTableFixture.indexName("items") + "'"));
        }
    }

    @Test
    @Tag("slow")
    void fiveMillionRowsWellUnderAMinute() throws Exception {
        PgServer s = PgServers.local().source();
        String db = s.freshDatabase("tk_big_5m");
        long start = System.nanoTime();
        BigTableFixture.create(s, db, "public", "big", 5_000_000);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.err.println("BigTableFixture: 5,000,000 rows in " + seconds + " s");
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            assertEquals(5_000_000, single(st, "SELECT count(*) FROM public.big"));
        }
        s.dropDatabase(db);
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    private static long single(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
