package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.FaultProxy;
import org.mosipmigrate.testkit.S3Server;

/**
 * Every S3 server sits behind a {@link FaultProxy} that resets connections mid-request and mid-response:
 * object copy, backup and restore and the transfer of the set ride through on their retries (and resumed
 * reads), and verify then finds nothing lost; a key or file that always fails is reported by name, exit 3.
 */
class NetworkFaultsCliTest {
    @TempDir
    Path tmp;
    S3Server v2;
    S3Server v3;
    S3Server bs;
    FaultProxy pv2;
    FaultProxy pv3;
    FaultProxy pbs;
    final Map<String, String> env = new HashMap<>();

    /** A short backoff (the number of attempts stays as shipped). */
    static final Map<String, String> FAST_RETRIES = Map.of("mosip-migrate.retry.baseMillis", "20", "mosip-migrate.retry.maxMillis", "200");
    /** Fewer attempts too, so that exhausting the retries of a permanent failure takes seconds, not minutes. */
    static final Map<String, String> FEW_ATTEMPTS = Map.of("mosip-migrate.retry.attempts", "2", "mosip-migrate.objects.resumes", "2");

    @BeforeAll
    static void fastRetries() {
        FAST_RETRIES.forEach(System::setProperty);
    }

    @AfterAll
    static void normalRetries() {
        FAST_RETRIES.keySet().forEach(System::clearProperty);
    }

    @BeforeEach
    void start() throws Exception {
        v2 = S3Server.start(tmp.resolve("v2"));
        v3 = S3Server.start(tmp.resolve("v3"));
        bs = S3Server.start(tmp.resolve("bs"));
        pv2 = FaultProxy.start(v2.port());
        pv3 = FaultProxy.start(v3.port());
        pbs = FaultProxy.start(bs.port());
        env.putAll(Map.of("V2_K", v2.accessKey(), "V2_S", v2.secretKey(), "V3_K", v3.accessKey(), "V3_S", v3.secretKey(),
                "BS_K", bs.accessKey(), "BS_S", bs.secretKey()));
        try (ObjectStore s = open(bs, "BS_K", "BS_S")) {
            s.createBucket("sets");
        }
    }

    @AfterEach
    void stop() throws Exception {
        FEW_ATTEMPTS.keySet().forEach(System::clearProperty);
        for (AutoCloseable c : List.of(pv2, pv3, pbs, v2, v3, bs)) {
            c.close();
        }
    }

    ObjectStore open(S3Server s, String ak, String sk) {
        return ObjectStores.open(new ObjectStoreEndpoint("source", ObjectStoreEndpoint.Kind.S3, s.endpoint(), "us-east-1",
                new PasswordSource(PasswordSource.Kind.ENV, ak), new PasswordSource(PasswordSource.Kind.ENV, sk), null), env, 5L << 20, 4);
    }

    /** Objects of 1 to 40 KiB in 12 buckets, written straight to the V2 server (not through the proxy). */
    int seed(String... extraKeys) {
        Random r = new Random(11);
        int n = 0;
        try (ObjectStore s = open(v2, "V2_K", "V2_S")) {
            for (int i = 0; i < 12; i++) {
                String b = String.format("10001100011000%015d", i);
                s.createBucket(b);
                for (int j = 0; j < 6; j++) {
                    byte[] data = new byte[1024 + r.nextInt(40 * 1024)];
                    r.nextBytes(data);
                    s.put(b, b + "/packet-" + j + ".zip", new ByteArrayInputStream(data), data.length, "application/zip", Map.of("rid", b));
                    n++;
                }
            }
            for (String key : extraKeys) {
                s.put("10001100011000000000000000000", key, new ByteArrayInputStream(new byte[300]), 300, null, Map.of());
                n++;
            }
        }
        return n;
    }

    Path config(String name, Path set) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, "source:\n  objectStore: { type: minio, endpoint: " + pv2.endpoint() + ", accessKeyEnv: V2_K, secretKeyEnv: V2_S }\n"
                + "target:\n  objectStore: { type: s3, endpoint: " + pv3.endpoint() + ", accessKeyEnv: V3_K, secretKeyEnv: V3_S }\n"
                + "backupStore: { endpoint: " + pbs.endpoint() + ", accessKeyEnv: BS_K, secretKeyEnv: BS_S, partSize: 5MiB }\n"
                + "backupSet: " + set + "\nstateDir: " + tmp.resolve("state-" + name) + "\n"
                + "objects:\n  parallelism: 4\n  segmentSize: 256KiB\n");
        return f;
    }

    CliHarness.Run run(Path config, String... args) {
        return CliHarness.run(env, config, args);
    }

    @Test
    void copyBackupRestoreAndTransferRideThroughResetConnections() throws Exception {
        int n = seed();
        Path cfg = config("faults", tmp.resolve("set"));
        // every connection dies after 300 KiB (objects) or 400 KiB (set files, each smaller than that), wherever that falls
        pv2.cutEvery(1, 300 << 10);
        pv3.cutEvery(1, 300 << 10);
        pbs.cutEvery(1, 400 << 10);
        CliHarness.Run copy = run(cfg, "copy");
        assertEquals(0, copy.exit(), copy::toString);
        CliHarness.Run backup = run(cfg, "backup");
        assertEquals(0, backup.exit(), backup::toString);
        CliHarness.Run restore = run(cfg, "restore");
        assertEquals(0, restore.exit(), restore::toString);
        CliHarness.Run up = run(cfg, "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/faults");
        assertEquals(0, up.exit(), up::toString);
        CliHarness.Run down = run(cfg, "transfer", "--from", "s3://sets/faults", "--to", tmp.resolve("back").toString());
        assertEquals(0, down.exit(), down::toString);
        assertTrue(pv2.cuts() > 0 && pv3.cuts() > 0 && pbs.cuts() > 0,
                "cuts: v2 " + pv2.cuts() + ", v3 " + pv3.cuts() + ", backup store " + pbs.cuts());

        pv2.passThrough();
        pv3.passThrough();
        pbs.passThrough();
        CliHarness.Run verify = run(cfg, "verify", "--deep");
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.err().contains(n + " object(s), 0 difference(s)"), verify::toString);
        CliHarness.Run verifySet = run(config("back", tmp.resolve("back")), "verify", "--deep", "--no-source");
        assertEquals(0, verifySet.exit(), verifySet::toString);
        assertTrue(verifySet.err().contains(n + " object(s), 0 difference(s)"), verifySet::toString);
    }

    @Test
    void copyAndBackupRideThrough503SlowDownAndStalledConnections() throws Exception {
        int n = seed();
        Path cfg = config("slow", tmp.resolve("set-slow"));
        // every 3rd new connection gets S3's 503 SlowDown, every 5th waits 1.5 s before anything passes
        for (FaultProxy p : List.of(pv2, pv3)) {
            p.slowDownEvery(3).stallEvery(5, 1500);
        }
        CliHarness.Run copy = run(cfg, "copy");
        assertEquals(0, copy.exit(), copy::toString);
        CliHarness.Run backup = run(cfg, "backup", "--only", "objects");
        assertEquals(0, backup.exit(), backup::toString);
        assertTrue(pv2.slowDowns() + pv3.slowDowns() > 0 && pv2.stalls() + pv3.stalls() > 0,
                "503s: " + (pv2.slowDowns() + pv3.slowDowns()) + ", stalls: " + (pv2.stalls() + pv3.stalls()));
        pv2.passThrough();
        pv3.passThrough();
        CliHarness.Run verify = run(cfg, "verify", "--deep");
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.err().contains(n + " object(s), 0 difference(s)"), verify::toString);
    }

    @Test
    void anObjectOrFileThatAlwaysFailsIsReportedByName() throws Exception {
        FEW_ATTEMPTS.forEach(System::setProperty);
        seed("10001100011000000000000000000/poison-pill.zip");
        Path cfg = config("poison", tmp.resolve("set"));
        pv2.failRequestsContaining("poison-pill");
        CliHarness.Run copy = run(cfg, "copy");
        assertEquals(3, copy.exit(), copy::toString);
        assertTrue(copy.err().contains("poison-pill.zip"), copy::toString);
        CliHarness.Run backup = run(cfg, "backup");
        assertEquals(3, backup.exit(), backup::toString);
        assertTrue(backup.err().contains("poison-pill.zip"), backup::toString);

        pv2.passThrough();
        assertEquals(0, run(cfg, "backup").exit());
        pbs.failRequestsContaining("seg-000002.tar.zst");
        CliHarness.Run up = run(cfg, "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/poison");
        assertEquals(3, up.exit(), up::toString);
        assertTrue(up.err().contains("seg-000002.tar.zst"), up::toString);
        assertFalse(Files.exists(bs.dir().resolve("sets/poison/objects/manifest.json")), "an incomplete transfer has no manifest");
    }
}
