package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.testkit.MosipV2Fixture;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/**
 * kill -9 of the real CLI during {@code upgrade} (PostgreSQL 16, five MOSIP V2 databases) after 2, 6 and 12 recorded
 * steps, then the same command again: every database ends at 1.2.0.1, the schema check passes, and every table has the
 * row count of an upgrade that was never interrupted (each step commits whole or not at all).
 */
class UpgradeKillTest {
    static final List<String> DBS = List.of("mosip_regprc", "mosip_idrepo", "mosip_keymgr", "mosip_credential", "mosip_ida");

    @TempDir
    Path tmp;

    @Test
    void upgradeKilledAtThreePointsEndsLikeAnUninterruptedOne() throws Exception {
        var pair = PgServers.production();
        PgServer target = pair.target();
        CliHarness h = new CliHarness(pair, tmp, List.of("postgres"), "upgrade: { primaryLanguageCode: eng }\n");
        String[] upgrade = {"upgrade", "--databases", String.join(",", DBS)};

        fresh(target);
        CliHarness.Run clean = h.run(upgrade);
        assertEquals(0, clean.exit(), clean::toString);
        Map<String, Long> reference = rowCounts(target);

        for (int point : new int[] {2, 6, 12}) {
            fresh(target);
            Path log = tmp.resolve("upgrade-killed-" + point + ".log");
            Process p = h.start(log, upgrade);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (p.isAlive() && steps(target) < point && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            boolean killedMidRun = p.isAlive();
            p.destroyForcibly();
            p.waitFor(20, TimeUnit.SECONDS);
            assertTrue(killedMidRun, () -> "upgrade finished before " + point + " steps: " + read(log));
            long stepsAtKill = steps(target);
            assertTrue(stepsAtKill < reference.getOrDefault("steps", Long.MAX_VALUE), "killed before the end: " + stepsAtKill);

            CliHarness.Run rerun = h.run(upgrade);
            assertEquals(0, rerun.exit(), rerun::toString);
            CliHarness.Run schema = h.run("verify", "--schema", "1.2.0.1", "--databases", String.join(",", DBS), "--no-evidence");
            assertEquals(0, schema.exit(), schema::toString);
            assertEquals(reference, rowCounts(target), "killed after " + stepsAtKill + " steps: rows differ from an uninterrupted upgrade");
        }
    }

    private static void fresh(PgServer s) throws Exception {
        for (String db : DBS) {
            s.execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
        MosipV2Fixture.create(s, DBS, 200, 11L);
    }

    /** Successful steps recorded in every database's Flyway history so far (0 where there is none yet). */
    private static long steps(PgServer s) {
        long n = 0;
        for (String db : DBS) {
            try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(
                    "SELECT count(*) FROM mosip_migrate.flyway_schema_history WHERE success")) {
                rs.next();
                n += rs.getLong(1);
            } catch (Exception e) {
                // no history table yet
            }
        }
        return n;
    }

    /** Rows per table of every database, plus the number of recorded steps. */
    private static Map<String, Long> rowCounts(PgServer s) throws Exception {
        Map<String, Long> out = new TreeMap<>();
        for (String db : DBS) {
            try (Connection c = s.connect(db)) {
                for (var t : PgCatalog.listTables(c)) {
                    if (t.schema().equals("mosip_migrate")) {
                        continue;
                    }
                    try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM " + t.qualifiedName())) {
                        rs.next();
                        out.put(db + "." + t.qualifiedName(), rs.getLong(1));
                    }
                }
            }
        }
        out.put("steps", steps(s));
        return out;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
