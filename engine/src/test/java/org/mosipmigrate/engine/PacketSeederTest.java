package org.mosipmigrate.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.objects.BucketFilter;
import org.mosipmigrate.objects.ObjectHead;
import org.mosipmigrate.objects.ObjectInfo;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.ObjectStoreSurvey;
import org.mosipmigrate.objects.TestStores;
import org.mosipmigrate.seed.packets.PacketLayout;
import org.mosipmigrate.seed.packets.PacketSeeder;
import org.mosipmigrate.testkit.S3Server;

/** seed-v2's packets on a real S3 server: both layouts, detected back by the survey; same seed, same objects. */
class PacketSeederTest {
    static List<String> rids(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            out.add(String.format("1000110002%05d20210301%06d", i, 80000 + i));
        }
        return out;
    }

    static PacketSeeder.Options options(PacketLayout layout, long seed) {
        return new PacketSeeder.Options(layout, PacketSeeder.DEFAULT_ACCOUNT_BUCKET, seed, 0.01, 4);
    }

    /** bucket/key -> size, SHA-256 and metadata of every object. */
    static Map<String, String> contents(ObjectStore s) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String b : s.listBuckets()) {
            for (ObjectInfo o : s.listObjects(b, "")) {
                ObjectHead h = s.head(b, o.key());
                out.put(b + "/" + o.key(), o.size() + " " + TestStores.sha256(TestStores.read(s, b, o.key())) + " " + h.userMetadata());
            }
        }
        return out;
    }

    @Test
    void bucketPerRidIsDetectedWithItsCountsAndSameSeedGivesSameObjects() throws Exception {
        try (S3Server a = S3Server.start(); S3Server b = S3Server.start();
             ObjectStore sa = TestStores.open("source", ObjectStoreEndpoint.Kind.MINIO, a);
             ObjectStore sb = TestStores.open("source", ObjectStoreEndpoint.Kind.S3, b)) {
            PacketSeeder.Result r = new PacketSeeder(Seeding.asPacketStore(sa), Progress.NO_OP).seed(rids(12), options(PacketLayout.BUCKET_PER_RID, 7));
            new PacketSeeder(Seeding.asPacketStore(sb), Progress.NO_OP).seed(rids(12), options(PacketLayout.BUCKET_PER_RID, 7));
            assertEquals(12, r.registrations());
            assertEquals(12, r.buckets());
            Map<String, String> ca = contents(sa);
            assertEquals(ca, contents(sb), "same seed, same objects, bytes and metadata");
            assertEquals(r.objects(), ca.size());
            assertTrue(ca.keySet().stream().anyMatch(k -> k.contains("/Tags/")), "Tags/ objects");
            assertTrue(ca.values().stream().anyMatch(v -> v.contains("process=")), "user metadata");

            ObjectStoreSurvey.Result s = new ObjectStoreSurvey(sa, new BucketFilter(null), 4).run(4, 1 << 20);
            assertEquals(ObjectStoreSurvey.Layout.BUCKET_PER_RID, s.layout());
            assertEquals(12, s.buckets());
            assertEquals(12, s.ridBuckets());
            assertEquals(r.objects(), s.objects());
            assertEquals(r.bytes(), s.bytes());
            assertEquals(4, s.sampleObjects());
            assertTrue(s.estimatedCopySeconds(8) > 0);
        }
    }

    @Test
    void accountBucketIsDetectedAndAnotherSeedGivesOtherBytes() throws Exception {
        try (S3Server a = S3Server.start(); ObjectStore sa = TestStores.open("source", ObjectStoreEndpoint.Kind.MINIO, a)) {
            PacketSeeder.Result r = new PacketSeeder(Seeding.asPacketStore(sa), Progress.NO_OP).seed(rids(10), options(PacketLayout.ACCOUNT_BUCKET, 7));
            assertEquals(1, r.buckets());
            ObjectStoreSurvey.Result s = new ObjectStoreSurvey(sa, new BucketFilter(null), 4).run(3, 1 << 20);
            assertEquals(ObjectStoreSurvey.Layout.ACCOUNT_BUCKET, s.layout());
            assertEquals(List.of(PacketSeeder.DEFAULT_ACCOUNT_BUCKET), s.accountBuckets());
            assertEquals(r.objects(), s.objects());
            Map<String, String> first = contents(sa);
            new PacketSeeder(Seeding.asPacketStore(sa), Progress.NO_OP).seed(rids(10), options(PacketLayout.ACCOUNT_BUCKET, 8));
            assertNotEquals(first, contents(sa), "another seed writes other objects");
        }
    }
}
