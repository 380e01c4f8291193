package org.mosipmigrate.demo;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.mosipmigrate.cli.Main;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.TableFingerprint;
import org.mosipmigrate.objects.ObjectInfo;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.MosipV2Fixture;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;
import picocli.CommandLine;

/**
 * scripts/chaos: kill -9 of the real CLI at random moments of backup, restore, copy (databases and objects together)
 * and upgrade, then the same command again, then {@code verify --deep} and an independent count of what arrived. Every
 * trial must end with verify passing and no row or object lost, duplicated or changed. Prints one table.
 */
public final class Chaos {
    static final String DB = "chaos_src";
    static final List<String> UPGRADE_DBS = List.of("mosip_regprc", "mosip_idrepo", "mosip_keymgr", "mosip_credential", "mosip_ida");

    private final Path work;
    private final Random random;
    private final PrintWriter out = new PrintWriter(System.out, true);
    private final Map<String, String> env = new HashMap<>();
    private final PgServers.Pair pg;
    private final S3Server v2s3;
    private S3Server v3s3;
    private int v3Generation;
    private Map<String, Long> upgradeReference;

    /** Losses counted independently of the tool's own verify. */
    record Loss(long rowsLost, long rowsDuplicated, long tablesChanged, long objectsLost, long objectsExtra, long objectsChanged) {
        static final Loss NONE = new Loss(0, 0, 0, 0, 0, 0);

        boolean none() {
            return equals(NONE);
        }

        Loss plus(Loss o) {
            return new Loss(rowsLost + o.rowsLost, rowsDuplicated + o.rowsDuplicated, tablesChanged + o.tablesChanged,
                    objectsLost + o.objectsLost, objectsExtra + o.objectsExtra, objectsChanged + o.objectsChanged);
        }
    }

    static final class Tally {
        final String command;
        int trials;
        int killedMidRun;
        int passed;
        Loss loss = Loss.NONE;
        final List<String> failures = new ArrayList<>();

        Tally(String command) {
            this.command = command;
        }
    }

    private Chaos(Path work, long seed) throws Exception {
        this.work = work;
        this.random = new Random(seed);
        this.pg = PgServers.local();
        this.v2s3 = S3Server.start(work.resolve("s3-v2"));
        env.put("CHAOS_V2_S3_KEY", v2s3.accessKey());
        env.put("CHAOS_V2_S3_SECRET", v2s3.secretKey());
        if (pg.source().password() != null) {
            env.put("CHAOS_V2_PW", pg.source().password());
        }
        if (pg.target().password() != null) {
            env.put("CHAOS_V3_PW", pg.target().password());
        }
    }

    public static void main(String[] args) throws Exception {
        int trials = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Path work = Path.of(args.length > 1 ? args[1] : "chaos-work").toAbsolutePath();
        List<String> commands = args.length > 2 ? List.of(args[2].split(",")) : List.of("backup", "restore", "copy", "upgrade");
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 20261126L;
        org.mosipmigrate.core.set.PrivateFiles.deleteTree(work);
        Files.createDirectories(work);
        Chaos chaos = new Chaos(work, seed);
        boolean ok;
        try {
            ok = chaos.run(trials, commands);
        } finally {
            chaos.close();
        }
        System.exit(ok ? 0 : 1);
    }

    private boolean run(int trials, List<String> commands) throws Exception {
        out.println("== seeding the source: database " + DB + " and packets in bucket-per-RID and account-bucket layouts");
        seedDatabase();
        int objects = seedObjects();
        out.printf("   %d objects%n", objects);
        List<Tally> tallies = new ArrayList<>();
        for (String command : commands) {
            Tally t = new Tally(command);
            tallies.add(t);
            double cleanSeconds = calibrate(command);
            out.printf("== %s: a clean run takes %.1fs; %d trials killed at random moments within it%n", command, cleanSeconds, trials);
            if (command.equals("restore") || command.equals("copy")) {
                proveTheCheckSeesALoss(command);
            }
            for (int i = 1; i <= trials; i++) {
                long killAfterMs = (long) (cleanSeconds * 1000 * (0.05 + 0.9 * random.nextDouble()));
                trial(t, i, killAfterMs);
            }
        }
        out.println();
        out.printf("%-8s %6s %7s %6s %9s %9s %8s %8s %8s %8s%n", "command", "trials", "killed", "passed", "rowsLost", "rowsDup",
                "tblDiff", "objLost", "objExtra", "objDiff");
        boolean ok = true;
        for (Tally t : tallies) {
            Loss l = t.loss;
            out.printf("%-8s %6d %7d %6d %9d %9d %8d %8d %8d %8d%n", t.command, t.trials, t.killedMidRun, t.passed, l.rowsLost(),
                    l.rowsDuplicated(), l.tablesChanged(), l.objectsLost(), l.objectsExtra(), l.objectsChanged());
            ok &= t.passed == t.trials && l.none();
        }
        for (Tally t : tallies) {
            t.failures.forEach(f -> out.println("FAILED " + t.command + ": " + f));
        }
        out.println(ok ? "CHAOS PASSED: every trial resumed to a verified, identical target" : "CHAOS FAILED: see the failures above");
        out.println("logs: " + work.resolve("logs"));
        return ok;
    }

    // ---------------------------------------------------------------- trials

    /** Runs the command once without a kill (to learn how long it takes) and leaves the state a trial starts from. */
    private double calibrate(String command) throws Exception {
        prepare(command);
        long t0 = System.nanoTime();
        int exit = runChild(command, "calibrate");
        if (exit != 0) {
            throw new IllegalStateException(command + " failed without any fault (exit " + exit + "); see " + log(command, "calibrate"));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (command.equals("upgrade")) {
            upgradeReference = rowCounts(pg.target(), UPGRADE_DBS);
        }
        return seconds;
    }

    private void trial(Tally t, int n, long killAfterMs) {
        t.trials++;
        String tag = "trial-" + n;
        try {
            prepare(t.command);
            Process p = startChild(t.command, tag + "-killed");
            boolean finished = p.waitFor(killAfterMs, TimeUnit.MILLISECONDS);
            if (!finished) {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
                t.killedMidRun++;
            }
            int exit = runChild(t.command, tag + "-resumed");
            if (exit != 0) {
                t.failures.add(tag + ": the resumed run exited " + exit + " (see " + log(t.command, tag + "-resumed") + ")");
                return;
            }
            Loss loss = check(t.command, tag);
            t.loss = t.loss.plus(loss);
            if (loss.none()) {
                t.passed++;
            } else {
                t.failures.add(tag + " (killed after " + killAfterMs + " ms): " + loss);
            }
        } catch (Exception e) {
            t.failures.add(tag + ": " + e);
        }
    }

    /** One row and one object removed from a correct target must show up as lost, or every "passed" below means nothing. */
    private void proveTheCheckSeesALoss(String command) throws Exception {
        pg.target().execute(DB, "DELETE FROM big WHERE id = 4242");
        try (Stores s = new Stores()) {
            ObjectInfo victim = s.target.listObjects("registration-packets", "").iterator().next();
            s.target.delete("registration-packets", victim.key());
        }
        Loss seen = check(command, "self-test");
        if (seen.rowsLost() != 1 || seen.objectsLost() != 1) {
            throw new IllegalStateException("the loss check is blind: it saw " + seen + " after 1 row and 1 object were removed");
        }
        out.println("   self-test: the check found the 1 row and 1 object removed on purpose");
    }

    /** The state a command starts from: what it reads exists, what it writes is empty. */
    private void prepare(String command) throws Exception {
        switch (command) {
            case "backup" -> org.mosipmigrate.core.set.PrivateFiles.deleteTree(work.resolve("set"));
            case "restore" -> {
                if (!Files.exists(work.resolve("set/manifest.json"))) {
                    org.mosipmigrate.core.set.PrivateFiles.deleteTree(work.resolve("set"));
                    freshTarget();
                    requireZero(runChild("backup", "restore-prerequisite"), "backup for the restore trials");
                }
                freshTarget();
                deleteLedgers("restore-", "objects-restore-");
            }
            case "copy" -> {
                org.mosipmigrate.core.set.PrivateFiles.deleteTree(work.resolve("set"));
                freshTarget();
            }
            case "upgrade" -> {
                for (String db : UPGRADE_DBS) {
                    pg.target().execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                }
                MosipV2Fixture.create(pg.target(), UPGRADE_DBS, 300, 7L);
            }
            default -> throw new IllegalArgumentException("unknown command " + command + " (backup, restore, copy, upgrade)");
        }
        writeConfig();
    }

    /** verify --deep must pass, and an independent count must find nothing lost, duplicated or changed. */
    private Loss check(String command, String tag) throws Exception {
        if (command.equals("upgrade")) {
            CliRun v = runInProcess("verify", "--schema", "1.2.0.1", "--databases", String.join(",", UPGRADE_DBS));
            Map<String, Long> counts = rowCounts(pg.target(), UPGRADE_DBS);
            Loss loss = rowLoss(upgradeReference, counts);
            if (v.exit() != 0 && loss.none()) {
                return new Loss(0, 0, 1, 0, 0, 0); // schema differs from 1.2.0.1 although the rows are all there
            }
            return loss;
        }
        if (command.equals("backup")) { // a backup is proven by restoring it
            freshTarget();
            deleteLedgers("restore-", "objects-restore-");
            writeConfig();
            requireZero(runChild("restore", tag + "-restore"), "restore of the resumed backup");
        }
        CliRun verify = runInProcess("verify", "--deep");
        Loss loss = dbLoss().plus(objectLoss());
        if (verify.exit() != 0 && loss.none()) {
            Files.writeString(work.resolve("logs").resolve(command + "-" + tag + "-verify.log"), verify.out() + verify.err());
            return new Loss(0, 0, 1, 0, 0, 0);
        }
        return loss;
    }

    private Loss dbLoss() throws SQLException {
        Map<String, TableFingerprint.Fingerprint> src = fingerprints(pg.source());
        Map<String, TableFingerprint.Fingerprint> dst = fingerprints(pg.target());
        long lost = 0;
        long dup = 0;
        long changed = 0;
        for (var e : src.entrySet()) {
            TableFingerprint.Fingerprint d = dst.get(e.getKey());
            long have = d == null ? 0 : d.rows();
            lost += Math.max(0, e.getValue().rows() - have);
            dup += Math.max(0, have - e.getValue().rows());
            changed += d != null && have == e.getValue().rows() && !d.hash().equals(e.getValue().hash()) ? 1 : 0;
        }
        return new Loss(lost, dup, changed, 0, 0, 0);
    }

    private static Loss rowLoss(Map<String, Long> expected, Map<String, Long> actual) {
        long lost = 0;
        long dup = 0;
        for (var e : expected.entrySet()) {
            long have = actual.getOrDefault(e.getKey(), 0L);
            lost += Math.max(0, e.getValue() - have);
            dup += Math.max(0, have - e.getValue());
        }
        return new Loss(lost, dup, 0, 0, 0, 0);
    }

    /** Every source object must be on the target with the same bytes; every target object must come from the source. */
    private Loss objectLoss() throws Exception {
        try (Stores s = new Stores()) {
            Map<String, String> src = digests(s.source);
            Map<String, String> dst = digests(s.target);
            long lost = 0;
            long changed = 0;
            for (var e : src.entrySet()) {
                String d = dst.get(e.getKey());
                lost += d == null ? 1 : 0;
                changed += d != null && !d.equals(e.getValue()) ? 1 : 0;
            }
            long extra = dst.keySet().stream().filter(k -> !src.containsKey(k)).count();
            return new Loss(0, 0, 0, lost, extra, changed);
        }
    }

    private static Map<String, String> digests(ObjectStore store) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String bucket : store.listBuckets()) {
            for (ObjectInfo o : store.listObjects(bucket, "")) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                try (InputStream in = store.get(bucket, o.key())) {
                    byte[] buf = new byte[65536];
                    for (int r; (r = in.read(buf)) > 0; ) {
                        md.update(buf, 0, r);
                    }
                }
                out.put(bucket + "/" + o.key(), HexFormat.of().formatHex(md.digest()));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- servers and data

    private void seedDatabase() throws SQLException {
        PgServer s = pg.source();
        s.freshDatabase(DB);
        s.execute(DB,
                "CREATE TABLE big (id bigint PRIMARY KEY, payload text, n numeric, at timestamptz)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 4), g * 1.5, now() - g * interval '1 second' FROM generate_series(1, 300000) g",
                "CREATE TABLE nopk (a int, b text)", // duplicates on purpose: a resumed load must keep each of them once
                "INSERT INTO nopk SELECT g % 100, 'v' || (g % 10) FROM generate_series(1, 60000) g",
                "CREATE TABLE blobs (id int PRIMARY KEY, data bytea)",
                "INSERT INTO blobs SELECT g, decode(repeat(md5(g::text), 40 + g % 60), 'hex') FROM generate_series(1, 3000) g",
                "CREATE INDEX big_n ON big(n)", "CREATE SEQUENCE s1 INCREMENT BY 7 START 1000", "SELECT nextval('s1')", "ANALYZE");
    }

    private int seedObjects() throws Exception {
        int n = 0;
        Random r = new Random(11);
        try (Stores s = new Stores()) {
            for (int i = 0; i < 150; i++) {
                String rid = String.format("10001100011000%015d", i);
                s.source.createBucket(rid);
                for (int j = 0; j < 3; j++) {
                    n += put(s.source, rid, rid + "/packet " + j + ".zip", 1024 + r.nextInt(120 * 1024), r, Map.of("rid", rid, "stage", "Zoë-" + j));
                }
                n += put(s.source, rid, "Tags/" + rid + "/PROCESS", 1, r, Map.of());
            }
            s.source.createBucket("registration-packets");
            for (int i = 0; i < 200; i++) {
                n += put(s.source, "registration-packets", "2026/11/" + (i % 7) + "/rid-" + i + "+id %.zip", r.nextInt(200 * 1024), r, Map.of("n", "" + i));
            }
            n += put(s.source, "registration-packets", "big/multipart.bin", (6 << 20) + 1, r, Map.of("kind", "multipart"));
        }
        return n;
    }

    private static int put(ObjectStore store, String bucket, String key, int size, Random r, Map<String, String> meta) {
        byte[] data = new byte[size];
        r.nextBytes(data);
        store.put(bucket, key, new ByteArrayInputStream(data), size, "application/octet-stream", meta);
        return 1;
    }

    private void freshTarget() throws Exception {
        pg.target().execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        if (v3s3 != null) {
            v3s3.close();
        }
        v3s3 = S3Server.start(work.resolve("s3-v3-" + (++v3Generation)));
        env.put("CHAOS_V3_S3_KEY", v3s3.accessKey());
        env.put("CHAOS_V3_S3_SECRET", v3s3.secretKey());
    }

    private void writeConfig() throws IOException {
        StringBuilder y = new StringBuilder("# generated by scripts/chaos\n");
        y.append("source:\n  postgres:\n").append(endpoint(pg.source(), "CHAOS_V2_PW")).append("    databases: [").append(DB).append("]\n");
        y.append("  objectStore: { type: minio, endpoint: ").append(v2s3.endpoint())
                .append(", accessKeyEnv: CHAOS_V2_S3_KEY, secretKeyEnv: CHAOS_V2_S3_SECRET, buckets: [\"*\"] }\n");
        y.append("target:\n  postgres:\n").append(endpoint(pg.target(), "CHAOS_V3_PW"));
        if (v3s3 != null) {
            y.append("  objectStore: { type: s3, endpoint: ").append(v3s3.endpoint())
                    .append(", accessKeyEnv: CHAOS_V3_S3_KEY, secretKeyEnv: CHAOS_V3_S3_SECRET }\n");
        }
        y.append("backupSet: ").append(work.resolve("set")).append('\n');
        y.append("parallelism: 2\nchunkSize: 512KiB\nobjects:\n  parallelism: 4\n  partSize: 5MiB\n  segmentSize: 2MiB\n");
        y.append("upgrade:\n  primaryLanguageCode: eng\n");
        Files.writeString(work.resolve("migration.yaml"), y.toString());
    }

    private static String endpoint(PgServer s, String passwordEnv) {
        return "    host: " + s.host() + "\n    port: " + s.port() + "\n    user: " + s.user() + "\n"
                + (s.password() != null ? "    passwordEnv: " + passwordEnv + "\n" : "");
    }

    private void deleteLedgers(String... prefixes) throws IOException {
        Path dir = work.resolve("set/ledger");
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                for (String p : prefixes) {
                    if (f.getFileName().toString().startsWith(p)) {
                        Files.delete(f);
                    }
                }
            }
        }
    }

    private final class Stores implements AutoCloseable {
        final ObjectStore source = open("source", ObjectStoreEndpoint.Kind.MINIO, v2s3, "CHAOS_V2");
        final ObjectStore target = v3s3 == null ? null : open("target", ObjectStoreEndpoint.Kind.S3, v3s3, "CHAOS_V3");

        private ObjectStore open(String role, ObjectStoreEndpoint.Kind kind, S3Server s, String prefix) {
            return ObjectStores.open(new ObjectStoreEndpoint(role, kind, s.endpoint(), "us-east-1",
                    new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_KEY"), new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_SECRET"),
                    null), env, 5L << 20, 4);
        }

        @Override
        public void close() {
            source.close();
            if (target != null) {
                target.close();
            }
        }
    }

    /** The chaos database's tables without the tool's own markers (absent database: no tables, every row lost). */
    private static Map<String, TableFingerprint.Fingerprint> fingerprints(PgServer s) throws SQLException {
        try (Connection c = s.connect("postgres");
             var rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
            if (!rs.next()) {
                return Map.of();
            }
        }
        Map<String, TableFingerprint.Fingerprint> out = new LinkedHashMap<>(org.mosipmigrate.testkit.TableContents.of(s, DB));
        out.keySet().removeIf(table -> table.startsWith("mosip_migrate."));
        return out;
    }

    private static Map<String, Long> rowCounts(PgServer s, List<String> dbs) throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        for (String db : dbs) {
            try (Connection c = s.connect(db)) {
                for (var t : PgCatalog.listTables(c)) {
                    if (t.schema().equals("mosip_migrate") || t.name().equals("flyway_schema_history")) {
                        continue;
                    }
                    try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + t.qualifiedName())) {
                        rs.next();
                        out.put(db + "." + t.qualifiedName(), rs.getLong(1));
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- processes

    record CliRun(int exit, String out, String err) {
    }

    private CliRun runInProcess(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CommandLine cl = Main.commandLine(env);
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--config", work.resolve("migration.yaml").toString()));
        return new CliRun(cl.execute(all.toArray(String[]::new)), o.toString(), e.toString());
    }

    private Process startChild(String command, String tag) throws IOException {
        Files.createDirectories(work.resolve("logs"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), command, "--config", work.resolve("migration.yaml").toString()));
        if (command.equals("upgrade")) {
            cmd.addAll(List.of("--databases", String.join(",", UPGRADE_DBS)));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log(command, tag).toFile());
        pb.environment().putAll(env);
        return pb.start();
    }

    private int runChild(String command, String tag) throws Exception {
        Process p = startChild(command, tag);
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(command + " did not finish in 15 minutes; see " + log(command, tag));
        }
        return p.exitValue();
    }

    private Path log(String command, String tag) {
        return work.resolve("logs").resolve(command + "-" + tag + ".log");
    }

    private static void requireZero(int exit, String what) {
        if (exit != 0) {
            throw new IllegalStateException(what + " failed with exit " + exit);
        }
    }

    private void close() throws Exception {
        v2s3.close();
        if (v3s3 != null) {
            v3s3.close();
        }
    }
}
