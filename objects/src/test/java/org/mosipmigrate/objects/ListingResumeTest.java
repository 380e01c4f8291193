package org.mosipmigrate.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Checksums;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Listing;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.FaultProxy;
import org.mosipmigrate.testkit.S3Server;

/**
 * A bucket listed out of UTF-8 order (an emoji before U+FB01, as S3Proxy lists) over more than one page, through a
 * proxy that resets every connection after 400 KB (mid-listing: a page is about 250 KB) and answers 503 SlowDown: every key is handed out exactly once in each
 * listing mode that accepts such a server, and the faults really happened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListingResumeTest {
    S3Server server;
    final Set<String> keys = new HashSet<>();

    @BeforeAll
    void seed() throws Exception {
        server = S3Server.start();
        try (ObjectStore s = TestStores.open("source", ObjectStoreEndpoint.Kind.S3, server)) {
            s.createBucket("pages");
            List<String> all = new ArrayList<>();
            for (int i = 0; i < 1150; i++) {
                all.add(String.format("p/%05d/emoji-%s.bin", i, i % 2 == 0 ? "😀" : "\uFB01"));
            }
            all.add("p/00000/emoji-\uFB01.bin");
            all.parallelStream().forEach(k -> TestStores.put(s, "pages", k, new byte[] {1}, null, Map.of()));
            keys.addAll(all);
        }
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = Listing.class, names = {"AUTO", "SORTED"})
    void everyKeyOnceThroughResetsAnd503s(Listing mode) throws Exception {
        System.setProperty("mosip-migrate.retry.baseMillis", "20");
        System.setProperty("mosip-migrate.retry.attempts", "12");
        try (FaultProxy proxy = FaultProxy.start(server.port()).cutEvery(1, 400_000).slowDownEvery(4)) {
            Map<String, String> env = new HashMap<>(Map.of("AK", server.accessKey(), "SK", server.secretKey()));
            ObjectStoreEndpoint e = new ObjectStoreEndpoint("source", ObjectStoreEndpoint.Kind.S3, "http://127.0.0.1:" + proxy.port(), "us-east-1",
                    new PasswordSource(PasswordSource.Kind.ENV, "AK"), new PasswordSource(PasswordSource.Kind.ENV, "SK"), null)
                    .withCompatibility(Checksums.LEGACY, mode);
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            ObjectWalker walker;
            try (ObjectStore store = ObjectStores.open(e, env, TestStores.PART, 4)) {
                // about 300 KB through the kept-alive connection first, so that the walk's own listing crosses the cut
                store.listObjects("pages", "").forEach(o -> { });
                walker = new ObjectWalker(store, new BucketFilter(List.of("pages")), 4);
                walker.walk(new ObjectWalker.Handler() {
                    @Override
                    public void bucket(String bucket) {
                    }

                    @Override
                    public void object(String bucket, ObjectInfo o) {
                        seen.add(o.key());
                    }
                });
            }
            assertTrue(proxy.cuts() + proxy.slowDowns() > 0, "the proxy really broke listings");
            assertEquals(keys, new HashSet<>(seen));
            assertEquals(keys.size(), seen.size(), "each key exactly once");
            assertEquals(1, walker.sortedBuckets(), "walked through the sorted run");
        } finally {
            System.clearProperty("mosip-migrate.retry.baseMillis");
            System.clearProperty("mosip-migrate.retry.attempts");
        }
    }
}
