package org.mosipmigrate.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.testkit.S3Flavor;
import org.mosipmigrate.testkit.S3Server;

/**
 * The one conformance suite of the {@link ObjectStore} seam, run against each client library on each real
 * S3 server the testkit starts (S3Proxy 4.1.0, S3Proxy 2.6.0, S3Mock 4.8.0).
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class ObjectStoreContract {
    S3Server server;
    ObjectStore store = null;

    abstract ObjectStoreEndpoint.Kind kind();

    S3Flavor flavor() {
        return S3Flavor.S3PROXY;
    }

    @BeforeAll
    void startServer() throws Exception {
        server = S3Server.start(flavor());
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    /** Never listed: the adapters leave out folder entries (S3Proxy 2.6.0 lists its directories as keys ending in '/'). */
    boolean directoryEntry(ObjectInfo o) {
        org.junit.jupiter.api.Assertions.assertFalse(o.key().endsWith("/"), () -> "folder entry listed: " + o.key());
        return false;
    }

    /** Keys as listed. */
    Set<String> listed(String bucket, String prefix) {
        Set<String> out = new HashSet<>();
        store().listObjects(bucket, prefix).forEach(o -> {
            if (!directoryEntry(o)) {
                out.add(o.key());
            }
        });
        return out;
    }

    ObjectStore store() {
        if (store == null) {
            store = TestStores.open("target", kind(), server);
        }
        return store;
    }

    @org.junit.jupiter.api.AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    String bucket(String name) {
        String b = (kind().name().toLowerCase() + "-" + name).toLowerCase();
        store().createBucket(b);
        return b;
    }

    @Test
    void createBucketIsIdempotentAndListed() {
        String b = bucket("create");
        assertTrue(store().bucketExists(b));
        store().createBucket(b);
        assertFalse(store().bucketExists(b + "-nope"));
        List<String> all = new ArrayList<>();
        store().listBuckets().forEach(all::add);
        assertTrue(all.contains(b), all::toString);
    }

    @Test
    void sizesZeroOneAndMultipartRoundTripByteExact() throws Exception {
        String b = bucket("sizes");
        for (int size : new int[] {0, 1, 4096, (5 << 20) + 1, (11 << 20) + 7}) {
            byte[] data = TestStores.bytes(size, size);
            TestStores.put(store(), b, "obj-" + size, data, "application/zip", Map.of("size", String.valueOf(size)));
            ObjectHead h = store().head(b, "obj-" + size);
            assertEquals(size, h.size());
            assertEquals("application/zip", h.contentType());
            assertEquals(Map.of("size", String.valueOf(size)), h.userMetadata());
            assertArrayEquals(data, TestStores.read(store(), b, "obj-" + size), "object of " + size + " bytes");
        }
        // a multipart ETag is not an MD5: it carries the part count
        assertTrue(store().head(b, "obj-" + ((5 << 20) + 1)).etag().contains("-"), "multipart upload expected for 5 MiB + 1 B");
    }

    @Test
    void oddKeysAreListedAndReadBackExactly() throws Exception {
        String b = bucket("odd");
        for (String k : TestStores.ODD_KEYS) {
            TestStores.put(store(), b, k, k.getBytes(java.nio.charset.StandardCharsets.UTF_8), null, Map.of());
        }
        assertEquals(new HashSet<>(TestStores.ODD_KEYS), listed(b, ""));
        for (String k : TestStores.ODD_KEYS) {
            assertEquals(k, new String(TestStores.read(store(), b, k), java.nio.charset.StandardCharsets.UTF_8));
        }
        Set<String> tags = listed(b, "Tags/");
        assertEquals(2, tags.size(), tags::toString);
    }

    /** Every object of a bucket whose listing is not in UTF-8 order (U+FB01 beside an emoji) is handed out once. */
    @Test
    void walkerHandsEveryObjectExactlyOnceInAnyServerOrder() {
        String b = bucket("walk");
        for (String k : TestStores.ODD_KEYS) {
            TestStores.put(store(), b, k, new byte[] {1}, null, Map.of());
        }
        List<String> seen = java.util.Collections.synchronizedList(new ArrayList<>());
        new ObjectWalker(store(), new BucketFilter(List.of(b)), 4).walk(new ObjectWalker.Handler() {
            @Override
            public void bucket(String bucket) {
            }

            @Override
            public void object(String bucket, ObjectInfo o) {
                if (!directoryEntry(o)) {
                    seen.add(o.key());
                }
            }
        });
        assertEquals(new HashSet<>(TestStores.ODD_KEYS), new HashSet<>(seen));
        assertEquals(TestStores.ODD_KEYS.size(), seen.size(), () -> "each key once: " + seen);
    }

    @Test
    void orderedListingRefusesAServerOutOfOrderNamingTheSetting() {
        String b = bucket("ordered");
        for (String k : List.of("emoji-😀.bin", "emoji-\uFB01.bin")) {
            TestStores.put(store(), b, k, new byte[] {1}, null, Map.of());
        }
        try (ObjectStore ordered = TestStores.open("target", kind(), server, ObjectStoreEndpoint.Checksums.AUTO, ObjectStoreEndpoint.Listing.ORDERED)) {
            var e = assertThrows(org.mosipmigrate.core.error.MigrateException.class, () -> new ObjectWalker(ordered, new BucketFilter(List.of(b)), 2)
                    .walk(new ObjectWalker.Handler() {
                        @Override
                        public void bucket(String bucket) {
                        }

                        @Override
                        public void object(String bucket, ObjectInfo o) {
                        }
                    }));
            assertTrue(e.getMessage().contains("bucket " + b) && e.getMessage().contains("UTF-8"), e.getMessage());
            assertTrue(e.hint().contains("target.objectStore.listing: auto"), e.hint());
        }
    }

    @Test
    void unicodeUserMetadataIsPreservedExactly() {
        String b = bucket("meta");
        TestStores.put(store(), b, "packet.zip", TestStores.bytes(100, 1), "application/octet-stream", TestStores.UNICODE_META);
        ObjectHead h = store().head(b, "packet.zip");
        assertEquals(TestStores.UNICODE_META, h.userMetadata());
        assertNull(store().head(b, "absent"));
    }

    @Test
    void downloadGivesTheBytesWithWhatAHeadTells() throws Exception {
        String b = bucket("download");
        byte[] data = TestStores.bytes(70_000, 5);
        TestStores.put(store(), b, "dir/packet one.zip", data, "application/zip", TestStores.UNICODE_META);
        ObjectStore.Download d = store().download(b, "dir/packet one.zip");
        try (var in = d.body()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(data, in.readAllBytes());
        }
        ObjectHead h = store().head(b, "dir/packet one.zip");
        assertEquals(h, d.head(), "the same size, ETag, content type and user metadata as a HEAD");
        assertNull(store().download(b, "absent"));
    }

    @Test
    void listingIsPaginated() {
        String b = bucket("pages");
        ObjectStore s = store();
        // two pages of 1,000 keys and a part of a third, written by 8 threads
        java.util.concurrent.ForkJoinPool pool = new java.util.concurrent.ForkJoinPool(8);
        try {
            pool.submit(() -> java.util.stream.IntStream.range(0, 2100).parallel()
                    .forEach(i -> TestStores.put(s, b, String.format("p/%05d", i), new byte[] {(byte) i}, null, Map.of()))).get();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
        int[] n = {0};
        long[] bytes = {0};
        store().listObjects(b, "p/").forEach(o -> {
            n[0]++;
            bytes[0] += o.size();
        });
        assertEquals(2100, n[0]);
        assertEquals(2100, bytes[0]);
    }

    @Test
    void missingBucketNamesTheBucket() {
        var e = assertThrows(ObjectStoreException.class, () -> store().listObjects("no-such-bucket-x", "").iterator().hasNext());
        assertTrue(e.getMessage().contains("no-such-bucket-x") && e.getMessage().contains("does not exist"), e.getMessage());
        var g = assertThrows(ObjectStoreException.class, () -> store().get("no-such-bucket-x", "k").close());
        assertTrue(g.getMessage().contains("no-such-bucket-x/k"), g.getMessage());
    }

    @Test
    void badCredentialsAreAnAuthenticationError() {
        org.junit.jupiter.api.Assumptions.assumeTrue(flavor().checksCredentials(), flavor() + " accepts any key pair");
        try (ObjectStore bad = TestStores.openWithKeys("source", kind(), server.endpoint(), server.accessKey(), "wrong-secret")) {
            var e = assertThrows(ObjectStoreException.class, () -> bad.listObjects("anything", "").iterator().hasNext());
            assertEquals(ErrorCode.AUTHENTICATION, e.code(), e.getMessage());
            assertFalse(e.getMessage().contains(server.secretKey()));
            assertFalse(e.retryable());
        }
    }

    @Test
    void unreachableServerIsClassified() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (ObjectStore dead = TestStores.openWithKeys("source", kind(), "http://127.0.0.1:" + port, "a", "b")) {
            var e = assertThrows(ObjectStoreException.class, () -> dead.bucketExists("xyz-bucket"));
            assertEquals(ErrorCode.SOURCE_UNREACHABLE, e.code(), e.getMessage());
            assertTrue(e.retryable());
        }
    }

    @Test
    void deleteRemovesTheObject() {
        String b = bucket("delete");
        TestStores.put(store(), b, "k", new byte[] {1, 2}, null, Map.of());
        store().delete(b, "k");
        assertNull(store().head(b, "k"));
    }
}
