package org.mosipmigrate.cli;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;

/**
 * Real servers for backup sets on S3: a source database (PostgreSQL, 15 -> 15), V2 and V3 object stores, and a
 * third S3 server as the backup store with a bucket {@code sets}; configs that name them, keys in the environment.
 */
final class SetOnS3Fixture implements AutoCloseable {
    final Path tmp;
    final String db;
    final PgServers.Pair pair;
    final S3Server v2;
    final S3Server v3;
    final S3Server bs;
    final ObjectStore src;
    final ObjectStore dst;
    final Map<String, String> env = new HashMap<>();
    /** Written into every config; a test may change them before writing its configs. */
    int parallelism = 2;
    String segmentSize = "64KiB";
    /** YAML lines added under {@code source:} and {@code target:} (e.g. keystores). */
    String sourceExtra = "";
    String targetExtra = "";

    SetOnS3Fixture(Path tmp, String db, int rows) throws Exception {
        this.tmp = tmp;
        this.db = db;
        pair = PgServers.local();
        pair.source().freshDatabase(db);
        pair.source().execute(db, "CREATE TABLE person (id bigint PRIMARY KEY, name text, born date)",
                "INSERT INTO person SELECT g, 'résident ' || md5(g::text), DATE '1950-01-01' + (g % 20000) FROM generate_series(1, " + rows + ") g",
                "CREATE SEQUENCE ticket START 7", "ANALYZE");
        pair.target().dropDatabase(db);
        v2 = S3Server.start(tmp.resolve("v2"));
        v3 = S3Server.start(tmp.resolve("v3"));
        bs = S3Server.start(tmp.resolve("bs"));
        env.put("V2_S3_KEY", v2.accessKey());
        env.put("V2_S3_SECRET", v2.secretKey());
        env.put("V3_S3_KEY", v3.accessKey());
        env.put("V3_S3_SECRET", v3.secretKey());
        env.put("BS_KEY", bs.accessKey());
        env.put("BS_SECRET", bs.secretKey());
        put(pair.source(), "MM_V2_PW");
        put(pair.target(), "MM_V3_PW");
        src = open("source", v2, "V2_S3_KEY", "V2_S3_SECRET");
        dst = open("target", v3, "V3_S3_KEY", "V3_S3_SECRET");
        try (ObjectStore store = open(ObjectStoreEndpoint.BACKUP_STORE, bs, "BS_KEY", "BS_SECRET")) {
            store.createBucket("sets");
        }
    }

    private void put(PgServer s, String name) {
        if (s.password() != null) {
            env.put(name, s.password());
        }
    }

    ObjectStore open(String role, S3Server s, String ak, String sk) {
        return ObjectStores.open(new ObjectStoreEndpoint(role, ObjectStoreEndpoint.Kind.S3, s.endpoint(), "us-east-1",
                new PasswordSource(PasswordSource.Kind.ENV, ak), new PasswordSource(PasswordSource.Kind.ENV, sk), null), env, 5L << 20, 8);
    }

    /** {@code buckets} bucket-per-RID buckets of {@code per} small objects with Unicode metadata, plus one object of {@code bigBytes}. */
    int seedObjects(int buckets, int per, int bigBytes) {
        int n = 0;
        for (int i = 0; i < buckets; i++) {
            String b = String.format("10001100011000%015d", i);
            src.createBucket(b);
            for (int j = 0; j < per; j++) {
                byte[] data = ("packet " + i + "/" + j + " ").repeat(30 + j).getBytes(StandardCharsets.UTF_8);
                src.put(b, b + "/obj " + j + ".zip", new ByteArrayInputStream(data), data.length, "application/zip", Map.of("rid", b, "who", "Zoë 数据"));
                n++;
            }
        }
        if (bigBytes > 0) {
            byte[] big = new byte[bigBytes];
            new Random(5).nextBytes(big);
            src.createBucket("bulk");
            src.put("bulk", "big.bin", new ByteArrayInputStream(big), big.length, null, Map.of());
            n++;
        }
        return n;
    }

    private String pg(PgServer s, String pwEnv) {
        return "    host: " + s.host() + "\n    port: " + s.port() + "\n    user: " + s.user() + "\n"
                + (s.password() != null ? "    passwordEnv: " + pwEnv + "\n" : "");
    }

    /** A config whose backup set is {@code backupSet} (a directory or s3://sets/...), with every server and {@code extra} YAML. */
    Path config(String name, String backupSet, String extra) throws Exception {
        Path f = tmp.resolve(name + ".yaml");
        Files.writeString(f, "source:\n  postgres:\n" + pg(pair.source(), "MM_V2_PW") + "    databases: [" + db + "]\n" + sourceExtra
                + "  objectStore: { type: minio, endpoint: " + v2.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET }\n"
                + "target:\n  postgres:\n" + pg(pair.target(), "MM_V3_PW") + targetExtra
                + "  objectStore: { type: s3, endpoint: " + v3.endpoint() + ", accessKeyEnv: V3_S3_KEY, secretKeyEnv: V3_S3_SECRET }\n"
                + "backupStore: { type: s3, endpoint: " + bs.endpoint() + ", accessKeyEnv: BS_KEY, secretKeyEnv: BS_SECRET, partSize: 5MiB, spoolDir: "
                + tmp.resolve("spool") + " }\n"
                + "backupSet: " + backupSet + "\nstateDir: " + tmp.resolve("state-" + name) + "\nparallelism: " + parallelism + "\nchunkSize: 128KiB\n"
                + "objects:\n  parallelism: 4\n  segmentSize: " + segmentSize + "\n" + extra);
        return f;
    }

    CliHarness.Run run(Path config, String... args) {
        return CliHarness.run(env, config, args);
    }

    /** The CLI in a child JVM, to be killed with SIGKILL. */
    Process start(Path config, Path log, String... args) throws Exception {
        return CliHarness.start(env, config, log, args);
    }

    /** Where the backup store keeps an object of bucket {@code sets} (S3Proxy's filesystem backend). */
    Path stored(String key) {
        return bs.dir().resolve("sets").resolve(key);
    }

    @Override
    public void close() throws java.io.IOException {
        src.close();
        dst.close();
        for (S3Server s : List.of(v2, v3, bs)) {
            try {
                s.close();
            } catch (Exception e) {
                throw new java.io.IOException(e);
            }
        }
    }
}
