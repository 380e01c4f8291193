package org.mosipmigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.TableFingerprint;
import org.mosipmigrate.core.pg.TableFingerprint.Fingerprint;
import org.mosipmigrate.testkit.PgServers;

/** The property verification rests on: the fingerprint ignores row order but counts every copy of a row. */
class FingerprintTest {
    private static final List<String> COLS = List.of("k", "v");

    @Test
    void sameRowsInDifferentOrdersGiveTheSameHashAndDuplicatesCount() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = pair.source().freshDatabase("v_fingerprint");
        String values = "(1, 'a'), (2, NULL), (3, 'c'), (3, 'c'), (4, 'd')";
        pair.source().execute(db,
                "CREATE TABLE asc_order (k int, v text)", "CREATE TABLE desc_order (k int, v text)",
                "CREATE TABLE fewer_copies (k int, v text)", "CREATE TABLE more_copies (k int, v text)",
                "INSERT INTO asc_order SELECT * FROM (VALUES " + values + ") x(k, v) ORDER BY k",
                "INSERT INTO desc_order SELECT * FROM (VALUES " + values + ") x(k, v) ORDER BY k DESC",
                "INSERT INTO fewer_copies VALUES (1, 'a'), (2, NULL), (3, 'c'), (4, 'd')",
                "INSERT INTO more_copies VALUES (1, 'a'), (2, NULL), (3, 'c'), (3, 'c'), (3, 'c'), (4, 'd')");
        // an UPDATE moves the row to the end of the heap: physical order changes, content does not
        pair.source().execute(db, "UPDATE desc_order SET v = v WHERE k = 1");

        try (Connection c = new PgConnector(Fixture.endpoint("source", pair.source(), Fixture.SOURCE_PW_VAR, null),
                Fixture.env(pair)).open(db)) {
            Fingerprint asc = TableFingerprint.compute(c, "public", "asc_order", COLS);
            Fingerprint desc = TableFingerprint.compute(c, "public", "desc_order", COLS);
            Fingerprint fewer = TableFingerprint.compute(c, "public", "fewer_copies", COLS);
            Fingerprint more = TableFingerprint.compute(c, "public", "more_copies", COLS);

            assertEquals(asc, desc);
            assertEquals(5, asc.rows());
            // a set-based hash would call these three equal
            assertEquals(4, fewer.rows());
            assertNotEquals(asc.hash(), fewer.hash());
            assertNotEquals(asc.hash(), more.hash());
            assertNotEquals(fewer.hash(), more.hash());
        }
    }
}
