package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.S3Server;
import picocli.CommandLine;

/**
 * The object part of the real CLI against two real S3 servers: copy, backup -> restore, verify (exit 1
 * naming the key), kill -9 mid-run then resume, bad credentials and a missing bucket.
 */
class ObjectsCliTest {
    @TempDir
    Path tmp;
    S3Server v2;
    S3Server v3;
    ObjectStore src;
    ObjectStore dst;
    final Map<String, String> env = new HashMap<>();
    Path config;

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    @BeforeEach
    void start() throws Exception {
        v2 = S3Server.start(tmp.resolve("v2"));
        v3 = S3Server.start(tmp.resolve("v3"));
        env.put("V2_S3_KEY", v2.accessKey());
        env.put("V2_S3_SECRET", v2.secretKey());
        env.put("V3_S3_KEY", v3.accessKey());
        env.put("V3_S3_SECRET", v3.secretKey());
        src = open("source", ObjectStoreEndpoint.Kind.MINIO, v2, "V2");
        dst = open("target", ObjectStoreEndpoint.Kind.S3, v3, "V3");
        config = writeConfig("");
    }

    @AfterEach
    void stop() throws Exception {
        src.close();
        dst.close();
        v2.close();
        v3.close();
    }

    ObjectStore open(String role, ObjectStoreEndpoint.Kind kind, S3Server s, String prefix) {
        return ObjectStores.open(new ObjectStoreEndpoint(role, kind, s.endpoint(), "us-east-1", new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_KEY"),
                new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_SECRET"), null), env, 5L << 20, 8);
    }

    Path writeConfig(String extra) throws Exception {
        Path f = tmp.resolve("migration.yaml");
        Files.writeString(f, "source:\n  objectStore: { type: minio, endpoint: " + v2.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET, buckets: [\"*\"] }\n"
                + "target:\n  objectStore: { type: s3, endpoint: " + v3.endpoint() + ", accessKeyEnv: V3_S3_KEY, secretKeyEnv: V3_S3_SECRET }\n"
                + "backupSet: " + tmp.resolve("set") + "\nobjects:\n  parallelism: 4\n  partSize: 5MiB\n  segmentSize: 256KiB\n" + extra);
        return f;
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine(env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }

    Process start(Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--config", config.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    /** {@code rids} bucket-per-RID buckets of {@code per} objects, plus Tags/ objects with Unicode metadata. */
    int seed(int rids, int per) {
        int n = 0;
        for (int i = 0; i < rids; i++) {
            String b = String.format("10001100011000%015d", i);
            src.createBucket(b);
            for (int j = 0; j < per; j++) {
                byte[] data = ("packet " + i + "/" + j + " ").repeat(20 + j).getBytes(StandardCharsets.UTF_8);
                src.put(b, b + "/obj " + j + ".zip", new java.io.ByteArrayInputStream(data), data.length, "application/zip", Map.of("rid", b, "who", "Zoë 数据"));
                n++;
            }
            src.put(b, "Tags/" + b + "/PROCESS", new java.io.ByteArrayInputStream(new byte[] {'N'}), 1, null, Map.of());
            n++;
        }
        return n;
    }

    static long lines(Path p) {
        try {
            return Files.exists(p) ? Files.readAllLines(p).stream().filter(l -> l.endsWith("}")).count() : 0;
        } catch (Exception e) {
            return 0;
        }
    }

    @Test
    void copyThenVerifyAndVerifyFindsAChangedByte() throws Exception {
        seed(5, 3);
        Run copy = run("copy");
        assertEquals(0, copy.exit(), copy::toString);
        assertTrue(copy.out().contains("copied:"), copy::toString);
        Run verify = run("verify", "--deep");
        assertEquals(0, verify.exit(), verify::toString);
        String b = String.format("10001100011000%015d", 2);
        byte[] data = "tampered".getBytes(StandardCharsets.UTF_8);
        dst.put(b, b + "/obj 1.zip", new java.io.ByteArrayInputStream(data), data.length, "application/zip", Map.of("rid", b, "who", "Zoë 数据"));
        Run bad = run("verify", "--only", "objects");
        assertEquals(1, bad.exit(), bad::toString);
        assertTrue(bad.out().contains(b + "/" + b + "/obj 1.zip"), bad::toString);
        Run again = run("copy");
        assertTrue(again.out().contains("skipped:"), again::toString);
        assertFalse((copy.out() + copy.err() + verify.out() + verify.err()).contains(v3.secretKey()));
    }

    @Test
    void backupThenRestoreThenVerifyAgainstSetAndSource() throws Exception {
        int n = seed(6, 4);
        Run backup = run("backup", "--only", "objects");
        assertEquals(0, backup.exit(), backup::toString);
        Run restore = run("restore");
        assertEquals(0, restore.exit(), restore::toString);
        Run vsrc = run("verify", "--deep");
        assertEquals(0, vsrc.exit(), vsrc::toString);
        Run vset = run("verify", "--deep", "--no-source");
        assertEquals(0, vset.exit(), vset::toString);
        assertTrue(vset.out().contains(n + " object(s)"), vset::toString);
        try (var files = Files.walk(tmp.resolve("set"))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(v2.secretKey()) || content.contains(v2.accessKey()), "secret in " + p);
            }
        }
    }

    @Test
    void aDamagedSegmentIsFoundBySetCheckAndStopsRestoreBeforeAnyWrite() throws Exception {
        seed(3, 2);
        assertEquals(0, run("backup", "--only", "objects").exit());
        Path segment;
        try (var files = Files.walk(tmp.resolve("set"))) {
            segment = files.filter(p -> p.getFileName().toString().contains(".tar.zst")).findFirst().orElseThrow();
        }
        try (var f = new java.io.RandomAccessFile(segment.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x40);
        }
        Run check = run("verify", "--set-only");
        assertEquals(1, check.exit(), check::toString);
        assertTrue(check.out().contains("BAD") && check.out().contains(segment.getFileName().toString()), check::toString);
        Run restore = run("restore");
        assertEquals(3, restore.exit(), restore::toString);
        assertTrue(restore.err().contains(segment.getFileName().toString()), restore::toString);
        assertFalse(dst.listBuckets().iterator().hasNext(), "nothing may be written to the target");
    }

    @Test
    void copyKilledMidRunResumesWithoutLosingOrResendingObjects() throws Exception {
        int n = seed(150, 10);
        Path ledger = tmp.resolve("set/copy-state/ledger/objects-copy-127.0.0.1-" + v3.port() + ".jsonl");
        Process p = start(tmp.resolve("copy-killed.log"), "copy");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && lines(ledger) < n / 4 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), () -> "copy finished before the kill: " + read(tmp.resolve("copy-killed.log")));
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
        long before = lines(ledger);
        assertTrue(before > 0 && before < n, "killed after " + before + " of " + n);
        Run rerun = run("copy");
        assertEquals(0, rerun.exit(), rerun::toString);
        assertTrue(rerun.out().matches("(?s).*skipped:\\s+" + before + "\\b.*"), () -> "finished objects are not sent again: " + before + "\n" + rerun);
        Set<String> keys = new HashSet<>();
        for (String l : Files.readAllLines(ledger)) {
            if (l.endsWith("}")) {
                assertTrue(keys.add(l.replaceAll(".*\"b\":\"([^\"]*)\",\"k\":\"([^\"]*)\".*", "$1/$2")), "recorded twice: " + l);
            }
        }
        assertEquals(n, keys.size());
        Run verify = run("verify", "--deep");
        assertEquals(0, verify.exit(), verify::toString);
    }

    @Test
    void backupKilledMidRunResumesToACompleteSetWithoutDuplicates() throws Exception {
        int n = seed(150, 10);
        Path ledger = tmp.resolve("set/ledger/objects-backup.jsonl");
        Process p = start(tmp.resolve("backup-killed.log"), "backup");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && lines(ledger) < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), () -> "backup finished before the kill: " + read(tmp.resolve("backup-killed.log")));
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
        Run rerun = run("backup");
        assertEquals(0, rerun.exit(), rerun::toString);
        var m = org.mosipmigrate.objects.ObjectsManifest.read(tmp.resolve("set"));
        assertEquals(n, m.objects());
        assertEquals(n, m.segments().stream().mapToLong(s -> s.objects()).sum(), "no object is stored twice");
        Run restore = run("restore");
        assertEquals(0, restore.exit(), restore::toString);
        Run verify = run("verify", "--deep");
        assertEquals(0, verify.exit(), verify::toString);
    }

    @Test
    void badCredentialsAndMissingBucketAreClearErrors() throws Exception {
        seed(1, 1);
        env.put("V2_S3_SECRET", "wrong");
        Run bad = run("copy");
        assertEquals(3, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("refused the credentials") && bad.err().contains("accessKeyEnv"), bad::toString);
        assertFalse(bad.err().contains("wrong"), "no secret in messages");
        env.put("V2_S3_SECRET", v2.secretKey());
        config = writeConfig("").getFileSystem().getPath(config.toString());
        Files.writeString(config, Files.readString(config).replace("buckets: [\"*\"]", "buckets: [\"no-such-bucket\"]"));
        Run missing = run("copy");
        assertEquals(2, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("bucket no-such-bucket") && missing.err().contains("does not exist"), missing::toString);
        env.remove("V3_S3_KEY");
        Run noEnv = run("copy");
        assertEquals(2, noEnv.exit(), noEnv::toString);
        assertTrue(noEnv.err().contains("V3_S3_KEY"), noEnv::toString);
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(no log)";
        }
    }
}
