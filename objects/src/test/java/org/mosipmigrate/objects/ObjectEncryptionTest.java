package org.mosipmigrate.objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Kind;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.testkit.S3Server;

/** Encrypted object backup between two real S3 servers: nothing readable in the set, sealed manifest, wrong key and damage refused. */
class ObjectEncryptionTest {
    static final String SECRET_CONTENT = "SECRET-BIOMETRIC-PAYLOAD-0123456789 ".repeat(40);
    static final String SECRET_META = "SECRET-META-VALUE-operator-42";
    static final String SECRET_KEY = "Tags/secret-object-key-XYZZY";

    @TempDir
    Path tmp;
    S3Server v2;
    S3Server v3;
    ObjectStore src;
    ObjectStore dst;
    List<Fixtures.Obj> objs;
    final BackupKey key = BackupKey.generate();

    @BeforeEach
    void start() throws Exception {
        v2 = S3Server.start(tmp.resolve("v2"));
        v3 = S3Server.start(tmp.resolve("v3"));
        src = TestStores.open("source", Kind.MINIO, v2);
        dst = TestStores.open("target", Kind.S3, v3);
        objs = new ArrayList<>(Fixtures.bucketPerRid(4));
        objs.addAll(Fixtures.accountBucket(3));
        Fixtures.load(src, objs);
        TestStores.put(src, objs.get(0).bucket(), SECRET_KEY, SECRET_CONTENT.getBytes(StandardCharsets.UTF_8), "text/plain", Map.of("operator", SECRET_META));
    }

    @AfterEach
    void stop() throws Exception {
        src.close();
        dst.close();
        v2.close();
        v3.close();
    }

    ObjectBackupService.Result backup(Path set, BackupKey k) {
        return new ObjectBackupService(src, new BucketFilter(null), 3, set, 64 << 10, 3, Progress.NO_OP, k).execute();
    }

    ObjectRestoreService.Result restore(Path set, String ledger, BackupKey k) {
        return new ObjectRestoreService(dst, new BucketMapper(List.of()), 3, set, set.resolve("ledger/" + ledger), Progress.NO_OP, k).execute();
    }

    static List<Path> files(Path set) throws Exception {
        try (Stream<Path> s = Files.walk(set)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Test
    void encryptedBackupHidesEverythingRestoresAndVerifies() throws Exception {
        Path set = tmp.resolve("set");
        ObjectBackupService.Result first = backup(set, key);
        assertEquals(objs.size() + 1, first.written());
        assertTrue(first.segments() >= 2, first::toString);

        List<String> secrets = new ArrayList<>(List.of(SECRET_CONTENT.substring(0, 40), SECRET_META, SECRET_KEY));
        for (Fixtures.Obj o : objs) {
            o.meta().values().stream().filter(v -> v.length() >= 6).forEach(secrets::add);
            if (o.key().length() >= 8) {
                secrets.add(o.key());
            }
        }
        for (Path f : files(set)) {
            byte[] bytes = Files.readAllBytes(f);
            for (String s : secrets) {
                assertFalse(contains(bytes, s.getBytes(StandardCharsets.UTF_8)), f + " shows " + s);
            }
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            String name = f.getFileName().toString();
            if (name.startsWith("seg-")) {
                assertTrue(name.endsWith(".tar.zst.enc") || name.endsWith(".index.jsonl.enc"), name);
            }
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(set.resolve(ObjectBackupService.SEGMENTS))));
        assertTrue(Files.isRegularFile(set.resolve(ObjectsManifest.SEAL)));
        ObjectsManifest m = ObjectsManifest.read(set, key);
        assertEquals(key.keyId(), m.encryption().keyId());
        for (ObjectsManifest.Segment s : m.segments()) {
            assertEquals(s.bytes(), Files.size(set.resolve(s.file())), "manifest bytes are the stored (encrypted) bytes");
            assertEquals(s.sha256(), TestStores.sha256(Files.readAllBytes(set.resolve(s.file()))));
            assertEquals(s.indexSha256(), TestStores.sha256(Files.readAllBytes(set.resolve(s.index()))));
        }

        // staged backup dedups through the encrypted indexes
        ObjectBackupService.Result second = backup(set, key);
        assertEquals(0, second.written(), second::toString);
        assertEquals(objs.size() + 1, second.skipped());

        ObjectRestoreService.Result r = restore(set, "restore.jsonl", key);
        assertEquals(objs.size() + 1, r.restored());
        assertEquals(SECRET_CONTENT, new String(TestStores.read(dst, objs.get(0).bucket(), SECRET_KEY), StandardCharsets.UTF_8));
        assertEquals(Map.of("operator", SECRET_META), dst.head(objs.get(0).bucket(), SECRET_KEY).userMetadata());
        ObjectVerifyService.Report vs = new ObjectVerifyService(null, dst, null, new BucketMapper(List.of()), 2, true, Progress.NO_OP)
                .executeAgainstSet(set, key);
        assertTrue(vs.passed(), vs::render);
        assertEquals(objs.size() + 1, vs.objects());
    }

    @Test
    void wrongKeyMissingKeyAndTamperingAreRefused() throws Exception {
        Path set = tmp.resolve("set");
        backup(set, key);

        MigrateException wrong = assertThrows(MigrateException.class, () -> restore(set, "r1.jsonl", BackupKey.generate()));
        assertEquals(ErrorCode.CONFIG, wrong.code());
        assertTrue(wrong.getMessage().contains(key.keyId()), wrong.getMessage());
        MigrateException none = assertThrows(MigrateException.class, () -> restore(set, "r2.jsonl", null));
        assertEquals(ErrorCode.CONFIG, none.code());
        assertTrue(none.getMessage().contains("encrypted"), none.getMessage());
        MigrateException verifyNone = assertThrows(MigrateException.class, () ->
                new ObjectVerifyService(null, dst, null, new BucketMapper(List.of()), 2, false, Progress.NO_OP).executeAgainstSet(set));
        assertEquals(ErrorCode.CONFIG, verifyNone.code());
        MigrateException backupNone = assertThrows(MigrateException.class, () -> backup(set, null));
        assertEquals(ErrorCode.CONFIG, backupNone.code());

        // a flipped byte in a segment
        ObjectsManifest m = ObjectsManifest.read(set, key);
        ObjectsManifest.Segment seg = m.segments().stream().max(java.util.Comparator.comparingLong(ObjectsManifest.Segment::bytes)).orElseThrow();
        Path segFile = set.resolve(seg.file());
        byte[] b = Files.readAllBytes(segFile);
        b[b.length / 2] ^= 0x01;
        Files.write(segFile, b);
        MigrateException flipped = assertThrows(MigrateException.class, () -> restore(set, "r3.jsonl", key));
        assertEquals(ErrorCode.BACKUP_SET_CORRUPT, flipped.code());
        assertTrue(flipped.getMessage().contains(segFile.getFileName().toString()), flipped.getMessage());
        b[b.length / 2] ^= 0x01;
        Files.write(segFile, b);

        // a flipped byte in an index
        Path idx = set.resolve(seg.index());
        byte[] ib = Files.readAllBytes(idx);
        ib[ib.length - 20] ^= 0x01;
        Files.write(idx, ib);
        MigrateException flippedIndex = assertThrows(MigrateException.class, () ->
                new ObjectVerifyService(null, dst, null, new BucketMapper(List.of()), 2, false, Progress.NO_OP).executeAgainstSet(set, key));
        assertEquals(ErrorCode.BACKUP_SET_CORRUPT, flippedIndex.code());
        assertTrue(flippedIndex.getMessage().contains(idx.getFileName().toString()), flippedIndex.getMessage());
        ib[ib.length - 20] ^= 0x01;
        Files.write(idx, ib);

        // an edited manifest
        Path mf = set.resolve(ObjectsManifest.FILE);
        String text = Files.readString(mf);
        Files.writeString(mf, text.replaceFirst("\"objects\"\\s*:\\s*\\d+", "\"objects\" : 1"));
        MigrateException edited = assertThrows(MigrateException.class, () -> restore(set, "r4.jsonl", key));
        assertEquals(ErrorCode.BACKUP_SET_CORRUPT, edited.code());
        assertTrue(edited.getMessage().contains("seal"), edited.getMessage());
        Files.writeString(mf, text);
        assertEquals(objs.size() + 1, restore(set, "r5.jsonl", key).restored());
    }
}
