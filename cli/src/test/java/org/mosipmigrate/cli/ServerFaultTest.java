package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.testkit.LocalPgServer;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/**
 * The servers misbehave while a run is going: backends killed mid-COPY (pg_terminate_backend) and the
 * target restarted. Transient failures are retried with backoff, and the run ends complete and exact.
 */
class ServerFaultTest {
    static final String DB = "fault_src";
    static PgServers.Pair pair;

    @TempDir
    Path tmp;

    @BeforeAll
    static void seed() throws Exception {
        pair = PgServers.local();
        pair.source().freshDatabase(DB);
        pair.source().execute(DB,
                "CREATE TABLE big (id bigint PRIMARY KEY, payload text)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 6) FROM generate_series(1, 400000) g",
                "ANALYZE");
    }

    private static int terminateCopies(PgServer s) {
        try (Connection c = s.connect("postgres"); ResultSet rs = c.createStatement().executeQuery(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'mosip-migrate' "
                        + "AND query LIKE 'COPY%' AND state = 'active'")) {
            rs.next();
            return rs.getInt(1);
        } catch (Exception e) {
            return 0;
        }
    }

    private CliHarness harness() throws Exception {
        pair.target().dropDatabase(DB);
        return new CliHarness(pair, tmp, List.of(DB), "chunkSize: 512KiB\nfingerprintAtBackup: false\n");
    }

    /** Runs the command in the background and kills COPY backends on {@code victim} until it has done so {@code kills} times. */
    private CliHarness.Run runWhileKillingCopies(CliHarness h, String command, PgServer victim, int kills) throws Exception {
        CompletableFuture<CliHarness.Run> run = CompletableFuture.supplyAsync(() -> h.run(command));
        int killed = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (killed < kills && !run.isDone() && System.nanoTime() < deadline) {
            killed += terminateCopies(victim);
            Thread.sleep(killed == 0 ? 2 : 150);
        }
        CliHarness.Run r = run.get(5, TimeUnit.MINUTES);
        assertTrue(killed >= 1, "no COPY was caught in flight: " + r);
        return r;
    }

    @Test
    void restoreSurvivesTargetBackendsKilledMidCopy() throws Exception {
        CliHarness h = harness();
        assertEquals(0, h.run("backup").exit());
        CliHarness.Run r = runWhileKillingCopies(h, "restore", pair.target(), 3);
        assertEquals(0, r.exit(), r::toString);
        assertTrue(r.err().contains("transient failure"), r::toString);
        assertEquals(CliHarness.contents(pair.source(), DB), CliHarness.contents(pair.target(), DB));
    }

    @Test
    void copySurvivesSourceBackendsKilledMidCopy() throws Exception {
        CliHarness h = harness();
        CliHarness.Run r = runWhileKillingCopies(h, "copy", pair.source(), 3);
        assertEquals(0, r.exit(), r::toString);
        assertEquals(CliHarness.contents(pair.source(), DB), CliHarness.contents(pair.target(), DB));
    }

    @Test
    void restoreSurvivesATargetRestart() throws Exception {
        CliHarness h = harness();
        assertEquals(0, h.run("backup").exit());
        CompletableFuture<CliHarness.Run> run = CompletableFuture.supplyAsync(() -> h.run("restore"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (CliHarness.loadedChunks(pair.target(), DB) < 5 && !run.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(!run.isDone(), "restore finished before the restart");
        ((LocalPgServer) pair.target()).restart();
        CliHarness.Run r = run.get(5, TimeUnit.MINUTES);
        assertEquals(0, r.exit(), r::toString);
        assertEquals(CliHarness.contents(pair.source(), DB), CliHarness.contents(pair.target(), DB));
    }
}
