package org.mosipmigrate.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.mosipmigrate.cli.Main;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.S3Server;

/**
 * scripts/bench/objects: this tool's object {@code copy} and {@code verify --deep} side by side with {@code rclone copy}
 * and {@code rclone check --download} on the same two S3 servers in one run, and the tool's peak RSS as the object
 * count grows. Both tools run as child processes with the same concurrency; credentials reach them only through
 * environment variables.
 *
 * <pre>
 * compare OBJECTS LAYOUT SIZE_SCALE   layout: account | per-rid (OBJECTS/5 buckets); sizes 50 KiB-2 MiB x SIZE_SCALE
 * rss COUNTS [copy|backup]           e.g. 10000,100000,1000000 objects of 1 KiB: peak RSS of the command with -Xmx256m
 * </pre>
 */
public final class ObjectsBench {
    static final int CONCURRENCY = 8;

    private final Path work;
    private final Map<String, String> env = new HashMap<>();

    private ObjectsBench(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length > 0 ? args[0] : "compare";
        Path work = Files.createTempDirectory(Path.of(System.getProperty("bench.tmp", "/tmp")), "objects-bench");
        ObjectsBench b = new ObjectsBench(work);
        try {
            if (mode.equals("rss")) {
                b.rss(args.length > 1 ? args[1] : "10000,100000", args.length > 2 ? args[2] : "copy");
            } else {
                b.compare(args.length > 1 ? Integer.parseInt(args[1]) : 100_000, args.length > 2 ? args[2] : "account",
                        args.length > 3 ? Double.parseDouble(args[3]) : 1.0);
            }
        } finally {
            if (!"1".equals(System.getenv("BENCH_KEEP"))) {
                org.mosipmigrate.core.set.PrivateFiles.deleteTree(work);
            }
        }
        System.exit(0);
    }

    record Timed(int exit, double seconds, long peakRssKiB) {
    }

    private void compare(int objects, String layout, double sizeScale) throws Exception {
        try (S3Server v2 = S3Server.start(work.resolve("v2")); S3Server ours = S3Server.start(work.resolve("v3-ours"));
             S3Server theirs = S3Server.start(work.resolve("v3-rclone"))) {
            credentials("V2", v2);
            credentials("OURS", ours);
            credentials("THEIRS", theirs);
            long t0 = System.nanoTime();
            long bytes = seed(v2, objects, layout, (int) (50 * 1024 * sizeScale), (int) (2 * 1024 * 1024 * sizeScale), 1024);
            log(String.format("seeded %,d objects, %,d bytes (%s layout) in %.0fs", objects, bytes, layout, (System.nanoTime() - t0) / 1e9));

            Path config = config(v2, ours, "ours");
            Timed copy = tool(config, "copy", "--only", "objects");
            Timed rcopy = rclone("copy", "V2:", "THEIRS:", "--transfers", "" + CONCURRENCY, "--checkers", "" + CONCURRENCY);
            Timed verify = tool(config, "verify", "--only", "objects", "--deep");
            Timed rcheck = rclone("check", "V2:", "THEIRS:", "--download", "--checkers", "" + CONCURRENCY);

            System.out.printf("%n%,d objects, %,d bytes, layout %s, concurrency %d (objects.parallelism / --transfers --checkers)%n",
                    objects, bytes, layout, CONCURRENCY);
            System.out.printf("%-26s %5s %9s %11s %12s%n", "step", "exit", "seconds", "objects/s", "peak RSS MiB");
            row("mosip-migrate copy", copy, objects);
            row("rclone copy", rcopy, objects);
            row("mosip-migrate verify --deep", verify, objects);
            row("rclone check --download", rcheck, objects);
            System.out.printf("copy objects/s: %.2fx rclone (goal >= 1.5x)%n", rcopy.seconds() / copy.seconds());
            System.out.printf("verify time: %.2fx rclone check (goal <= 1.0x)%n", verify.seconds() / rcheck.seconds());
        }
    }

    private static void row(String name, Timed t, int objects) {
        System.out.printf("%-26s %5d %9.1f %11.0f %12.0f%n", name, t.exit(), t.seconds(), objects / t.seconds(), t.peakRssKiB() / 1024.0);
    }

    /**
     * {@code command} (copy or backup) over n objects of 1 KiB, 5 per bucket-per-RID bucket. The objects are written
     * straight into S3Proxy's filesystem store (S3Proxy serves such files; PUTs through it would take most of an hour
     * for a million), so the run measures the tool, not the seeding.
     */
    private void rss(String counts, String command) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String c : counts.split(",")) {
            int n = Integer.parseInt(c.trim());
            Path dir = work.resolve("rss-" + n);
            try (S3Server v2 = S3Server.start(dir.resolve("v2")); S3Server v3 = S3Server.start(dir.resolve("v3"))) {
                credentials("V2", v2);
                credentials("OURS", v3);
                long t0 = System.nanoTime();
                seedOnDisk(dir.resolve("v2"), n, 5);
                log(String.format("seeded %,d objects in %.0fs", n, (System.nanoTime() - t0) / 1e9));
                Timed run = tool(config(v2, v3, "rss-" + n), command, "--only", "objects");
                lines.add(String.format("%,10d objects: %s exit %d, %.1fs, %.0f objects/s, peak RSS %.0f MiB (-Xmx256m)", n, command, run.exit(),
                        run.seconds(), n / run.seconds(), run.peakRssKiB() / 1024.0));
                log(lines.get(lines.size() - 1));
            }
            org.mosipmigrate.core.set.PrivateFiles.deleteTree(dir);
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    // ------------------------------------------------------------------ data

    /** Objects with sizes uniform in [min, max], deterministic; per-rid puts {@code perBucket} objects in each bucket. */
    private long seed(S3Server s, int objects, String layout, int min, int max, int perBucket) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        long total = 0;
        try (ObjectStore store = open(s, "V2")) {
            boolean perRid = layout.equals("per-rid");
            int buckets = perRid ? Math.max(1, objects / perBucket) : 1;
            if (!perRid) {
                store.createBucket("registration-packets");
            }
            List<Future<Long>> work = new ArrayList<>();
            int per = (objects + buckets - 1) / buckets;
            for (int b = 0; b < buckets; b++) {
                final int bucketNo = b;
                work.add(pool.submit(() -> {
                    String bucket = perRid ? String.format("10001100011000%015d", bucketNo) : "registration-packets";
                    if (perRid) {
                        store.createBucket(bucket);
                    }
                    long sum = 0;
                    Random r = new Random(bucketNo);
                    byte[] block = new byte[max];
                    r.nextBytes(block);
                    for (int i = bucketNo * per; i < Math.min(objects, (bucketNo + 1) * per); i++) {
                        int size = min + (max > min ? r.nextInt(max - min + 1) : 0);
                        block[0] = (byte) i; // every object differs
                        block[size > 1 ? 1 : 0] = (byte) (i >> 8);
                        String key = (perRid ? bucket + "/" : String.format("%04d/", i % 1000)) + "packet-" + i + ".zip";
                        store.put(bucket, key, new java.io.ByteArrayInputStream(block, 0, size), size, "application/zip",
                                Map.of("rid", "" + i, "source", "bench"));
                        sum += size;
                    }
                    return sum;
                }));
                if (work.size() >= 256) {
                    for (Future<Long> f : work) {
                        total += f.get();
                    }
                    work.clear();
                }
            }
            for (Future<Long> f : work) {
                total += f.get();
            }
        } finally {
            pool.shutdown();
        }
        return total;
    }

    private static void seedOnDisk(Path storeDir, int objects, int perBucket) throws IOException {
        byte[] block = new byte[1024];
        new Random(3).nextBytes(block);
        for (int i = 0; i < objects; i++) {
            String rid = String.format("10001100011000%015d", i / perBucket);
            Path file = storeDir.resolve(rid).resolve(rid).resolve("packet-" + i + ".zip");
            if (i % perBucket == 0) {
                Files.createDirectories(file.getParent());
            }
            block[0] = (byte) i;
            block[1] = (byte) (i >> 8);
            block[2] = (byte) (i >> 16);
            Files.write(file, block);
        }
    }

    private ObjectStore open(S3Server s, String prefix) {
        return ObjectStores.open(new ObjectStoreEndpoint("bench", ObjectStoreEndpoint.Kind.S3, s.endpoint(), "us-east-1",
                new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_KEY"), new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_SECRET"), null),
                env, 16L << 20, CONCURRENCY);
    }

    private void credentials(String prefix, S3Server s) {
        env.put(prefix + "_S3_KEY", s.accessKey());
        env.put(prefix + "_S3_SECRET", s.secretKey());
        // rclone reads remotes from RCLONE_CONFIG_<NAME>_* variables: no config file, nothing on its command line
        env.put("RCLONE_CONFIG_" + prefix + "_TYPE", "s3");
        env.put("RCLONE_CONFIG_" + prefix + "_PROVIDER", "Other");
        env.put("RCLONE_CONFIG_" + prefix + "_ENDPOINT", s.endpoint());
        env.put("RCLONE_CONFIG_" + prefix + "_ACCESS_KEY_ID", s.accessKey());
        env.put("RCLONE_CONFIG_" + prefix + "_SECRET_ACCESS_KEY", s.secretKey());
        env.put("RCLONE_CONFIG_" + prefix + "_FORCE_PATH_STYLE", "true");
        env.put("RCLONE_CONFIG_" + prefix + "_REGION", "us-east-1");
    }

    private Path config(S3Server v2, S3Server v3, String name) throws IOException {
        Path f = work.resolve(name + ".yaml");
        Files.writeString(f, "source:\n  objectStore: { type: s3, endpoint: " + v2.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET, buckets: [\"*\"] }\n"
                + "target:\n  objectStore: { type: s3, endpoint: " + v3.endpoint() + ", accessKeyEnv: OURS_S3_KEY, secretKeyEnv: OURS_S3_SECRET }\n"
                + "backupSet: " + work.resolve(name + "-state") + "\nobjects:\n  parallelism: " + CONCURRENCY + "\n");
        return f;
    }

    // ------------------------------------------------------------------ processes

    private Timed tool(Path config, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--config", config.toString(), "--quiet"));
        return timed(cmd, "mosip-migrate " + args[0]);
    }

    private Timed rclone(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("rclone"));
        cmd.addAll(List.of(args));
        cmd.add("--quiet");
        return timed(cmd, "rclone " + args[0]);
    }

    private Timed timed(List<String> cmd, String name) throws Exception {
        log("running " + name);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve(name.replace(' ', '-') + ".log").toFile());
        pb.environment().putAll(env);
        pb.environment().remove("AWS_CA_BUNDLE"); // rclone fails on this machine's bundle for plain-http loopback servers
        long t0 = System.nanoTime();
        Process p = pb.start();
        long peak = 0;
        Path status = Path.of("/proc/" + p.pid() + "/status");
        while (!p.waitFor(200, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, vmHwm(status));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (p.exitValue() != 0) {
            log(name + " exited " + p.exitValue() + "; see " + work.resolve(name.replace(' ', '-') + ".log"));
        }
        return new Timed(p.exitValue(), seconds, peak);
    }

    /** Peak resident set (VmHWM, KiB) of a running process; 0 once it is gone. */
    private static long vmHwm(Path status) {
        try {
            for (String l : Files.readAllLines(status)) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static void log(String s) {
        System.err.printf("[%tT] %s%n", System.currentTimeMillis(), s);
    }
}
