package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.backup.pg.SourcePlan;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.ledger.Ledger;
import org.mosipmigrate.core.ledger.LedgerEntry;
import org.mosipmigrate.core.ledger.ShardLedgers;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.objects.ObjectInfo;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;

/**
 * Three worker processes ({@code --shard 0/3 .. 2/3}) run at the same time against the same real servers, for
 * copy and for backup -> restore, databases and objects together; then merge-ledgers and the unsharded command
 * finish. The result must equal the source (which is what one worker produces), every chunk and object must be
 * done by exactly one shard, and each shard's part must be non-empty.
 */
class ShardedRunTest {
    static final String DB = "shard_src";
    static final int N = 3;
    static PgServers.Pair pair;

    @TempDir
    Path tmp;
    S3Server v2;
    S3Server v3;
    ObjectStore src;
    ObjectStore dst;
    CliHarness h;

    @BeforeAll
    static void seedDatabase() throws Exception {
        pair = PgServers.local();
        PgServer s = pair.source();
        s.freshDatabase(DB);
        s.execute(DB,
                "CREATE TABLE big (id bigint PRIMARY KEY, payload text, n numeric)",
                "INSERT INTO big SELECT g, repeat(md5(g::text), 4), g * 1.5 FROM generate_series(1, 60000) g",
                "CREATE TABLE dup (a int, b text)",
                "INSERT INTO dup SELECT g % 100, 'v' || (g % 10) FROM generate_series(1, 20000) g",
                "CREATE TABLE small (k text PRIMARY KEY, v jsonb)", "INSERT INTO small VALUES ('a', '{\"x\": 1}'), ('b', null)",
                "CREATE INDEX big_n ON big(n)", "ALTER TABLE dup ADD CONSTRAINT dup_a CHECK (a >= 0)",
                "CREATE SEQUENCE s1 INCREMENT BY 7 START 1000", "SELECT nextval('s1')", "SELECT nextval('s1')", "ANALYZE");
    }

    @BeforeEach
    void start() throws Exception {
        pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + DB + " WITH (FORCE)");
        v2 = S3Server.start(tmp.resolve("v2"));
        v3 = S3Server.start(tmp.resolve("v3"));
        h = new CliHarness(pair, tmp, List.of(DB), "");
        h.env.put("V2_S3_KEY", v2.accessKey());
        h.env.put("V2_S3_SECRET", v2.secretKey());
        h.env.put("V3_S3_KEY", v3.accessKey());
        h.env.put("V3_S3_SECRET", v3.secretKey());
        src = open(v2, "V2");
        dst = open(v3, "V3");
        // the harness's config plus the object stores, under the same source:/target: sections
        String yaml = Files.readString(h.config)
                .replace("target:\n", "  objectStore: { type: minio, endpoint: " + v2.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET }\ntarget:\n")
                .replace("backupSet:", "  objectStore: { type: s3, endpoint: " + v3.endpoint() + ", accessKeyEnv: V3_S3_KEY, secretKeyEnv: V3_S3_SECRET }\nbackupSet:")
                + "chunkSize: 256KiB\nobjects:\n  parallelism: 4\n  partSize: 5MiB\n  segmentSize: 64KiB\n";
        Files.writeString(h.config, yaml);
        seedObjects();
    }

    @AfterEach
    void stop() throws Exception {
        src.close();
        dst.close();
        v2.close();
        v3.close();
    }

    private ObjectStore open(S3Server s, String prefix) {
        return ObjectStores.open(new ObjectStoreEndpoint("store", ObjectStoreEndpoint.Kind.MINIO, s.endpoint(), "us-east-1",
                new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_KEY"), new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_SECRET"), null),
                h.env, 5L << 20, 4);
    }

    /** Bucket-per-RID buckets and one account bucket holding many keys. */
    private void seedObjects() {
        for (int i = 0; i < 6; i++) {
            String b = String.format("10001100011000%015d", i);
            src.createBucket(b);
            for (int j = 0; j < 2; j++) {
                put(b, b + "/obj " + j + ".zip", ("packet " + i + "/" + j + " ").repeat(400 + j), Map.of("rid", b, "who", "Zoë"));
            }
        }
        src.createBucket("packet-manager");
        for (int k = 0; k < 24; k++) {
            put("packet-manager", "rid-" + k + "/id.json", "{\"n\": " + k + "}".repeat(50 + k), Map.of("k", String.valueOf(k)));
        }
        src.createBucket("empty-bucket");
    }

    private void put(String bucket, String key, String content, Map<String, String> meta) {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        src.put(bucket, key, new java.io.ByteArrayInputStream(data), data.length, "application/octet-stream", meta);
    }

    /** Runs {@code command --shard i/N} for every i as concurrent child JVMs; every one must exit 0. */
    private void runShards(String command, String... more) throws Exception {
        List<Process> ps = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            List<String> args = new ArrayList<>(List.of(command, "--shard", i + "/" + N));
            args.addAll(List.of(more));
            ps.add(h.start(tmp.resolve(command + "-" + i + ".log"), args.toArray(String[]::new)));
        }
        for (int i = 0; i < N; i++) {
            Process p = ps.get(i);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), command + " shard " + i + " still runs");
            String log = Files.readString(tmp.resolve(command + "-" + i + ".log"));
            assertEquals(0, p.exitValue(), () -> command + " --shard " + ps.indexOf(p) + "/" + N + ":\n" + log);
        }
    }

    private CliHarness.Run ok(String... args) {
        CliHarness.Run r = h.run(args);
        assertEquals(0, r.exit(), r::toString);
        return r;
    }

    /** The DONE work items of each shard's ledger beside {@code main}: non-empty, pairwise disjoint; returns their union. */
    private static Set<String> disjointParts(Path main, java.util.function.Predicate<String> item) throws Exception {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < N; i++) {
            Path f = new Shard(i, N).fileBeside(main);
            assertTrue(Files.exists(f), "shard ledger " + f);
            Set<String> part = new HashSet<>();
            for (LedgerEntry e : Ledger.readLast(f).values()) {
                if (e.state() == LedgerEntry.State.DONE && item.test(e.step())) {
                    part.add(e.step());
                    assertTrue(new Shard(i, N).owns(e.step()), e.step() + " is done by shard " + i + " but not owned by it");
                }
            }
            assertFalse(part.isEmpty(), "shard " + i + " of " + main.getFileName() + " did nothing");
            for (String s : part) {
                assertTrue(all.add(s), s + " done by two shards");
            }
        }
        return all;
    }

    /** Object keys ("bucket/key") recorded in each shard's object ledger: non-empty, disjoint; returns their union. */
    private static Set<String> disjointObjects(Path main) throws Exception {
        Set<String> all = new HashSet<>();
        for (int i = 0; i < N; i++) {
            Set<String> part = new HashSet<>();
            for (String line : Files.readAllLines(new Shard(i, N).fileBeside(main))) {
                var n = Json.LINE.readTree(line);
                if (n.has("k")) {
                    part.add(n.path("b").asText() + "/" + n.path("k").asText());
                }
            }
            assertFalse(part.isEmpty(), "shard " + i + " of " + main.getFileName() + " moved no object");
            for (String s : part) {
                assertTrue(all.add(s), s + " moved by two shards");
            }
        }
        return all;
    }

    private static Set<String> chunkIds(Path planFile) throws Exception {
        SourcePlan plan = Json.MAPPER.readValue(planFile.toFile(), SourcePlan.class);
        Set<String> ids = new HashSet<>();
        plan.databases().forEach(d -> d.tables().forEach(t -> t.chunks().forEach(c -> ids.add(c.id()))));
        return ids;
    }

    /** bucket/key -> SHA-256 and user metadata of every object of a store. */
    private static Map<String, String> digests(ObjectStore s) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String b : s.listBuckets()) {
            out.put(b + "/", "bucket");
            for (ObjectInfo o : s.listObjects(b, "")) {
                try (InputStream in = s.get(b, o.key())) {
                    out.put(b + "/" + o.key(), org.mosipmigrate.objects.HashingInputStream.sha256Of(in, null) + " " + new TreeMap<>(s.head(b, o.key()).userMetadata()));
                }
            }
        }
        return out;
    }

    private void assertTargetEqualsSource() throws Exception {
        assertEquals(CliHarness.contents(pair.source(), DB), CliHarness.contents(pair.target(), DB));
        try (Connection c = pair.target().connect(DB);
             ResultSet rs = c.createStatement().executeQuery("SELECT last_value, (SELECT count(*) FROM pg_indexes WHERE tablename = 'big'),"
                     + " (SELECT count(*) FROM pg_namespace WHERE nspname = 'mosip_migrate') FROM s1")) {
            rs.next();
            assertEquals(1007, rs.getLong(1), "sequence value");
            assertEquals(2, rs.getLong(2), "primary key and index of big built after the shards");
            assertEquals(0, rs.getLong(3), "markers dropped");
        }
        Map<String, String> source = digests(src);
        assertEquals(source, digests(dst));
        assertEquals(6 * 2 + 24 + 8, source.size(), "objects and buckets compared");
    }

    @Test
    void threeCopyShardsThenMergeAndFinishEqualTheSource() throws Exception {
        Path state = tmp.resolve("set/copy-state");
        runShards("copy");
        Path dbLedger = state.resolve("ledger/copy-127.0.0.1-" + pair.target().port() + ".jsonl");
        Set<String> chunks = disjointParts(dbLedger, s -> s.contains("/chunk/"));
        assertEquals(chunkIds(state.resolve("copy-plan.json")), chunks, "every chunk of the plan in exactly one shard ledger");
        assertTrue(chunks.size() >= 9, "enough chunks to split: " + chunks.size());
        Set<String> objects = disjointObjects(state.resolve("ledger/objects-copy-127.0.0.1-" + v3.port() + ".jsonl"));
        assertEquals(6 * 2 + 24, objects.size(), "every object in exactly one shard ledger");

        CliHarness.Run unmerged = h.run("copy");
        assertEquals(2, unmerged.exit(), () -> "copy must wait for merge-ledgers: " + unmerged);
        CliHarness.Run merge = ok("merge-ledgers");
        assertTrue(merge.out().contains("3 shards"), merge::toString);
        assertTrue(ShardLedgers.find(dbLedger).isEmpty());
        ok("copy");
        assertTargetEqualsSource();
        assertTrue(ok("merge-ledgers").out().contains("nothing to merge"), "a second merge is a no-op");

        // verify in two shards: each compares its own tables and objects and writes its own report; together they cover all
        Set<String> tables = new HashSet<>();
        for (int i = 0; i < 2; i++) {
            CliHarness.Run v = ok("verify", "--shard", i + "/2");
            Path report = tmp.resolve("set/verify-report.shard-" + i + "-of-2.json");
            for (var t : Json.MAPPER.readTree(report.toFile()).path("tables")) {
                assertTrue(tables.add(t.path("table").asText()), "table verified by two shards: " + t);
            }
            assertTrue(Files.exists(tmp.resolve("set/objects-verify-report.shard-" + i + "-of-2.json")), v::toString);
        }
        assertEquals(Set.of("public.big", "public.dup", "public.small"), tables);
    }

    @Test
    void threeBackupShardsThenThreeRestoreShardsEqualTheSource() throws Exception {
        // objects split by bucket here (each shard lists only its buckets), by bucket/key in the copy test
        runShards("backup", "--shard-objects-by", "bucket");
        Path set = tmp.resolve("set");
        Set<String> chunks = disjointParts(set.resolve("ledger/backup.jsonl"), s -> s.contains("/chunk/"));
        assertEquals(chunkIds(set.resolve("plan.json")), chunks);
        try (var files = Files.list(set.resolve("objects/segments"))) {
            Set<String> tags = new HashSet<>();
            files.forEach(f -> tags.add(f.getFileName().toString().replaceAll(".*(shard-\\d-of-3).*", "$1")));
            assertEquals(Set.of("shard-0-of-3", "shard-1-of-3", "shard-2-of-3"), tags, "every shard wrote segments of its own name");
        }
        assertFalse(Files.exists(set.resolve("manifest.json")), "no shard writes the manifest");
        ok("merge-ledgers");
        ok("backup");
        assertTrue(Files.exists(set.resolve("manifest.json")) && Files.exists(set.resolve("objects/manifest.json")));
        ok("verify", "--set-only");

        runShards("restore");
        Set<String> loaded = disjointParts(set.resolve("ledger/restore-127.0.0.1-" + pair.target().port() + ".jsonl"), s -> s.contains("/chunk/"));
        assertEquals(chunks, loaded);
        disjointObjects(set.resolve("ledger/objects-restore-127.0.0.1-" + v3.port() + ".jsonl"));
        ok("merge-ledgers");
        ok("restore");
        assertTargetEqualsSource();
    }

    @Test
    void mergeLedgersRefusesAMissingShardAndALedgerOfAnotherRun() throws Exception {
        CliHarness.Run bad = h.run("backup", "--only", "db", "--shard", "3/3");
        assertEquals(2, bad.exit(), bad::toString);
        ok("backup", "--only", "db", "--shard", "0/2");
        CliHarness.Run missing = h.run("merge-ledgers", "--only", "db");
        assertEquals(3, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("1/2") && missing.err().contains("never ran"), missing::toString);
        CliHarness.Run early = h.run("backup", "--only", "db");
        assertEquals(2, early.exit(), () -> "the unsharded backup waits for the merge: " + early);

        // a second backup set of the same source: its shard 1 ledger belongs to another run
        Files.createDirectories(tmp.resolve("other"));
        CliHarness other = new CliHarness(pair, tmp.resolve("other"), List.of(DB), "chunkSize: 256KiB\n");
        other.env.putAll(h.env);
        assertEquals(0, other.run("backup", "--shard", "0/2").exit());
        assertEquals(0, other.run("backup", "--shard", "1/2").exit());
        Path foreign = tmp.resolve("other/set/ledger/backup.shard-1-of-2.jsonl");
        Files.copy(foreign, tmp.resolve("set/ledger/backup.shard-1-of-2.jsonl"));
        String otherRun = Json.MAPPER.readTree(tmp.resolve("other/set/plan.json").toFile()).path("runId").asText();
        CliHarness.Run wrongRun = h.run("merge-ledgers", "--only", "db");
        assertEquals(3, wrongRun.exit(), wrongRun::toString);
        assertTrue(wrongRun.err().contains("belongs to run " + otherRun), wrongRun::toString);
        assertFalse(Files.exists(tmp.resolve("set/ledger/backup.jsonl")), "a refused merge writes nothing");

        Files.delete(tmp.resolve("set/ledger/backup.shard-1-of-2.jsonl"));
        ok("backup", "--only", "db", "--shard", "1/2");
        ok("merge-ledgers", "--only", "db");
        ok("backup", "--only", "db");
        assertTrue(Files.exists(tmp.resolve("set/manifest.json")), "the set is finished once the missing shard ran");

        // --dry-run --shard prints only that shard's part
        long all = chunkIds(tmp.resolve("set/plan.json")).size();
        CliHarness.Run plan = ok("backup", "--only", "db", "--dry-run", "--shard", "1/2");
        assertTrue(plan.out().contains("shard 1/2's part"), plan::toString);
        String first = plan.out().lines().skip(1).findFirst().orElseThrow();
        long mine = Long.parseLong(first.replaceAll(".* (\\d+) chunk\\(s\\).*", "$1"));
        assertTrue(mine > 0 && mine < all, "shard 1/2 plans " + mine + " of " + all + " chunks: " + first);
        CliHarness.Run restorePlan = ok("restore", "--only", "db", "--dry-run", "--shard", "1/2");
        assertTrue(restorePlan.out().contains("shard 1/2: waits for shard 0's pre-data"), restorePlan::toString);
        CliHarness.Run verifyPlan = ok("verify", "--only", "db", "--dry-run", "--shard", "0/2");
        assertTrue(verifyPlan.out().contains("shard 0/2: only the tables listed"), verifyPlan::toString);
        assertTrue(ok("copy", "--only", "db", "--dry-run", "--shard", "2/3").out().contains("shard 2/3's part"));
    }
}
