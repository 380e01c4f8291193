package org.mosipmigrate.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.BucketRule;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Kind;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.testkit.S3Server;

/**
 * Copy, backup -> restore, staged deltas and verify between two real S3 servers (V2 read through the MinIO
 * SDK, V3 written through the AWS SDK), on both MOSIP layouts.
 */
class ObjectMigrationTest {
    @TempDir
    Path tmp;
    S3Server v2;
    S3Server v3;
    ObjectStore src;
    ObjectStore dst;
    List<Fixtures.Obj> objs;

    @BeforeEach
    void start() throws Exception {
        v2 = S3Server.start(tmp.resolve("v2"));
        v3 = S3Server.start(tmp.resolve("v3"));
        src = TestStores.open("source", Kind.MINIO, v2);
        dst = TestStores.open("target", Kind.S3, v3);
        objs = new ArrayList<>(Fixtures.bucketPerRid(5));
        objs.addAll(Fixtures.accountBucket(4));
        Fixtures.load(src, objs);
    }

    @AfterEach
    void stop() throws Exception {
        src.close();
        dst.close();
        v2.close();
        v3.close();
    }

    ObjectCopyService.Result copy(List<BucketRule> rules) {
        return new ObjectCopyService(src, dst, new BucketFilter(null), new BucketMapper(rules), 4, tmp.resolve("state/copy.jsonl"), Progress.NO_OP).execute();
    }

    ObjectVerifyService.Report verify(List<BucketRule> rules, boolean deep) {
        return new ObjectVerifyService(src, dst, new BucketFilter(null), new BucketMapper(rules), 4, deep, Progress.NO_OP).execute();
    }

    void assertTargetHoldsEverything(BucketMapper mapper) throws Exception {
        for (Fixtures.Obj o : objs) {
            BucketMapper.Location to = mapper.map(o.bucket());
            ObjectHead h = dst.head(to.bucket(), to.key(o.key()));
            assertTrue(h != null, "missing " + o.bucket() + "/" + o.key());
            assertEquals(o.meta(), h.userMetadata(), o.key());
            if (o.contentType() != null) {
                assertEquals(o.contentType(), h.contentType(), o.key());
            }
            assertArrayEquals(o.data(), TestStores.read(dst, to.bucket(), to.key(o.key())), o.key());
        }
    }

    @Test
    void copyKeepsBothLayoutsAndVerifiesDeep() throws Exception {
        ObjectCopyService.Result r = copy(List.of());
        assertEquals(objs.size(), r.copied());
        assertEquals(7, r.buckets());
        assertTargetHoldsEverything(new BucketMapper(List.of()));
        ObjectVerifyService.Report v = verify(List.of(), true);
        assertTrue(v.passed(), v::render);
        assertEquals(objs.size(), v.objects());
    }

    @Test
    void copyReLayoutsBucketPerRidIntoAnAccountBucketWithRidPrefix() throws Exception {
        List<BucketRule> rules = List.of(new BucketRule("1000*", "registrations/1000$1/"));
        copy(rules);
        BucketMapper mapper = new BucketMapper(rules);
        assertEquals(new BucketMapper.Location("registrations", Fixtures.rid(3) + "/"), mapper.map(Fixtures.rid(3)));
        assertTargetHoldsEverything(mapper);
        List<String> keys = new ArrayList<>();
        dst.listObjects("registrations", Fixtures.rid(2) + "/").forEach(o -> keys.add(o.key()));
        assertEquals(3, keys.size(), keys::toString);
        assertFalse(dst.bucketExists(Fixtures.rid(2)));
        ObjectVerifyService.Report v = verify(rules, true);
        assertTrue(v.passed(), v::render);
    }

    @Test
    void secondCopyMovesOnlyNewAndChangedObjectsAndReportsSkipped() throws Exception {
        copy(List.of());
        String b = Fixtures.rid(1);
        TestStores.put(src, b, "added-1.json", "{}".getBytes(), "application/json", Map.of());
        TestStores.put(src, Fixtures.ACCOUNT, "new/added-2.zip", TestStores.bytes(999, 3), null, Map.of("x", "y"));
        TestStores.put(src, b, b + "_id.json", "{\"changed\":true}".getBytes(), "application/json", Map.of("source", "REGISTRATION_CLIENT"));
        ObjectCopyService.Result second = copy(List.of());
        assertEquals(3, second.copied(), second::toString);
        assertEquals(objs.size() - 1, second.skipped(), second::toString);
        assertEquals("{\"changed\":true}", new String(TestStores.read(dst, b, b + "_id.json")));
        assertTrue(verify(List.of(), true).passed());
    }

    @Test
    void verifyNamesAChangedByteAMissingObjectAndChangedMetadata() throws Exception {
        copy(List.of());
        String b = Fixtures.rid(2);
        Fixtures.Obj zip = objs.stream().filter(o -> o.bucket().equals(b) && o.key().endsWith("_id.zip")).findFirst().orElseThrow();
        byte[] changed = zip.data().clone();
        changed[100] ^= 1;
        TestStores.put(dst, b, zip.key(), changed, zip.contentType(), zip.meta());
        dst.delete(b, b + "_id.json");
        Map<String, String> meta = new java.util.HashMap<>(zip.meta());
        meta.put("operator", "someone else");
        String acc = Fixtures.ACCOUNT;
        Fixtures.Obj accZip = objs.stream().filter(o -> o.bucket().equals(acc) && o.key().endsWith("_id.zip")).findFirst().orElseThrow();
        TestStores.put(dst, acc, accZip.key(), accZip.data(), accZip.contentType(), meta);

        ObjectVerifyService.Report shallow = verify(List.of(), false);
        ObjectVerifyService.Report deep = verify(List.of(), true);
        String text = deep.render();
        assertFalse(deep.passed());
        assertTrue(text.contains("CONTENT " + b + "/" + zip.key()), text);
        assertTrue(text.contains("MISSING " + b + "/" + b + "_id.json"), text);
        assertTrue(text.contains("METADATA " + acc + "/" + accZip.key() + ": x-amz-meta-operator"), text);
        assertTrue(text.contains("BUCKET_COUNT " + b), text);
        assertFalse(shallow.render().contains("CONTENT "), "a changed byte of equal size is found only by --deep");
    }

    @Test
    void backupRestoreRoundTripWithStagedDeltaAndVerifyAgainstSet() throws Exception {
        Path set = tmp.resolve("set");
        ObjectBackupService.Result first = new ObjectBackupService(src, new BucketFilter(null), 3, set, 64 << 10, 3, Progress.NO_OP).execute();
        assertEquals(objs.size(), first.written());
        assertTrue(first.segments() >= 2, "small segment size gives several segments: " + first);
        // staged: one change, one new, the rest skipped
        String b = Fixtures.rid(4);
        TestStores.put(src, b, b + "_id.json", "{\"v\":2}".getBytes(), "application/json", Map.of("source", "UPDATED ü"));
        TestStores.put(src, b, "Tags/" + b + "/EXTRA", "x".getBytes(), null, Map.of());
        ObjectBackupService.Result second = new ObjectBackupService(src, new BucketFilter(null), 3, set, 64 << 10, 3, Progress.NO_OP).execute();
        assertEquals(2, second.written(), second::toString);
        assertEquals(objs.size() - 1, second.skipped());
        ObjectsManifest m = ObjectsManifest.read(set);
        assertEquals(objs.size() + 1, m.objects());

        ObjectRestoreService.Result r = new ObjectRestoreService(dst, new BucketMapper(List.of()), 3, set, set.resolve("ledger/restore.jsonl"), Progress.NO_OP).execute();
        assertEquals(objs.size() + 1, r.restored());
        assertEquals(1, r.superseded());
        assertEquals("{\"v\":2}", new String(TestStores.read(dst, b, b + "_id.json")));
        assertEquals(Map.of("source", "UPDATED ü"), dst.head(b, b + "_id.json").userMetadata());
        assertTrue(verify(List.of(), true).passed());
        ObjectVerifyService.Report vs = new ObjectVerifyService(null, dst, null, new BucketMapper(List.of()), 2, true, Progress.NO_OP).executeAgainstSet(set);
        assertTrue(vs.passed(), vs::render);
        assertEquals(objs.size() + 1, vs.objects());
        // a second restore finds everything there
        ObjectRestoreService.Result again = new ObjectRestoreService(dst, new BucketMapper(List.of()), 3, set, set.resolve("ledger/restore.jsonl"), Progress.NO_OP).execute();
        assertEquals(0, again.restored());
        // a damaged target object is found against the set too
        dst.delete(b, "Tags/" + b + "/EXTRA");
        ObjectVerifyService.Report bad = new ObjectVerifyService(null, dst, null, new BucketMapper(List.of()), 2, false, Progress.NO_OP).executeAgainstSet(set);
        assertTrue(bad.render().contains("MISSING " + b + "/Tags/" + b + "/EXTRA"), bad::render);
    }

    @Test
    void missingSourceBucketIsAClearError() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(org.mosipmigrate.core.error.MigrateException.class, () ->
                new ObjectCopyService(src, dst, new BucketFilter(List.of("no-such-bucket")), new BucketMapper(List.of()), 2, tmp.resolve("l.jsonl"), Progress.NO_OP).execute());
        assertTrue(e.getMessage().contains("bucket no-such-bucket") && e.getMessage().contains("does not exist"), e.getMessage());
    }
}
