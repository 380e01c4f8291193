package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.run.Throttle;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;
import picocli.CommandLine;

/**
 * --max-rate and --max-requests against real servers: the run takes at least as long as the limits demand (it never
 * reads faster), the data still arrives whole, and a bad limit is a usage error. The benchmark measures the upper side.
 */
class ThrottleTest {
    @TempDir
    Path tmp;

    @AfterEach
    void unlimit() {
        Throttle.limitSource(Throttle.NONE); // the limit is per process; in-process runs share it
    }

    @Test
    void backupReadsTheSourceNoFasterThanMaxRate() throws Exception {
        var pair = PgServers.local();
        String db = "throttle_src";
        pair.source().freshDatabase(db);
        pair.source().execute(db, "CREATE TABLE t (id int PRIMARY KEY, payload text)",
                "INSERT INTO t SELECT g, repeat(md5(g::text), 2) FROM generate_series(1, 40000) g", "ANALYZE");
        CliHarness h = new CliHarness(pair, tmp, List.of(db), "chunkSize: 1MiB\nfingerprintAtBackup: false\n");
        long rate = 512L << 10;
        long free0 = System.nanoTime();
        assertEquals(0, h.run("backup").exit());
        double unlimited = (System.nanoTime() - free0) / 1e9;
        deleteTree(tmp.resolve("set"));

        long t0 = System.nanoTime();
        CliHarness.Run r = h.run("backup", "--json", "--max-rate", "512KiB");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.exit(), r::toString);
        JsonNode result = Json.MAPPER.readTree(r.out().substring(r.out().indexOf('{')));
        long raw = result.get("rawBytes").asLong();
        assertTrue(raw > 2 * rate, "enough data to measure: " + raw);
        // RateLimiter lets the first read through at once and makes the next ones pay for it
        double least = (raw - rate) / (double) rate;
        assertTrue(unlimited < least, String.format("the check can tell: unlimited %.2fs vs at least %.2fs limited", unlimited, least));
        assertTrue(seconds >= least * 0.95, String.format("%d bytes in %.2fs: faster than 512KiB/s", raw, seconds));
        assertTrue(r.err().contains("source limits: 524288 bytes/s"), r.err());

        pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        assertEquals(0, h.run("restore").exit());
        assertEquals(CliHarness.contents(pair.source(), db), CliHarness.contents(pair.target(), db), "throttled, not changed");
    }

    @Test
    void objectCopyHonoursMaxRateAndMaxRequests() throws Exception {
        try (S3Server v2 = S3Server.start(tmp.resolve("v2")); S3Server v3 = S3Server.start(tmp.resolve("v3"))) {
            Map<String, String> env = new HashMap<>(Map.of("V2_S3_KEY", v2.accessKey(), "V2_S3_SECRET", v2.secretKey(),
                    "V3_S3_KEY", v3.accessKey(), "V3_S3_SECRET", v3.secretKey()));
            int objects = 24;
            int size = 96 * 1024;
            try (ObjectStore src = ObjectStores.open(new ObjectStoreEndpoint("source", ObjectStoreEndpoint.Kind.S3, v2.endpoint(), "us-east-1",
                    new PasswordSource(PasswordSource.Kind.ENV, "V2_S3_KEY"), new PasswordSource(PasswordSource.Kind.ENV, "V2_S3_SECRET"), null),
                    env, 5L << 20, 4)) {
                src.createBucket("packets");
                for (int i = 0; i < objects; i++) {
                    byte[] data = new byte[size];
                    new java.util.Random(i).nextBytes(data);
                    src.put("packets", "rid-" + i + ".zip", new ByteArrayInputStream(data), size, "application/zip", Map.of("n", "" + i));
                }
            }
            Path config = tmp.resolve("objects.yaml");
            Files.writeString(config, "source:\n  objectStore: { type: minio, endpoint: " + v2.endpoint()
                    + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET, buckets: [\"*\"] }\n"
                    + "target:\n  objectStore: { type: s3, endpoint: " + v3.endpoint() + ", accessKeyEnv: V3_S3_KEY, secretKeyEnv: V3_S3_SECRET }\n"
                    + "backupSet: " + tmp.resolve("set") + "\nobjects:\n  parallelism: 4\n");

            long bytes = (long) objects * size; // 2.25 MiB at 512 KiB/s: at least ~3.5 s
            long t0 = System.nanoTime();
            int exit = run(env, config, "copy", "--max-rate", "512KiB");
            double seconds = (System.nanoTime() - t0) / 1e9;
            assertEquals(0, exit);
            assertTrue(seconds >= (bytes - size) / (512.0 * 1024) * 0.95, String.format("%.2fs for %d bytes: faster than 512KiB/s", seconds, bytes));
            assertEquals(0, run(env, config, "verify", "--deep"), "everything arrived");

            // a fresh target: at least one request per object (GET) at 8 requests/s: at least ~3 s
            Files.writeString(config, Files.readString(config).replace(v3.endpoint(), "http://127.0.0.1:1").replace("backupSet: " + tmp.resolve("set"),
                    "backupSet: " + tmp.resolve("set2")));
            try (S3Server v3b = S3Server.start(tmp.resolve("v3b"))) {
                env.put("V3_S3_KEY", v3b.accessKey());
                env.put("V3_S3_SECRET", v3b.secretKey());
                Files.writeString(config, Files.readString(config).replace("http://127.0.0.1:1", v3b.endpoint()));
                t0 = System.nanoTime();
                assertEquals(0, run(env, config, "copy", "--max-requests", "8"));
                seconds = (System.nanoTime() - t0) / 1e9;
                assertTrue(seconds >= (objects - 1) / 8.0 * 0.95, String.format("%.2fs for %d objects: more than 8 requests/s", seconds, objects));
            }
            assertEquals(2, run(env, config, "copy", "--max-rate", "fast"), "a bad limit is a usage error");
        }
    }

    private static void deleteTree(Path p) throws Exception {
        try (var files = Files.walk(p)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    private static int run(Map<String, String> env, Path config, String... args) {
        CommandLine cl = Main.commandLine(env);
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(new StringWriter(), true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", config.toString()));
        return cl.execute(all.toArray(String[]::new));
    }
}
