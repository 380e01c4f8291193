package org.mosipmigrate.objects;

import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.S3Server;

/** Opens real clients on test servers, with keys passed the way operators pass them (environment). */
public final class TestStores {
    public static final long PART = 5L << 20;

    private TestStores() {
    }

    public static ObjectStoreEndpoint endpoint(String role, ObjectStoreEndpoint.Kind kind, S3Server s, Map<String, String> env) {
        String prefix = role.toUpperCase(java.util.Locale.ROOT) + "_" + s.port();
        env.put(prefix + "_AK", s.accessKey());
        env.put(prefix + "_SK", s.secretKey());
        return new ObjectStoreEndpoint(role, kind, s.endpoint(), "us-east-1", new PasswordSource(PasswordSource.Kind.ENV, prefix + "_AK"),
                new PasswordSource(PasswordSource.Kind.ENV, prefix + "_SK"), null);
    }

    public static ObjectStore open(String role, ObjectStoreEndpoint.Kind kind, S3Server s) {
        Map<String, String> env = new HashMap<>();
        return ObjectStores.open(endpoint(role, kind, s, env), env, PART, 8);
    }

    /** A client with the given compatibility settings (docs/objects.md). */
    public static ObjectStore open(String role, ObjectStoreEndpoint.Kind kind, S3Server s, ObjectStoreEndpoint.Checksums checksums, ObjectStoreEndpoint.Listing listing) {
        Map<String, String> env = new HashMap<>();
        return ObjectStores.open(endpoint(role, kind, s, env).withCompatibility(checksums, listing), env, PART, 8);
    }

    public static ObjectStore openWithKeys(String role, ObjectStoreEndpoint.Kind kind, String endpoint, String ak, String sk) {
        Map<String, String> env = Map.of("AK", ak, "SK", sk);
        return ObjectStores.open(new ObjectStoreEndpoint(role, kind, endpoint, "us-east-1", new PasswordSource(PasswordSource.Kind.ENV, "AK"),
                new PasswordSource(PasswordSource.Kind.ENV, "SK"), null), env, PART, 4);
    }

    public static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    public static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] read(ObjectStore s, String bucket, String key) throws Exception {
        try (InputStream in = s.get(bucket, key)) {
            return in.readAllBytes();
        }
    }

    public static void put(ObjectStore s, String bucket, String key, byte[] data, String ct, Map<String, String> meta) {
        s.put(bucket, key, new java.io.ByteArrayInputStream(data), data.length, ct, meta);
    }

    /** Keys that break naive code: spaces, Unicode, +, %, deep prefixes, the MOSIP Tags/ objects, UTF-8 vs UTF-16 order. */
    public static final List<String> ODD_KEYS = List.of(
            "plain.zip", "with space/and more spaces.json", "unicodé/ñandú/数据/ملف.zip", "plus+sign/a+b=c.json",
            "percent%20literal/100%.txt", "deep/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/object.bin", "Tags/10001100011000120250101000000/tag-1",
            "Tags/10001100011000120250101000000/PROCESS", "trailing.dot.", "tilde~and'quote\"(paren)", "emoji-😀.bin",
            // U+FB01 sorts after the emoji's surrogates in UTF-16 (Java's String order) but before its UTF-8 bytes (S3's order)
            "emoji-\uFB01.bin");

    public static final Map<String, String> UNICODE_META = Map.of(
            "rid", "10001100011000120250101000000",
            "name", "Ærøskøbing — ñandú — 数据 — ملف — 😀",
            "plain", "ascii value with spaces and =?weird?= bits",
            "json", "{\"a\":\"é\",\"b\":[1,2]}");
}
