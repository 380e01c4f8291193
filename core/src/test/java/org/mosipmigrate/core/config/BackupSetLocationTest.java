package org.mosipmigrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.store.SetLocation;

/** {@code backupSet: s3://...} with its {@code backupStore}: parsed, spooled, and refused when incomplete. */
class BackupSetLocationTest {
    @TempDir
    Path tmp;

    private MigrationConfig load(String yaml, Map<String, String> env) throws Exception {
        Path f = tmp.resolve("m.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader(env).read(f);
    }

    @Test
    void anS3SetWorksInItsSpoolDirectory() throws Exception {
        MigrationConfig c = load("backupSet: s3://mosip-sets/2026/run-1/\nbackupStore: { endpoint: http://minio:9000, accessKeyEnv: AK, "
                + "secretKeyEnv: SK, spoolDir: spool }\n", Map.of("AK", "a", "SK", "s"));
        assertTrue(c.backupSetOnS3());
        assertEquals("s3://mosip-sets/2026/run-1", c.backupSetLocation().toString());
        assertEquals("2026/run-1/", c.backupSetLocation().keyPrefix());
        assertEquals(tmp.resolve("spool").resolve(c.backupSetLocation().tag()), c.backupSet());
        assertEquals(ObjectStoreEndpoint.Kind.S3, c.backupStore().endpoint().type());
        assertEquals("backup store http://minio:9000 (s3)", c.backupStore().endpoint().describe());

        MigrationConfig local = load("backupSet: sets/run-1\n", Map.of());
        assertFalse(local.backupSetOnS3());
        assertEquals(tmp.resolve("sets/run-1"), local.backupSet());
    }

    @Test
    void incompleteOrInvalidLocationsAreConfigErrorsWithTheLine() throws Exception {
        MigrateException noStore = assertThrows(MigrateException.class, () -> load("parallelism: 2\nbackupSet: s3://sets/x\n", Map.of()));
        assertEquals(ErrorCode.CONFIG, noStore.code());
        assertTrue(noStore.getMessage().contains(":2: key 'backupSet'") && noStore.getMessage().contains("no backupStore section"), noStore.getMessage());
        MigrateException badBucket = assertThrows(MigrateException.class, () -> load("backupSet: s3://Bad_Bucket/x\n", Map.of()));
        assertTrue(badBucket.getMessage().contains("not an S3 bucket name"), badBucket.getMessage());
        MigrateException dots = assertThrows(MigrateException.class, () -> load("backupSet: s3://sets/a/../b\n", Map.of()));
        assertEquals(ErrorCode.CONFIG, dots.code());
        MigrateException keys = assertThrows(MigrateException.class, () -> load("backupStore: { endpoint: http://m:9000, secretKey: x }\n", Map.of()));
        assertTrue(keys.getMessage().contains("keys are not accepted in the config file"), keys.getMessage());
        MigrateException noKeys = assertThrows(MigrateException.class, () -> load("backupStore: { endpoint: http://m:9000 }\n", Map.of()));
        assertTrue(noKeys.getMessage().contains("'backupStore' needs its keys"), noKeys.getMessage());
    }

    @Test
    void overlappingLocations() {
        Path base = Path.of("/x");
        assertTrue(SetLocation.parse("s3://bk1/a", base, "t").overlaps(SetLocation.parse("s3://bk1/a/b", base, "t")));
        assertFalse(SetLocation.parse("s3://bk1/a", base, "t").overlaps(SetLocation.parse("s3://bk1/ab", base, "t")));
        assertTrue(SetLocation.parse("/d/set", base, "t").overlaps(SetLocation.parse("/d/set/inner", base, "t")));
        assertFalse(SetLocation.parse("/d/set", base, "t").overlaps(SetLocation.parse("s3://set1/d", base, "t")));
    }
}
