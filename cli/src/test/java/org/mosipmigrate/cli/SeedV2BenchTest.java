package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.seed.V2Seeder;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;

/**
 * The size goal: seed-v2 --residents 10000 (databases on PostgreSQL 12 and packets in S3Proxy), then preflight
 * on the result. Tagged bench (not in the default suite): run with
 * {@code mvn test -pl cli -Dtest=SeedV2BenchTest -DexcludedGroups= -Dresidents=10000}. Prints the phases' timings.
 */
@Tag("bench")
class SeedV2BenchTest {
    @TempDir
    Path tmp;

    @Test
    void tenThousandResidents() throws Exception {
        String residents = System.getProperty("residents", "10000");
        var pair = PgServers.production();
        PreflightTest.dropSeedDatabases(pair.source());
        try (S3Server s3 = S3Server.start(tmp.resolve("s3"))) {
            CliHarness h = new CliHarness(pair, tmp, V2Seeder.DEFAULT_DATABASES, "objects: { parallelism: " + System.getProperty("objectsParallelism", "8")
                    + " }\n");
            java.nio.file.Files.writeString(h.config, java.nio.file.Files.readString(h.config).replace("source:\n", "source:\n  objectStore: { type: minio, endpoint: "
                    + s3.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET }\n"));
            h.env.putAll(Map.of("V2_S3_KEY", s3.accessKey(), "V2_S3_SECRET", s3.secretKey()));
            long t0 = System.nanoTime();
            CliHarness.Run db = h.run("seed-v2", "--residents", residents, "--defects", "--only", "db");
            double dbSeconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, db.exit(), db::toString);
            System.err.printf("seed-v2 %s residents: databases %.1f s%n%s", residents, dbSeconds, db.out());
            long t1 = System.nanoTime();
            CliHarness.Run objects = h.run("seed-v2", "--residents", residents, "--only", "objects");
            double objectSeconds = (System.nanoTime() - t1) / 1e9;
            assertEquals(0, objects.exit(), objects::toString);
            System.err.printf("packets %.1f s: %s%n", objectSeconds, objects.out().strip());
            long t2 = System.nanoTime();
            CliHarness.Run pf = h.run("preflight");
            double preflightSeconds = (System.nanoTime() - t2) / 1e9;
            assertEquals(1, pf.exit(), pf::toString);
            System.err.printf("preflight %.1f s%n%s", preflightSeconds, pf.out());
            assertTrue(dbSeconds < 60, "databases took " + dbSeconds + " s");
        }
    }
}
