package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.seed.PmsSeedRows;
import org.mosipmigrate.testkit.MosipV2Fixture;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/** The commands around upgrade, through the real CLI (issue 17): status, Flyway's warning, cleanup's tool check. */
class UpgradeToolsCliTest {
    @TempDir
    Path tmp;

    /** Without --databases: every MOSIP database with its state, missing ones too (hotlist, which upgrade creates), exit 0. */
    @Test
    void statusListsEveryMosipDatabaseAndExitsZero() throws Exception {
        var pair = PgServers.local();
        PgServer t = pair.target();
        t.dropDatabase("mosip_hotlist");
        t.dropDatabase("mosip_idmap");
        MosipV2Fixture.create(t, List.of("mosip_kernel"), 2, 7L);
        CliHarness h = new CliHarness(pair, tmp, List.of("mosip_kernel"), null);
        CliHarness.Run status = h.run("upgrade", "--status");
        assertEquals(0, status.exit(), status::toString);
        List<String> lines = status.out().lines().toList();
        for (String db : Arrays.stream(org.mosipmigrate.schema.MosipDatabase.values()).map(d -> d.dbName()).toList()) {
            assertEquals(1, lines.stream().filter(l -> l.startsWith(db + " ")).count(), db + " listed once:\n" + status.out());
        }
        assertTrue(line(lines, "mosip_hotlist").contains("missing") && line(lines, "mosip_hotlist").contains("[1.2.0.1-B1, 1.2.0.1-B2, 1.2.0.1]"),
                status::toString);
        assertTrue(line(lines, "mosip_idmap").contains("missing"), status::toString);
        assertTrue(line(lines, "mosip_kernel").contains("baseline"), status::toString);
        CliHarness.Run hotlist = h.run("upgrade", "--status", "--databases", "mosip_hotlist");
        assertEquals(0, hotlist.exit(), hotlist::toString);
        assertTrue(hotlist.out().contains("missing"), hotlist::toString);
        t.dropDatabase("mosip_kernel");
    }

    /** Flyway's multi-line warning about createSchemas came once per database (issue 17); a run now shows it at most once. */
    @Test
    void flywaysWarningIsNotRepeatedPerDatabase() throws Exception {
        var pair = PgServers.local();
        List<String> dbs = List.of("mosip_kernel", "mosip_audit", "mosip_idmap");
        MosipV2Fixture.create(pair.target(), dbs, 2, 11L);
        CliHarness h = new CliHarness(pair, tmp, dbs, null);
        Path log = tmp.resolve("upgrade.log");
        Process p = h.start(log, "upgrade", "--databases", String.join(",", dbs));
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "upgrade finished");
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.split("createSchemas", -1).length - 1 <= 1, out);
        assertTrue(out.split("Flyway", -1).length - 1 <= 1, out);
        for (String db : dbs) {
            pair.target().dropDatabase(db);
        }
    }

    /**
     * On a PostgreSQL 16 target with an older pg_dump, cleanup --apply used to drop the leftover tables first and then fail on
     * mosip_authdevice, naming the "source server". Now it checks the tool before changing anything and names the target.
     */
    @Test
    void cleanupChecksPgDumpAgainstTheTargetBeforeChangingAnything() throws Exception {
        var pair = PgServers.production();
        PgServer t = pair.target();
        int pgDump = new PgTools(null).majorVersion("pg_dump");
        Assumptions.assumeTrue(pgDump < t.majorVersion(), "needs a pg_dump older than the PostgreSQL " + t.majorVersion() + " target");
        List<String> dbs = List.of("mosip_prereg", "mosip_pms", "mosip_authdevice", "mosip_regdevice");
        MosipV2Fixture.create(t, dbs, 2, 5L);
        try (var c = t.connect("mosip_pms")) {
            PmsSeedRows.load(c, "datashare-service");
        }
        CliHarness h = new CliHarness(pair, tmp, dbs, null);
        CliHarness.Run up = h.run("upgrade", "--databases", "mosip_prereg,mosip_pms");
        assertEquals(0, up.exit(), up::toString);
        CliHarness.Run apply = h.run("cleanup", "--apply", "--databases", String.join(",", dbs));
        assertEquals(3, apply.exit(), apply::toString);
        assertTrue(apply.err().contains("pg_dump " + pgDump) && apply.err().contains("PostgreSQL " + t.majorVersion() + " target server")
                && apply.err().contains("nothing was changed"), apply::toString);
        assertTrue(apply.err().contains("the target server's"), apply::toString);
        assertFalse(apply.err().contains("source server"), apply::toString);
        try (var c = t.connect("mosip_prereg"); var rs = c.createStatement().executeQuery(
                "SELECT count(*) FROM pg_tables WHERE schemaname = 'prereg' AND tablename LIKE '%_to_be_deleted'")) {
            rs.next();
            assertEquals(5, rs.getInt(1), "the leftover tables are still there");
        }
        try (var c = t.connect("mosip_authdevice")) {
            assertTrue(c.isValid(5), "mosip_authdevice is still there and open");
        }
        assertFalse(Files.exists(tmp.resolve("set/cleanup")), "nothing saved either");
        for (String db : dbs) {
            t.dropDatabase(db);
        }
    }

    private static String line(List<String> lines, String db) {
        return lines.stream().filter(l -> l.startsWith(db + " ")).findFirst().orElseThrow();
    }
}
