package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.S3Flavor;
import org.mosipmigrate.testkit.S3Server;

/**
 * The object commands on each S3 server the testkit starts (S3Proxy 4.1.0, S3Proxy 2.6.0, S3Mock 4.8.0), as source and
 * as target, through both client types: copy, verify --deep, a staged copy moving only what was added or changed,
 * backup, a staged backup, restore and verify --deep of the result. The objects are few and small but awkward: spaces,
 * '+', '%', non-ASCII, keys whose UTF-8 and UTF-16 orders differ, and one multipart object. The other side is S3Proxy
 * 4.1.0; each result is also compared independently, object by object (bytes, content type, user metadata).
 */
class ObjectServersCliTest {
    static final String RID = "10001100011000000000000000001";
    static final String ACCOUNT = "packets";

    @TempDir
    Path tmp;
    final Map<String, String> env = new HashMap<>();

    static Stream<Arguments> servers() {
        List<Arguments> out = new ArrayList<>();
        for (ObjectStoreEndpoint.Kind kind : ObjectStoreEndpoint.Kind.values()) {
            out.add(Arguments.of(S3Flavor.S3PROXY, "source and target", kind));
            for (S3Flavor f : List.of(S3Flavor.S3PROXY_OLD, S3Flavor.S3MOCK)) {
                out.add(Arguments.of(f, "source", kind));
                out.add(Arguments.of(f, "target", kind));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} as {1}, type {2}")
    @MethodSource("servers")
    void backupRestoreCopyStagedDeltaAndDeepVerify(S3Flavor flavor, String role, ObjectStoreEndpoint.Kind kind) throws Exception {
        boolean asSource = !role.equals("target");
        try (S3Server v2 = S3Server.start(asSource ? flavor : S3Flavor.S3PROXY, tmp.resolve("v2"));
             S3Server v3 = S3Server.start(asSource && flavor != S3Flavor.S3PROXY ? S3Flavor.S3PROXY : flavor, tmp.resolve("v3"));
             ObjectStore src = open("source", kind, v2, "V2");
             ObjectStore dst = open("target", kind, v3, "V3")) {
            String type = kind.name().toLowerCase(java.util.Locale.ROOT);
            Path config = config("migration.yaml", type, v2, v3, "");
            // the restore goes to other buckets of the same target, so that copy's and restore's results are both checked
            Path restoreConfig = config("restore.yaml", type, v2, v3, "bucketMapping:\n  - { from: \"*\", to: \"r$1\" }\n");

            Map<String, byte[]> objects = seed(src);
            CliHarness.Run copy = run(config, "copy");
            assertEquals(0, copy.exit(), copy::toString);
            assertEquals(objects.size(), count(copy.out(), "copied"), copy::toString);
            assertVerified(run(config, "verify", "--deep", "--only", "objects"), objects.size());
            assertSame(src, dst, "", objects);

            // staged copy: one object changed, one added; only those move
            put(src, objects, ACCOUNT, "zz new/ünïcode+plus%.txt", "added after the first copy".getBytes(StandardCharsets.UTF_8));
            put(src, objects, RID, RID + "/obj 1.zip", "changed after the first copy".getBytes(StandardCharsets.UTF_8));
            CliHarness.Run delta = run(config, "copy");
            assertEquals(0, delta.exit(), delta::toString);
            assertEquals(2, count(delta.out(), "copied"), delta::toString);
            assertEquals(objects.size() - 2, count(delta.out(), "skipped"), delta::toString);
            assertVerified(run(config, "verify", "--deep", "--only", "objects"), objects.size());
            assertSame(src, dst, "", objects);

            CliHarness.Run backup = run(config, "backup", "--only", "objects");
            assertEquals(0, backup.exit(), backup::toString);
            // staged backup: one more object; the second backup writes only it
            put(src, objects, ACCOUNT, "emoji-\uFB01 later.bin", "added after the first backup".getBytes(StandardCharsets.UTF_8));
            CliHarness.Run backup2 = run(config, "backup", "--only", "objects");
            assertEquals(0, backup2.exit(), backup2::toString);
            assertEquals(1, count(backup2.out(), "written"), backup2::toString);
            assertEquals(objects.size() - 1, count(backup2.out(), "skipped"), backup2::toString);

            CliHarness.Run restore = run(restoreConfig, "restore", "--only", "objects");
            assertEquals(0, restore.exit(), restore::toString);
            assertVerified(run(restoreConfig, "verify", "--deep", "--only", "objects"), objects.size());
            assertVerified(run(restoreConfig, "verify", "--deep", "--only", "objects", "--no-source"), objects.size());
            assertSame(src, dst, "r", objects);
        }
    }

    private ObjectStore open(String role, ObjectStoreEndpoint.Kind kind, S3Server s, String prefix) {
        env.put(prefix + "_S3_KEY", s.accessKey());
        env.put(prefix + "_S3_SECRET", s.secretKey());
        return ObjectStores.open(new ObjectStoreEndpoint(role, kind, s.endpoint(), "us-east-1", new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_KEY"),
                new PasswordSource(PasswordSource.Kind.ENV, prefix + "_S3_SECRET"), null), env, 5L << 20, 4);
    }

    private Path config(String name, String type, S3Server v2, S3Server v3, String extra) throws Exception {
        Path f = tmp.resolve(name);
        Files.writeString(f, "source:\n  objectStore: { type: " + type + ", endpoint: " + v2.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET }\n"
                + "target:\n  objectStore: { type: " + type + ", endpoint: " + v3.endpoint() + ", accessKeyEnv: V3_S3_KEY, secretKeyEnv: V3_S3_SECRET }\n"
                + "backupSet: " + tmp.resolve("set") + "\nobjects:\n  parallelism: 4\n  partSize: 5MiB\n  segmentSize: 64KiB\n" + extra);
        return f;
    }

    private CliHarness.Run run(Path config, String... args) {
        return CliHarness.run(env, config, args);
    }

    /** A bucket-per-RID bucket and an account bucket with awkward keys; one object of 5 MiB + 1 B goes up in two parts. */
    private static Map<String, byte[]> seed(ObjectStore src) {
        Map<String, byte[]> objects = new LinkedHashMap<>();
        src.createBucket(RID);
        src.createBucket(ACCOUNT);
        for (int j = 0; j < 3; j++) {
            put(src, objects, RID, RID + "/obj " + j + ".zip", ("packet " + j + " ").repeat(50 + j).getBytes(StandardCharsets.UTF_8));
        }
        put(src, objects, RID, "Tags/" + RID + "/PROCESS", new byte[] {'N'});
        for (String k : List.of("with space/and more.json", "plus+sign/a+b=c.json", "percent%20literal/100%.txt", "unicodé/ñandú/数据/ملف.zip",
                "emoji-😀.bin", "emoji-\uFB01.bin", "tilde~and'quote(paren)")) {
            put(src, objects, ACCOUNT, k, k.getBytes(StandardCharsets.UTF_8));
        }
        byte[] big = new byte[(5 << 20) + 1];
        new java.util.Random(7).nextBytes(big);
        put(src, objects, ACCOUNT, "big/multipart packet.zip", big);
        return objects;
    }

    private static void put(ObjectStore s, Map<String, byte[]> objects, String bucket, String key, byte[] data) {
        s.put(bucket, key, new java.io.ByteArrayInputStream(data), data.length, "application/zip", Map.of("rid", RID, "who", "Zoë 数据"));
        objects.put(bucket + "/" + key, data);
    }

    private static long count(String out, String field) {
        Matcher m = Pattern.compile("(?m)^\\s*" + field + ":\\s+(\\d+)").matcher(out);
        long n = 0;
        boolean found = false;
        while (m.find()) {
            n += Long.parseLong(m.group(1));
            found = true;
        }
        return found ? n : -1;
    }

    private static void assertVerified(CliHarness.Run verify, int objects) {
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.out().contains(objects + " object(s)"), verify::toString);
    }

    /** Independent of the tool's own checks: every object's bytes, content type and user metadata on the target. */
    private static void assertSame(ObjectStore src, ObjectStore dst, String bucketPrefix, Map<String, byte[]> objects) throws Exception {
        Map<String, String> listed = new TreeMap<>();
        for (String b : List.of(RID, ACCOUNT)) {
            dst.listObjects(bucketPrefix + b, "").forEach(o -> {
                if (!o.key().endsWith("/")) {
                    listed.put(b + "/" + o.key(), "");
                }
            });
        }
        assertEquals(new TreeMap<>(objects).keySet(), listed.keySet(), "the target holds exactly the source's objects");
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            String b = e.getKey().substring(0, e.getKey().indexOf('/'));
            String k = e.getKey().substring(b.length() + 1);
            try (var in = dst.get(bucketPrefix + b, k)) {
                assertTrue(java.util.Arrays.equals(e.getValue(), in.readAllBytes()), e.getKey());
            }
            assertEquals(src.head(b, k).userMetadata(), dst.head(bucketPrefix + b, k).userMetadata(), e.getKey());
            assertEquals(src.head(b, k).contentType(), dst.head(bucketPrefix + b, k).contentType(), e.getKey());
        }
    }
}
