package org.mosipmigrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Checksums;
import org.mosipmigrate.core.config.ObjectStoreEndpoint.Listing;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/** The object stores' checksums and listing settings: defaults (legacy on the source, auto elsewhere), values, errors. */
class ObjectStoreCompatibilityConfigTest {
    @TempDir
    Path tmp;

    private MigrationConfig load(String yaml) throws Exception {
        Path f = tmp.resolve("m.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader(Map.of("AK", "a", "SK", "s")).read(f);
    }

    private static final String STORES = "source:\n  objectStore: { endpoint: http://v2:9000, accessKeyEnv: AK, secretKeyEnv: SK%s }\n"
            + "target:\n  objectStore: { endpoint: http://v3:9000, accessKeyEnv: AK, secretKeyEnv: SK%s }\n"
            + "backupSet: s3://sets/run\nbackupStore: { endpoint: http://bs:9000, accessKeyEnv: AK, secretKeyEnv: SK%s }\n";

    @Test
    void defaultsAreSafeForEachRole() throws Exception {
        MigrationConfig c = load(String.format(STORES, "", "", ""));
        assertEquals(Checksums.LEGACY, c.objects().source().checksums());
        assertEquals(Listing.AUTO, c.objects().source().listing());
        assertEquals(Checksums.AUTO, c.objects().target().checksums());
        assertEquals(Checksums.AUTO, c.backupStore().endpoint().checksums());
    }

    @Test
    void valuesAreReadPerServer() throws Exception {
        MigrationConfig c = load(String.format(STORES, ", checksums: flexible, listing: sorted", ", checksums: LEGACY, listing: ordered", ", checksums: legacy"));
        assertEquals(Checksums.FLEXIBLE, c.objects().source().checksums());
        assertEquals(Listing.SORTED, c.objects().source().listing());
        assertEquals(Checksums.LEGACY, c.objects().target().checksums());
        assertEquals(Listing.ORDERED, c.objects().target().listing());
        assertEquals(Checksums.LEGACY, c.backupStore().endpoint().checksums());
    }

    @Test
    void unknownValuesNameTheKeyAndLine() {
        MigrateException e = assertThrows(MigrateException.class, () -> load(String.format(STORES, "", ", checksums: crc32", "")));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains(":4: key 'target.objectStore.checksums': 'crc32' is not a checksum mode"), e.getMessage());
        assertTrue(e.hint().contains("auto, flexible or legacy"), e.hint());
        MigrateException l = assertThrows(MigrateException.class, () -> load(String.format(STORES, ", listing: random", "", "")));
        assertTrue(l.getMessage().contains("key 'source.objectStore.listing': 'random' is not a listing mode"), l.getMessage());
    }
}
