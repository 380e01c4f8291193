package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.pg.TableFingerprint;
import org.mosipmigrate.seed.V2Cluster;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;

/**
 * seed-v2 through the real CLI: the same seed gives the same rows in every table; another seed other rows; it never
 * drops a database it did not make; packets in the account layout and SoftHSM / PKCS12 keystores that preflight
 * detects and opens.
 */
class SeedV2Test {
    /** The databases with realistic values and planted defects (source.postgres.databases limits what seed-v2 makes). */
    static final List<String> SOME = List.of("mosip_ida", "mosip_idmap", "mosip_idrepo", "mosip_keymgr", "mosip_pms", "mosip_regprc");

    @TempDir
    Path tmp;

    static Map<String, Map<String, TableFingerprint.Fingerprint>> contents(org.mosipmigrate.testkit.PgServer s) throws Exception {
        Map<String, Map<String, TableFingerprint.Fingerprint>> out = new LinkedHashMap<>();
        for (String db : SOME) {
            out.put(db, CliHarness.contents(s, db));
        }
        return out;
    }

    @Test
    void sameSeedSameRowsAndNeverADatabaseItDidNotMake() throws Exception {
        var pair = PgServers.production();
        PreflightTest.dropSeedDatabases(pair.source());
        CliHarness h = new CliHarness(pair, tmp, SOME, "");

        CliHarness.Run dry = h.run("seed-v2", "--residents", "30", "--seed", "9", "--only", "db", "--dry-run");
        assertEquals(0, dry.exit(), dry::toString);
        assertTrue(dry.out().contains("30 residents, seed 9: 6 databases"), dry::toString);
        assertFalse(V2Cluster.exists(pair.source()::connect, "mosip_regprc"), "--dry-run created a database");

        CliHarness.Run first = h.run("seed-v2", "--residents", "30", "--seed", "9", "--only", "db");
        assertEquals(0, first.exit(), first::toString);
        var one = contents(pair.source());
        assertEquals(30, one.get("mosip_regprc").get("regprc.registration").rows());

        CliHarness.Run refused = h.run("seed-v2", "--residents", "30", "--seed", "9", "--only", "db");
        assertEquals(3, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("pass --clean"), refused::toString);

        assertEquals(0, h.run("seed-v2", "--residents", "30", "--seed", "9", "--only", "db", "--clean").exit());
        assertEquals(one, contents(pair.source()), "the same seed must give the same rows");

        assertEquals(0, h.run("seed-v2", "--residents", "30", "--seed", "10", "--only", "db", "--clean").exit());
        var other = contents(pair.source());
        assertNotEquals(one.get("mosip_regprc"), other.get("mosip_regprc"), "another seed gives other rows");

        // a database seed-v2 did not make is never dropped, not even with --clean
        V2Cluster.dropIfExists(pair.source()::connect, "mosip_idmap");
        pair.source().execute("postgres", "CREATE DATABASE mosip_idmap");
        pair.source().execute("mosip_idmap", "CREATE TABLE precious (x int)");
        CliHarness.Run foreign = h.run("seed-v2", "--residents", "30", "--only", "db", "--clean");
        assertEquals(3, foreign.exit(), foreign::toString);
        assertTrue(foreign.err().contains("did not make: [mosip_idmap]"), foreign::toString);
        assertEquals(1, CliHarness.contents(pair.source(), "mosip_idmap").size(), "the foreign database was touched");
        assertEquals(other.get("mosip_regprc"), CliHarness.contents(pair.source(), "mosip_regprc"), "a refused run wrote nothing");
        V2Cluster.dropIfExists(pair.source()::connect, "mosip_idmap");
    }

    @Test
    void accountLayoutAndKeystoresAreMadeAndPreflightOpensThem() throws Exception {
        var pair = PgServers.production();
        PreflightTest.dropSeedDatabases(pair.source());
        try (S3Server s3 = S3Server.start(tmp.resolve("s3"))) {
            CliHarness h = new CliHarness(pair, tmp, List.of("mosip_regprc"), "encryption: { keyEnv: MM_BACKUP_KEY }\n");
            Files.writeString(h.config, Files.readString(h.config).replace("source:\n", "source:\n"
                    + "  objectStore: { type: s3, endpoint: " + s3.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET }\n"
                    + "  keystores:\n"
                    + "    - { name: kernel, type: softhsm, path: " + tmp.resolve("hsm/tokens") + ", pinEnv: HSM_PIN }\n"
                    + "    - { name: partner, type: pkcs12, path: " + tmp.resolve("keys/partner.p12") + ", passwordEnv: P12_PW }\n"));
            h.env.putAll(Map.of("V2_S3_KEY", s3.accessKey(), "V2_S3_SECRET", s3.secretKey(), "HSM_PIN", "kernel-pin-1", "P12_PW", "partner-pw-1",
                    "MM_BACKUP_KEY", Base64.getEncoder().encodeToString(new byte[32])));

            CliHarness.Run seed = h.run("seed-v2", "--residents", "15", "--layout", "account-bucket");
            assertEquals(0, seed.exit(), seed::toString);
            assertTrue(seed.out().contains("objects: 15 registrations, 1 buckets"), seed::toString);
            assertTrue(seed.out().contains("keystore kernel (softhsm): 3 keys"), seed::toString);
            assertTrue(Files.exists(tmp.resolve("keys/partner.p12")));
            assertFalse(seed.out().contains("kernel-pin-1") || seed.err().contains("kernel-pin-1"), "the PIN was printed");

            CliHarness.Run pf = h.run("preflight");
            assertEquals(0, pf.exit(), pf::toString);
            Map<String, List<JsonNode>> f = PreflightTest.byId(PreflightTest.report(tmp.resolve("set")));
            assertTrue(f.get("OBJECTS_LAYOUT").get(0).get("title").asText().contains("account bucket(s) [packet-manager]"), pf::toString);
            assertEquals(2, f.get("KEYSTORE_OK").size(), pf::toString);
            f.get("KEYSTORE_OK").forEach(k -> assertTrue(k.get("title").asText().contains("3 private key(s) sign and verify"), pf::toString));

            h.env.put("HSM_PIN", "not-the-pin");
            CliHarness.Run wrong = h.run("preflight", "--only", "keystores");
            assertEquals(1, wrong.exit(), wrong::toString);
            assertTrue(PreflightTest.byId(PreflightTest.report(tmp.resolve("set"))).containsKey("KEYSTORE_PIN_REFUSED"), wrong::toString);
            assertFalse(wrong.out().contains("not-the-pin"), "the PIN was printed");

            CliHarness.Run again = h.run("seed-v2", "--residents", "15", "--only", "objects");
            assertEquals(3, again.exit(), again::toString);
            assertTrue(again.err().contains("already holds buckets"), again::toString);
        }
    }
}
