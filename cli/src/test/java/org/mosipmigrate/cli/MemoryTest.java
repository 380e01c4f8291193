package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.testkit.BigTableFixture;
import org.mosipmigrate.testkit.PgServers;

/** Memory must not grow with table size: 5 million rows back up and restore in a JVM capped at 256 MiB. */
@Tag("slow")
class MemoryTest {
    @TempDir
    Path tmp;

    @Test
    void fiveMillionRowsWithA256MiBHeap() throws Exception {
        var pair = PgServers.local();
        String db = "mem_big";
        pair.source().freshDatabase(db);
        BigTableFixture.create(pair.source(), db, "public", "big", 5_000_000);
        pair.target().dropDatabase(db);
        CliHarness h = new CliHarness(pair, tmp, List.of(db), "chunkSize: 64MiB\n");
        for (String command : List.of("backup", "restore")) {
            Path log = tmp.resolve(command + ".log");
            Process p = h.start(log, command); // started with -Xmx256m
            p.waitFor(10, TimeUnit.MINUTES);
            assertEquals(0, p.exitValue(), () -> command + ": " + read(log));
        }
        var manifest = ManifestStore.read(tmp.resolve("set"));
        assertEquals(5_000_000, manifest.databases().get(0).tables().get(0).rows());
        var src = CliHarness.contents(pair.source(), db);
        assertEquals(src, CliHarness.contents(pair.target(), db));
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "";
        }
    }
}
