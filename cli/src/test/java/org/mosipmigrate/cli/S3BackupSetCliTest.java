package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.set.store.SetLocation;

/**
 * {@code backupSet: s3://...}: backup writes the set through its spool (data files uploaded as they are
 * finished, manifests last), restore and verify read it from S3; a damaged file on S3 is found before
 * anything is restored; a killed backup resumes without uploading finished files again.
 */
class S3BackupSetCliTest {
    static final String LOCATION = "s3://sets/run-1";

    @TempDir
    Path tmp;
    SetOnS3Fixture f;
    Path config;
    Path spool;

    /** {@code rows} of source data: chunks of 128 KiB hold about 1,500 rows each. */
    void start(int rows) throws Exception {
        f = new SetOnS3Fixture(tmp, "s3set_src", rows);
        config = f.config("s3", LOCATION, "");
        spool = tmp.resolve("spool").resolve(SetLocation.parse(LOCATION, tmp, "test").tag());
    }

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    private List<Path> spoolFiles() throws Exception {
        try (Stream<Path> s = Files.walk(spool)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static boolean dataFile(Path p) {
        String n = p.getFileName().toString();
        return n.endsWith(".copy.zst") || n.startsWith("schema.dump") || n.matches("seg-\\d+\\.tar\\.zst(\\.enc)?");
    }

    @Test
    void backupGoesToS3AndRestoreAndVerifyReadItFromThere() throws Exception {
        start(15000);
        int objects = f.seedObjects(4, 3, 6 << 20);
        CliHarness.Run backup = f.run(config, "backup");
        assertEquals(0, backup.exit(), backup::toString);
        assertTrue(Files.isRegularFile(f.stored("run-1/manifest.json")) && Files.isRegularFile(f.stored("run-1/objects/manifest.json")), backup::toString);
        assertTrue(Files.isRegularFile(f.stored("run-1/db/001-s3set_src/schema.dump")));
        assertTrue(spoolFiles().stream().noneMatch(S3BackupSetCliTest::dataFile), "data files leave the spool once uploaded: " + spoolFiles());

        CliHarness.Run check = f.run(config, "verify", "--set-only");
        assertEquals(0, check.exit(), check::toString);
        assertTrue(check.out().contains("PASSED"), check::toString);
        CliHarness.Run restore = f.run(config, "restore");
        assertEquals(0, restore.exit(), restore::toString);
        assertTrue(restore.out().contains("restored:") && restore.out().contains(String.valueOf(objects)), restore::toString);
        assertEquals(CliHarness.contents(f.pair.source(), f.db), CliHarness.contents(f.pair.target(), f.db));
        CliHarness.Run verify = f.run(config, "verify", "--deep");
        assertEquals(0, verify.exit(), verify::toString);
        CliHarness.Run verifySet = f.run(config, "verify", "--no-source", "--deep");
        assertEquals(0, verifySet.exit(), verifySet::toString);
        assertTrue(spoolFiles().stream().noneMatch(S3BackupSetCliTest::dataFile), "fetched files are removed after the restore: " + spoolFiles());

        CliHarness.Run again = f.run(config, "backup", "--only", "db");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.err().contains("already complete"), again::toString);
        for (CliHarness.Run r : List.of(backup, check, restore, verify, again)) {
            assertFalse((r.out() + r.err()).contains(f.bs.secretKey()), "no secret in output");
        }
    }

    @Test
    void aDamagedFileOnS3IsFoundBeforeRestoreWritesAnything() throws Exception {
        start(5000);
        CliHarness.Run backup = f.run(config, "backup", "--only", "db");
        assertEquals(0, backup.exit(), backup::toString);
        Path chunk;
        try (Stream<Path> s = Files.walk(f.stored("run-1/db"))) {
            chunk = s.filter(p -> p.getFileName().toString().equals("0001.copy.zst")).findFirst().orElseThrow();
        }
        try (RandomAccessFile raf = new RandomAccessFile(chunk.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x20);
        }
        String name = f.stored("run-1").relativize(chunk).toString();
        CliHarness.Run check = f.run(config, "verify", "--set-only");
        assertEquals(1, check.exit(), check::toString);
        assertTrue(check.out().contains("BAD") && check.out().contains(name), check::toString);
        CliHarness.Run restore = f.run(config, "restore", "--only", "db");
        assertEquals(3, restore.exit(), restore::toString);
        assertTrue(restore.err().contains(name) && restore.err().contains(LOCATION), restore::toString);
        try (var c = f.pair.target().connect("postgres");
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_database WHERE datname = '" + f.db + "'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "nothing may be restored from a damaged set");
        }
    }

    @Test
    void aKilledBackupResumesWithoutUploadingFinishedFilesAgain() throws Exception {
        start(60000);
        Path uploads = spool.resolve("ledger/spool-uploads.jsonl");
        Process p = f.start(config, tmp.resolve("killed.log"), "backup", "--only", "db");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && uploadsOf(uploads).size() < 6 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), () -> "the backup finished before the kill: " + ObjectsCliTest.read(tmp.resolve("killed.log")));
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
        Map<String, Integer> before = uploadsOf(uploads);
        assertFalse(Files.exists(f.stored("run-1/manifest.json")), "a killed backup leaves no manifest on S3");
        CliHarness.Run rerun = f.run(config, "backup", "--only", "db");
        assertEquals(0, rerun.exit(), rerun::toString);
        Map<String, Integer> after = uploadsOf(uploads);
        for (var e : before.entrySet()) {
            assertEquals(e.getValue(), after.get(e.getKey()), "uploaded again after the kill: " + e.getKey());
        }
        assertTrue(after.size() > before.size(), "the rerun uploaded the rest");
        CliHarness.Run restore = f.run(config, "restore", "--only", "db");
        assertEquals(0, restore.exit(), restore::toString);
        assertEquals(CliHarness.contents(f.pair.source(), f.db), CliHarness.contents(f.pair.target(), f.db));
    }

    /** How often each file was recorded as uploaded (whole lines only). */
    private static Map<String, Integer> uploadsOf(Path ledger) throws Exception {
        Map<String, Integer> n = new HashMap<>();
        if (!Files.exists(ledger)) {
            return n;
        }
        for (String line : Files.readAllLines(ledger)) {
            if (line.endsWith("}") && line.contains("\"step\":\"file/")) {
                n.merge(line.replaceAll(".*\"step\":\"file/([^\"]+)\".*", "$1"), 1, Integer::sum);
            }
        }
        return n;
    }
}
