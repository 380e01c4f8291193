package org.mosipmigrate.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.LocalSetStore;

class LocalSetStoreTest extends BackupSetStoreContract {
    @TempDir
    Path tmp;

    @Override
    BackupSetStore open() {
        return new LocalSetStore(tmp.resolve("set"));
    }

    @Test
    void filesBeingWrittenAreNotListed() throws Exception {
        Stores.write(store(), "db/001-a/meta.json", "{}".getBytes(), null);
        Files.writeString(tmp.resolve("set/db/001-a/0000.copy.zst.partial"), "half");
        Files.writeString(tmp.resolve("set/plan.json.tmp"), "half");
        try (var files = store().list()) {
            assertEquals(java.util.List.of("db/001-a/meta.json"), files.map(f -> f.path()).toList());
        }
    }
}
