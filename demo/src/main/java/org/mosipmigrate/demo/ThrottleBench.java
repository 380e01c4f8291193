package org.mosipmigrate.demo;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mosipmigrate.cli.Main;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;
import picocli.CommandLine;

/**
 * scripts/bench/throttle: backup and copy under --max-rate / --max-requests on real servers; prints the rate each run
 * achieved as a ratio of its limit (the peer here is the limit itself: the goal is 0.90-1.10).
 */
public final class ThrottleBench {
    private static final Pattern BYTES = Pattern.compile("([\\d,]+) bytes read at ([\\d,]+) bytes/s \\(limit ([\\d,]+)\\)");
    private static final Pattern REQUESTS = Pattern.compile("([\\d,]+) requests at ([\\d.]+)/s \\(limit ([\\d.]+)\\)");

    private ThrottleBench() {
    }

    public static void main(String[] args) throws Exception {
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        Path work = Files.createTempDirectory("throttle-bench");
        PgServers.Pair pg = PgServers.local();
        PgServer src = pg.source();
        src.freshDatabase("throttle_bench");
        int rows = (int) (600_000 * scale);
        src.execute("throttle_bench", "CREATE TABLE t (id int PRIMARY KEY, payload text)",
                "INSERT INTO t SELECT g, repeat(md5(g::text), 3) FROM generate_series(1, " + rows + ") g", "ANALYZE");
        List<String[]> results = new ArrayList<>();
        try (S3Server v2 = S3Server.start(work.resolve("v2")); S3Server v3 = S3Server.start(work.resolve("v3"))) {
            Map<String, String> env = new HashMap<>(Map.of("V2_S3_KEY", v2.accessKey(), "V2_S3_SECRET", v2.secretKey(),
                    "V3_S3_KEY", v3.accessKey(), "V3_S3_SECRET", v3.secretKey()));
            if (src.password() != null) {
                env.put("BENCH_V2_PW", src.password());
            }
            int objects = (int) (400 * scale);
            try (ObjectStore store = ObjectStores.open(new ObjectStoreEndpoint("source", ObjectStoreEndpoint.Kind.S3, v2.endpoint(), "us-east-1",
                    new PasswordSource(PasswordSource.Kind.ENV, "V2_S3_KEY"), new PasswordSource(PasswordSource.Kind.ENV, "V2_S3_SECRET"), null), env, 5L << 20, 4)) {
                store.createBucket("packets");
                Random r = new Random(1);
                for (int i = 0; i < objects; i++) {
                    byte[] data = new byte[50 * 1024 + r.nextInt(150 * 1024)];
                    r.nextBytes(data);
                    store.put("packets", "rid-" + i + ".zip", new ByteArrayInputStream(data), data.length, "application/zip", Map.of());
                }
            }
            String pgYaml = "  postgres: { host: " + src.host() + ", port: " + src.port() + ", user: " + src.user()
                    + (src.password() != null ? ", passwordEnv: BENCH_V2_PW" : "") + ", databases: [throttle_bench] }\n";
            String objYaml = "  objectStore: { type: minio, endpoint: " + v2.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET, buckets: [\"*\"] }\n";
            String targetYaml = "target:\n  objectStore: { type: s3, endpoint: " + v3.endpoint() + ", accessKeyEnv: V3_S3_KEY, secretKeyEnv: V3_S3_SECRET }\n";
            int run = 0;
            for (String[] c : new String[][] {{"backup db", "--only", "db", "--max-rate", "8MiB"}, {"backup db", "--only", "db", "--max-rate", "20MiB"},
                    {"copy objects", "--only", "objects", "--max-rate", "4MiB"}, {"copy objects", "--only", "objects", "--max-requests", "40"}}) {
                Path config = work.resolve("bench-" + (++run) + ".yaml");
                Files.writeString(config, "source:\n" + pgYaml + objYaml + targetYaml + "backupSet: " + work.resolve("set-" + run)
                        + "\nparallelism: 2\nchunkSize: 4MiB\nfingerprintAtBackup: false\nobjects:\n  parallelism: 4\n");
                List<String> argv = new ArrayList<>(List.of(c[0].split(" ")[0]));
                argv.addAll(List.of(c).subList(1, c.length));
                argv.addAll(List.of("--config", config.toString()));
                StringWriter err = new StringWriter();
                CommandLine cl = Main.commandLine(env);
                cl.setOut(new PrintWriter(new StringWriter(), true));
                cl.setErr(new PrintWriter(err, true));
                long t0 = System.nanoTime();
                int exit = cl.execute(argv.toArray(String[]::new));
                double seconds = (System.nanoTime() - t0) / 1e9;
                String summary = err.toString().lines().filter(l -> l.contains("source limits:") && l.contains(" at ")).reduce((a, b) -> b).orElse("(no summary)");
                Matcher m = (c[3].equals("--max-rate") ? BYTES : REQUESTS).matcher(summary);
                String ratio = m.find() ? String.format("%.3f", Double.parseDouble(m.group(2).replace(",", "")) / Double.parseDouble(m.group(3).replace(",", ""))) : "?";
                results.add(new String[] {c[0], c[3] + " " + c[4], String.valueOf(exit), String.format("%.1f", seconds), m.find(0) ? m.group(1) : "?", ratio});
            }
        }
        System.out.printf("%-13s %-20s %5s %8s %14s %16s%n", "run", "limit", "exit", "seconds", "bytes|requests", "achieved/limit");
        for (String[] r : results) {
            System.out.printf("%-13s %-20s %5s %8s %14s %16s%n", (Object[]) r);
        }
        System.out.println("goal: achieved/limit between 0.90 and 1.10 (the limit respected within 10%)");
        System.exit(0);
    }
}
