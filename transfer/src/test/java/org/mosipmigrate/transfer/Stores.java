package org.mosipmigrate.transfer;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.SetLocation;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.S3Flavor;
import org.mosipmigrate.testkit.S3Server;

/** Real clients on test servers, keys passed through an environment map as operators do. */
final class Stores {
    static final long PART = 5L << 20;

    private Stores() {
    }

    /** A fresh S3Proxy holding an empty bucket {@code sets}. */
    static S3Server serverWithSetsBucket() throws Exception {
        return serverWithSetsBucket(S3Flavor.S3PROXY);
    }

    /** A fresh server of {@code flavor} holding an empty bucket {@code sets}. */
    static S3Server serverWithSetsBucket(S3Flavor flavor) throws Exception {
        S3Server server = S3Server.start(flavor);
        try (var s = objectStore(ObjectStoreEndpoint.Kind.S3, server.endpoint(), server.accessKey(), server.secretKey())) {
            s.createBucket("sets");
        }
        return server;
    }

    static ObjectStore objectStore(ObjectStoreEndpoint.Kind kind, String endpoint, String accessKey, String secretKey) {
        Map<String, String> env = Map.of("BS_AK", accessKey, "BS_SK", secretKey);
        return ObjectStores.open(new ObjectStoreEndpoint(ObjectStoreEndpoint.BACKUP_STORE, kind, endpoint, "us-east-1",
                new PasswordSource(PasswordSource.Kind.ENV, "BS_AK"), new PasswordSource(PasswordSource.Kind.ENV, "BS_SK"), null), env, PART, 8);
    }

    static BackupSetStore s3(ObjectStoreEndpoint.Kind kind, String endpoint, String accessKey, String secretKey, String location) {
        return new S3SetStore(objectStore(kind, endpoint, accessKey, secretKey), SetLocation.parse(location, java.nio.file.Path.of("."), "test"));
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] read(BackupSetStore s, String path) throws Exception {
        try (InputStream in = s.open(path)) {
            return in.readAllBytes();
        }
    }

    static String write(BackupSetStore s, String path, byte[] data, String expected) {
        return s.write(path, new java.io.ByteArrayInputStream(data), data.length, expected);
    }
}
