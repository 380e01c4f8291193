package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.testkit.PgServers;

/**
 * The backup set's filesystem fills up mid-backup (a 3 MiB tmpfs the test mounts): a clear error naming the chunk and
 * "No space left on device", exit 3, no partial chunk left behind; after the filesystem grows, the same command finishes
 * and the restore is identical to the source. Needs root (mount); skipped with the reason otherwise.
 */
class DiskFullTest {
    @TempDir
    Path tmp;

    @Test
    void aFullDiskStopsTheBackupCleanlyAndARerunAfterFreeingSpaceFinishes() throws Exception {
        Path fs = tmp.resolve("small-fs");
        Files.createDirectories(fs);
        Assumptions.assumeTrue(sh("mount", "-t", "tmpfs", "-o", "size=3m,mode=0700", "tmpfs", fs.toString()) == 0,
                "cannot mount a tmpfs here (needs root with CAP_SYS_ADMIN): the disk-full test needs a small filesystem of its own");
        try {
            var pair = PgServers.local();
            String db = "diskfull_src";
            pair.source().freshDatabase(db);
            // md5 text compresses about 2:1, so ~9 MB of rows cannot fit into 3 MiB of backup set
            pair.source().execute(db, "CREATE TABLE t (id int PRIMARY KEY, a text, b text, c text)",
                    "INSERT INTO t SELECT g, md5(g::text), md5((g * 7)::text), md5((g * 13)::text) FROM generate_series(1, 80000) g", "ANALYZE");
            CliHarness h = new CliHarness(pair, tmp, List.of(db), "chunkSize: 1MiB\n");
            Files.writeString(h.config, Files.readString(h.config).replace("backupSet: " + tmp.resolve("set"), "backupSet: " + fs.resolve("set")));

            CliHarness.Run full = h.run("backup");
            assertEquals(3, full.exit(), full::toString);
            assertTrue(full.err().contains("No space left on device") && full.err().contains("chunk"), full::toString);
            try (var files = Files.walk(fs)) {
                List<Path> partial = files.filter(p -> p.getFileName().toString().contains(".partial")
                        || p.getFileName().toString().endsWith(".tmp")).toList();
                assertEquals(List.of(), partial, "the partial chunk was discarded");
            }

            assertEquals(0, sh("mount", "-o", "remount,size=64m", fs.toString()), "grow the filesystem");
            CliHarness.Run rerun = h.run("backup");
            assertEquals(0, rerun.exit(), rerun::toString);
            assertTrue(rerun.out().contains("chunksSkipped") || rerun.out().contains("skipped"), rerun::toString);
            pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            CliHarness.Run restore = h.run("restore");
            assertEquals(0, restore.exit(), restore::toString);
            assertEquals(CliHarness.contents(pair.source(), db), CliHarness.contents(pair.target(), db));
        } finally {
            sh("umount", "-l", fs.toString());
        }
    }

    private static int sh(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
