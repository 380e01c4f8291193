package org.mosipmigrate.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.StoredFile;
import org.mosipmigrate.core.set.store.StoredFileMissingException;

/**
 * The one conformance suite of the {@link BackupSetStore} seam, run against a local directory and against a
 * real S3 server through each client library.
 */
abstract class BackupSetStoreContract {
    private BackupSetStore store;

    /** A fresh, empty set location. */
    abstract BackupSetStore open() throws Exception;

    BackupSetStore store() throws Exception {
        if (store == null) {
            store = open();
        }
        return store;
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
            store = null;
        }
    }

    @Test
    void filesOfOddSizesRoundTripWithTheirHash() throws Exception {
        int[] sizes = {0, 1, (5 << 20) + 1}; // the last is two parts on S3
        for (int size : sizes) {
            byte[] data = Stores.bytes(size, size);
            String path = "db/001-x/data/00001-s.t/" + size + ".copy.zst";
            assertEquals(Stores.sha256(data), Stores.write(store(), path, data, Stores.sha256(data)));
            assertEquals(size, store().size(path));
            assertTrue(store().exists(path));
            assertArrayEquals(data, Stores.read(store(), path));
        }
        Map<String, Long> listed;
        try (var files = store().list()) {
            listed = files.collect(Collectors.toMap(StoredFile::path, StoredFile::size, (a, b) -> a, TreeMap::new));
        }
        assertEquals(Map.of("db/001-x/data/00001-s.t/0.copy.zst", 0L, "db/001-x/data/00001-s.t/1.copy.zst", 1L,
                "db/001-x/data/00001-s.t/5242881.copy.zst", (long) (5 << 20) + 1), listed);
    }

    @Test
    void contentWithAnotherHashNeverBecomesVisible() throws Exception {
        byte[] good = Stores.bytes(1000, 1);
        byte[] bad = Stores.bytes(1000, 2);
        MigrateException e = assertThrows(MigrateException.class, () -> Stores.write(store(), "a/new.bin", bad, Stores.sha256(good)));
        assertEquals(ErrorCode.BACKUP_SET_CORRUPT, e.code());
        assertTrue(e.getMessage().contains("a/new.bin"), e.getMessage());
        assertFalse(store().exists("a/new.bin"));

        Stores.write(store(), "a/old.bin", good, null);
        assertThrows(MigrateException.class, () -> Stores.write(store(), "a/old.bin", bad, Stores.sha256(good)));
        assertArrayEquals(good, Stores.read(store(), "a/old.bin"), "a refused write leaves the previous file as it was");

        byte[] big = Stores.bytes((5 << 20) + 1, 3);
        assertThrows(MigrateException.class, () -> Stores.write(store(), "a/big.bin", big, Stores.sha256(good)));
        assertFalse(store().exists("a/big.bin"), "a refused multipart upload is not visible either");
    }

    @Test
    void aSourceThatEndsEarlyIsAnErrorNotAShortFile() throws Exception {
        byte[] half = Stores.bytes(50, 4);
        assertThrows(MigrateException.class, () -> store().write("short.bin", new java.io.ByteArrayInputStream(half), 100, null));
        assertFalse(store().exists("short.bin"));
    }

    @Test
    void missingFilesAndReplacement() throws Exception {
        assertThrows(StoredFileMissingException.class, () -> store().open("no/such/file"));
        assertEquals(-1, store().size("no/such/file"));
        store().delete("no/such/file");
        Stores.write(store(), "f.json", "v1".getBytes(), null);
        Stores.write(store(), "f.json", "version 2".getBytes(), null);
        assertEquals("version 2", new String(Stores.read(store(), "f.json")));
        store().delete("f.json");
        assertFalse(store().exists("f.json"));
        try (var files = store().list()) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void listingStreamsPastOnePage() throws Exception {
        BackupSetStore s = store();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            var writes = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 1001; i++) {
                String path = String.format("objects/segments/seg-%06d.index.jsonl", i);
                byte[] one = {(byte) i};
                writes.add(pool.submit(() -> Stores.write(s, path, one, null)));
            }
            for (var w : writes) {
                w.get();
            }
        } finally {
            pool.shutdown();
        }
        try (var files = store().list()) {
            assertEquals(1001, files.filter(f -> f.path().startsWith("objects/segments/seg-") && f.size() == 1).count());
        }
    }

    @Test
    void pathsOutsideTheSetAreRefused() throws Exception {
        for (String bad : new String[] {"../escape", "/etc/passwd", "a/../../b", "a//b", ""}) {
            MigrateException e = assertThrows(MigrateException.class, () -> Stores.write(store(), bad, new byte[1], null), bad);
            assertEquals(ErrorCode.BACKUP_SET_INVALID, e.code(), bad);
        }
    }
}
