package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/**
 * kill -9 of the real CLI process at several points of backup, restore and copy, then the same
 * command again: the result must equal the source exactly (no row lost, none duplicated).
 */
class KillResumeTest {
    static final String DB = "kill_src";
    static PgServers.Pair pair;

    @TempDir
    Path tmp;

    @BeforeAll
    static void seed() throws Exception {
        pair = PgServers.local();
        PgServer s = pair.source();
        s.freshDatabase(DB);
        s.execute(DB,
                "CREATE TABLE big (id bigint PRIMARY KEY, payload text, n numeric, at timestamptz)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 4), g * 1.5, now() - g * interval '1 second' FROM generate_series(1, 400000) g",
                "CREATE TABLE dup (a int, b text)",
                "INSERT INTO dup SELECT g % 100, 'v' || (g % 10) FROM generate_series(1, 50000) g",
                "CREATE INDEX big_n ON big(n)", "CREATE INDEX big_at ON big(at)",
                "CREATE SEQUENCE s1 INCREMENT BY 7 START 1000", "SELECT nextval('s1')", "SELECT nextval('s1')",
                "ANALYZE");
    }

    private CliHarness harness() throws Exception {
        pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        return new CliHarness(pair, tmp, List.of(DB), "chunkSize: 512KiB\n");
    }

    /** Starts the command, waits until progress() reaches threshold, kills -9, then finishes it in-process. */
    private void killThenResume(CliHarness h, String command, LongSupplier progress, long threshold) throws Exception {
        Process p = h.start(tmp.resolve(command + "-killed.log"), command);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && progress.getAsLong() < threshold && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        boolean killedMidRun = p.isAlive();
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
        assertTrue(killedMidRun, () -> command + " finished before the kill point " + threshold + ": " + log(tmp.resolve(command + "-killed.log")));
        CliHarness.Run rerun = h.run(command);
        assertEquals(0, rerun.exit(), rerun::toString);
    }

    private static String log(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log)";
        }
    }

    private static long doneLines(Path ledger) {
        try {
            return Files.exists(ledger) ? Files.readAllLines(ledger).stream().filter(l -> l.contains("\"DONE\"")).count() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    private void assertTargetEqualsSource() throws Exception {
        var src = CliHarness.contents(pair.source(), DB);
        assertEquals(src, CliHarness.contents(pair.target(), DB));
        try (Connection c = pair.target().connect(DB);
             ResultSet rs = c.createStatement().executeQuery("SELECT last_value, (SELECT count(*) FROM pg_indexes WHERE tablename = 'big') FROM s1")) {
            rs.next();
            assertEquals(1007, rs.getLong(1));
            assertEquals(3, rs.getLong(2));
        }
    }

    @Test
    void backupKilledAtThreePointsResumesToTheSameBackupSet() throws Exception {
        CliHarness h = harness();
        Path ledger = tmp.resolve("set/ledger/backup.jsonl");
        for (long point : new long[] {2, 15, 40}) {
            killThenResumeUnlessDone(h, "backup", () -> doneLines(ledger), point);
        }
        assertTrue(Files.exists(tmp.resolve("set/manifest.json")));
        CliHarness.Run restore = h.run("restore");
        assertEquals(0, restore.exit(), restore::toString);
        assertTargetEqualsSource();
    }

    /** Backup is fast; after the first resume finishes the set, later points restart from a fresh set. */
    private void killThenResumeUnlessDone(CliHarness h, String command, LongSupplier progress, long point) throws Exception {
        if (Files.exists(tmp.resolve("set/manifest.json"))) {
            deleteTree(tmp.resolve("set"));
        }
        killThenResume(h, command, progress, point);
    }

    @Test
    void restoreKilledAtThreePointsLoadsEveryRowOnce() throws Exception {
        CliHarness h = harness();
        assertEquals(0, h.run("backup").exit());
        for (long point : new long[] {1, 20, 60}) {
            pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            Files.deleteIfExists(tmp.resolve("set/ledger").resolve(
                    "restore-127.0.0.1-" + pair.target().port() + ".jsonl"));
            killThenResume(h, "restore", () -> CliHarness.loadedChunks(pair.target(), DB), point);
            assertTargetEqualsSource();
        }
    }

    @Test
    void copyKilledAtThreePointsCopiesEveryRowOnce() throws Exception {
        CliHarness h = harness();
        for (long point : new long[] {1, 20, 60}) {
            pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
            deleteTree(tmp.resolve("set"));
            killThenResume(h, "copy", () -> CliHarness.loadedChunks(pair.target(), DB), point);
            assertTargetEqualsSource();
        }
    }

    private static void deleteTree(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
