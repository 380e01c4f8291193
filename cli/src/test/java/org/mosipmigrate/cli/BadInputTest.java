package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.testkit.PgServers;

/** Each bad input: a clear message naming the item, a non-zero exit code, the source untouched. */
class BadInputTest {
    static final String DB = "bad_src";
    static PgServers.Pair pair;

    @TempDir
    Path tmp;

    @BeforeAll
    static void seed() throws Exception {
        pair = PgServers.local();
        pair.source().freshDatabase(DB);
        pair.source().execute(DB, "CREATE TABLE t (id int PRIMARY KEY, v text)",
                "INSERT INTO t SELECT g, md5(g::text) FROM generate_series(1, 20000) g");
    }

    private CliHarness backedUp() throws Exception {
        pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        CliHarness h = new CliHarness(pair, tmp, List.of(DB), null);
        CliHarness.Run b = h.run("backup");
        assertEquals(0, b.exit(), b::toString);
        return h;
    }

    private Path firstChunk() throws Exception {
        try (Stream<Path> s = Files.walk(tmp.resolve("set"))) {
            return s.filter(p -> p.toString().endsWith(".copy.zst")).findFirst().orElseThrow();
        }
    }

    private long targetRows() throws Exception {
        try (var c = pair.target().connect(DB); var rs = c.createStatement().executeQuery("SELECT count(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void corruptedChunkIsRefusedAndLoadsNothing() throws Exception {
        CliHarness h = backedUp();
        Path chunk = firstChunk();
        try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x5a);
        }
        CliHarness.Run r = h.run("restore");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains(chunk.getFileName().toString()), r::toString);
        // every file is checked before anything is written: the target database is not even created
        try (var c = pair.target().connect("postgres");
             var rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
            assertFalse(rs.next(), "nothing may be written for a corrupt backup set");
        }
    }

    @Test
    void truncatedChunkIsRefusedNamingTheFile() throws Exception {
        CliHarness h = backedUp();
        Path chunk = firstChunk();
        try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
            f.setLength(f.length() - 10);
        }
        CliHarness.Run r = h.run("restore");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains(chunk.getFileName().toString()) && r.err().contains("truncated"), r::toString);
    }

    @Test
    void missingManifestSaysTheBackupDidNotFinish() throws Exception {
        CliHarness h = backedUp();
        Files.delete(tmp.resolve("set/manifest.json"));
        CliHarness.Run r = h.run("restore");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("manifest.json") && r.err().contains("run `mosip-migrate backup`"), r::toString);
    }

    @Test
    void manifestOfAnUnknownFormatVersionIsRefusedBeforeAnyWrite() throws Exception {
        CliHarness h = backedUp();
        Path manifest = tmp.resolve("set/manifest.json");
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"formatVersion\"\\s*:\\s*\\d+", "\"formatVersion\" : 99"));
        CliHarness.Run r = h.run("restore");
        assertTrue(r.exit() == 3 || r.exit() == 2, r::toString);
        assertTrue(r.err().contains("format version 99"), r::toString);
        try (java.sql.Connection c = pair.target().connect("postgres");
             java.sql.ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
            assertTrue(!rs.next(), "nothing was created on the target");
        }
    }

    @Test
    void nonEmptyTargetIsRefusedUnlessClean() throws Exception {
        CliHarness h = backedUp();
        pair.target().execute("postgres", "CREATE DATABASE " + DB);
        pair.target().execute(DB, "CREATE TABLE precious (x int)", "INSERT INTO precious VALUES (42)");
        CliHarness.Run r = h.run("restore");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("target database " + DB) && r.err().contains("--clean"), r::toString);
        try (var c = pair.target().connect(DB); var rs = c.createStatement().executeQuery("SELECT x FROM precious")) {
            assertTrue(rs.next());
        }
        CliHarness.Run clean = h.run("restore", "--clean");
        assertEquals(0, clean.exit(), clean::toString);
        assertEquals(20000, targetRows());
    }

    @Test
    void wrongPasswordFailsWithoutPrintingIt() throws Exception {
        CliHarness h = new CliHarness(pair, tmp, List.of(DB), null);
        h.env.put("MM_V2_PW", "definitely-wrong-secret");
        CliHarness.Run r = h.run("backup");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("authentication failed for source PostgreSQL"), r::toString);
        assertFalse(r.out().contains("definitely-wrong-secret") || r.err().contains("definitely-wrong-secret"));
        assertFalse(r.err().contains(pair.source().password()));
    }

    @Test
    void unreachableServerIsNamed() throws Exception {
        Path cfg = tmp.resolve("unreachable.yaml");
        Files.writeString(cfg, "source:\n  postgres: { host: 127.0.0.1, port: 1, databases: [x] }\nbackupSet: " + tmp.resolve("s") + "\n");
        CliHarness h = new CliHarness(pair, tmp, List.of(DB), null);
        CliHarness.Run r = runWith(h, cfg, "backup");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("cannot connect to source PostgreSQL postgres@127.0.0.1:1"), r::toString);
    }

    @Test
    void configErrorsNameTheKeyAndLine() throws Exception {
        CliHarness h = new CliHarness(pair, tmp, List.of(DB), null);
        Path cfg = tmp.resolve("typo.yaml");
        Files.writeString(cfg, "source:\n  postgres:\n    host: 127.0.0.1\n    hots: x\n");
        CliHarness.Run r = runWith(h, cfg, "backup");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("typo.yaml:4: unknown key 'source.postgres.hots'"), r::toString);

        Files.writeString(cfg, "source:\n  postgres:\n    password: hunter2\n");
        r = runWith(h, cfg, "backup");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("plain passwords are not accepted"), r::toString);
        assertFalse(r.err().contains("hunter2"));

        Files.writeString(cfg, "source:\n  postgres:\n    passwordEnv: NOT_SET_ANYWHERE_123\n");
        r = runWith(h, cfg, "backup");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("typo.yaml:3") && r.err().contains("NOT_SET_ANYWHERE_123"), r::toString);

        Files.writeString(cfg, "parallelism: lots\n");
        r = runWith(h, cfg, "backup");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("typo.yaml:1: key 'parallelism'"), r::toString);
    }

    @Test
    void sameServerOnBothSidesIsRefused() throws Exception {
        CliHarness h = new CliHarness(new PgServers.Pair("same", pair.source(), pair.source()), tmp, List.of(DB), null);
        CliHarness.Run r = h.run("copy");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("same server"), r::toString);
    }

    @Test
    void targetOlderThanSourceIsRefused() throws Exception {
        var prod = PgServers.production();
        prod.target().freshDatabase("newer_src");
        CliHarness h = new CliHarness(new PgServers.Pair("16->12", prod.target(), prod.source()), tmp, List.of("newer_src"), null);
        CliHarness.Run r = h.run("copy");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("target PostgreSQL 12 is older than the source's 16"), r::toString);
    }

    private static CliHarness.Run runWith(CliHarness h, Path cfg, String command) {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var cl = Main.commandLine(h.env);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        int exit = cl.execute(command, "--config", cfg.toString());
        return new CliHarness.Run(exit, out.toString(), err.toString());
    }
}
