package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.testkit.MosipV2Fixture;
import org.mosipmigrate.testkit.PgServers;

/** A generated MOSIP 1.1.5.5 cluster moves from PostgreSQL 12 to 16 and verifies, as in production. */
class MosipRoundTripTest {
    @TempDir
    Path tmp;

    @Test
    void everyV2DatabaseMovesFrom12To16AndVerifies() throws Exception {
        var pair = PgServers.production();
        List<String> dbs = MosipV2Fixture.create(pair.source(), MosipV2Fixture.ALL_V2_DATABASES, 300, 7L);
        for (String db : dbs) {
            pair.target().dropDatabase(db);
        }
        CliHarness h = new CliHarness(pair, tmp, dbs, "chunkSize: 64KiB\n");

        CliHarness.Run dry = h.run("backup", "--dry-run");
        assertEquals(0, dry.exit(), dry::toString);
        assertTrue(dry.out().contains("mosip_idrepo") && dry.out().contains("dry run"), dry::toString);
        assertFalse(Files.exists(tmp.resolve("set")), "--dry-run must not write anything");

        assertEquals(0, h.run("backup").exit());
        CliHarness.Run restoreDry = h.run("restore", "--dry-run");
        assertTrue(restoreDry.out().contains("CREATE"), restoreDry::toString);
        CliHarness.Run restore = h.run("restore");
        assertEquals(0, restore.exit(), restore::toString);
        for (String db : dbs) {
            assertEquals(CliHarness.contents(pair.source(), db), CliHarness.contents(pair.target(), db), db);
        }
        CliHarness.Run verify = h.run("verify");
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(Files.exists(tmp.resolve("set/verify-report.json")));
        // database-level grants and settings travel too (pg_dump leaves them out without --create)
        pair.source().execute("postgres", "ALTER DATABASE mosip_kernel SET work_mem = '7MB'");
        try (var c = pair.target().connect("postgres");
             var rs = c.createStatement().executeQuery("SELECT has_database_privilege('idrepouser', 'mosip_idrepo', 'CONNECT')")) {
            rs.next();
            assertTrue(rs.getBoolean(1));
        }
        // V2 ownership and grants travel with the schema
        try (var c = pair.target().connect("mosip_idrepo");
             var rs = c.createStatement().executeQuery("SELECT tableowner FROM pg_tables WHERE schemaname = 'idrepo' LIMIT 1")) {
            assertTrue(rs.next());
            assertEquals("sysadmin", rs.getString(1));
        }
    }
}
