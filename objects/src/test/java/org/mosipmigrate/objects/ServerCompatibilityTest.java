package org.mosipmigrate.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Checksums;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Listing;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.testkit.S3Flavor;
import org.mosipmigrate.testkit.S3Server;

/** What each client finds out about each server: identity, and the checksum form auto chooses, with no object written. */
class ServerCompatibilityTest {
    @ParameterizedTest
    @EnumSource(ObjectStoreEndpoint.Kind.class)
    void autoChoosesWhatEachServerAccepts(ObjectStoreEndpoint.Kind kind) throws Exception {
        for (S3Flavor f : S3Flavor.values()) {
            try (S3Server s = S3Server.start(f); ObjectStore store = TestStores.open("target", kind, s, Checksums.AUTO, Listing.AUTO)) {
                Compatibility c = store.compatibility();
                boolean old = f == S3Flavor.S3PROXY_OLD;
                assertTrue(c.checksums().startsWith(old ? "auto: legacy" : "auto: flexible"), f + ": " + c.checksums());
                assertTrue(c.checksums().contains("target.objectStore.checksums"), c.checksums());
                if (old) {
                    assertTrue(c.server().contains("Jetty"), f + ": " + c.server());
                    assertTrue(c.checksums().contains("NotImplemented"), c.checksums());
                }
                assertEquals(Listing.AUTO, c.listing());
                assertTrue(!store.listBuckets().iterator().hasNext(), f + ": the probe writes nothing");
                // the chosen form is accepted: a write in each size class goes through
                store.createBucket("compat");
                TestStores.put(store, "compat", "small", new byte[] {1, 2, 3}, null, Map.of());
                byte[] big = TestStores.bytes((5 << 20) + 1, 3);
                assertEquals(TestStores.sha256(big), store.putVerified("compat", "set/file", new java.io.ByteArrayInputStream(big), big.length, null));
            }
        }
    }

    /** Forcing x-amz-checksum-sha256 on a server that does not implement it stops with the setting to change. */
    @ParameterizedTest
    @EnumSource(ObjectStoreEndpoint.Kind.class)
    void flexibleOnAnOldServerNamesTheSetting(ObjectStoreEndpoint.Kind kind) throws Exception {
        try (S3Server s = S3Server.start(S3Flavor.S3PROXY_OLD); ObjectStore store = TestStores.open("target", kind, s, Checksums.FLEXIBLE, Listing.AUTO)) {
            store.createBucket("flex");
            var e = assertThrows(ObjectStoreException.class, () -> store.putVerified("flex", "f", new java.io.ByteArrayInputStream(new byte[10]), 10, null));
            assertEquals(ErrorCode.CONFIG, e.code(), e.getMessage());
            assertTrue(e.hint().contains("target.objectStore.checksums: legacy"), e.hint());
        }
    }

    /** Legacy writes carry Content-MD5, which the server checks: S3Proxy 2.6.0 takes every size through both clients. */
    @Test
    void legacyWritesGoThroughOnTheOldServer() throws Exception {
        try (S3Server s = S3Server.start(S3Flavor.S3PROXY_OLD)) {
            for (ObjectStoreEndpoint.Kind kind : ObjectStoreEndpoint.Kind.values()) {
                try (ObjectStore store = TestStores.open("target", kind, s, Checksums.LEGACY, Listing.AUTO)) {
                    String b = "legacy-" + kind.name().toLowerCase(java.util.Locale.ROOT);
                    store.createBucket(b);
                    for (int size : new int[] {0, 1, (5 << 20) + 1}) {
                        byte[] data = TestStores.bytes(size, size);
                        TestStores.put(store, b, "obj-" + size, data, "application/zip", Map.of());
                        assertEquals(TestStores.sha256(data), TestStores.sha256(TestStores.read(store, b, "obj-" + size)));
                        assertEquals(TestStores.sha256(data), store.putVerified(b, "set-" + size, new java.io.ByteArrayInputStream(data), size, null));
                    }
                }
            }
        }
    }
}
