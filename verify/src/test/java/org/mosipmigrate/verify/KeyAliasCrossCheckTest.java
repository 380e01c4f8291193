package org.mosipmigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.set.KeystoreObject;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.verify.keystore.KeyAliasCrossCheck;

/** key_alias rows of a real PostgreSQL against keystore entries (verify --cross-check-db). */
class KeyAliasCrossCheckTest {
    static final String SHA = "ab".repeat(32);

    @Test
    void listsKeysOnOneSideOnly() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = pair.target().freshDatabase("v_keyalias");
        pair.target().execute(db,
                "CREATE SCHEMA keymgr",
                "CREATE TABLE keymgr.key_alias (id varchar(36) PRIMARY KEY, app_id varchar(36) NOT NULL, ref_id varchar(128), "
                        + "key_gen_dtimes timestamp, key_expire_dtimes timestamp, cert_thumbprint varchar(100), is_deleted boolean)",
                "CREATE TABLE keymgr.key_store (id varchar(36) PRIMARY KEY, master_key varchar(36), private_key varchar(2500), certificate_data varchar)",
                "INSERT INTO keymgr.key_alias VALUES "
                        + "('1f0c6a52-0000-4000-8000-000000000001', 'ROOT', '', now(), now(), '" + SHA.toUpperCase() + "', false),"
                        + "('1f0c6a52-0000-4000-8000-000000000002', 'KERNEL', 'SIGN', now(), now(), 'AB:CD', false),"
                        + "('1f0c6a52-0000-4000-8000-000000000003', 'IDA', '', now(), now(), null, false),"
                        + "('1f0c6a52-0000-4000-8000-000000000004', 'REGISTRATION', '', now(), now(), null, true),"
                        + "('1f0c6a52-0000-4000-8000-000000000005', 'PARTNER', 'mpartner-1', now(), now(), null, false),"
                        + "('1f0c6a52-0000-4000-8000-000000000006', 'PMS', '', now(), now(), '" + "cd".repeat(32) + "', false),"
                        + "('1f0c6a52-0000-4000-8000-000000000007', 'ID_REPO', '', now(), now(), null, false),"
                        + "('1f0c6a52-0000-4000-8000-000000000008', 'RESIDENT', '', now(), now(), '" + SHA + "', false)",
                "INSERT INTO keymgr.key_store VALUES ('1f0c6a52-0000-4000-8000-000000000005', '1f0c6a52-0000-4000-8000-000000000001', 'x', 'y')");
        // the objects verify lists from a token: key pairs with a certificate, a key pair without one (row 7), a secret key
        List<KeystoreObject> keys = List.of(
                // as SunPKCS11 (keymanager) stores a key entry: the private key has no label, only CKA_ID = the alias's bytes
                unlabelled("1f0c6a52-0000-4000-8000-000000000001"), cert("1f0c6a52-0000-4000-8000-000000000001", SHA),
                priv("1F0C6A52-0000-4000-8000-000000000002"), cert("1F0C6A52-0000-4000-8000-000000000002", SHA),
                priv("1f0c6a52-0000-4000-8000-000000000006"), cert("1f0c6a52-0000-4000-8000-000000000006", SHA),
                priv("1f0c6a52-0000-4000-8000-000000000007"), pub("1f0c6a52-0000-4000-8000-000000000007"),
                priv("1f0c6a52-0000-4000-8000-000000000008"), pub("1f0c6a52-0000-4000-8000-000000000008"),
                new KeystoreObject("tok", "stray-label", "0a", "secret-key", "AES", 256, null, false, true, null, "9209d5", null, null, null, "ok"));
        List<String> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Connection c = new PgConnector(Fixture.endpoint("target", pair.target(), Fixture.TARGET_PW_VAR, null), Fixture.env(pair)).open(db)) {
            List<KeyAliasCrossCheck.AliasRow> rows = KeyAliasCrossCheck.expectedRows(c, "keymgr", "test");
            assertEquals(6, rows.size(), rows.toString()); // deleted row and the key held in key_store are not expected
            KeyAliasCrossCheck.compare("kernel", keys, rows, findings, notes);
        }
        assertEquals(4, findings.size(), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("-000000000003 (app_id IDA, ref_id -) is in key_alias only")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("-000000000006") && f.contains("cert_thumbprint cdcdcdcdcdcdcdcd.. differs")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("tok/stray-label (id 0a) (secret-key AES 256, KCV 9209d5) is in the keystore only")), findings.toString());
        // a key pair without a certificate matches its row; one whose row names a certificate the keystore lacks does not pass
        assertTrue(findings.stream().anyMatch(f -> f.contains("-000000000008 (app_id RESIDENT") && f.contains("holds no certificate under that label")),
                findings.toString());
        assertTrue(notes.get(0).contains("5 matched") && notes.get(0).contains("1 cert_thumbprint(s) not SHA-256")
                && notes.get(0).contains("6 alias(es) over 11 keystore object(s)"), notes.toString());
    }

    private static KeystoreObject priv(String label) {
        return new KeystoreObject("tok", label, "01", "private-key", "RSA", 2048, null, false, true, "ef".repeat(32), null, null, null, null, "ok");
    }

    private static KeystoreObject unlabelled(String alias) {
        return new KeystoreObject("tok", "", java.util.HexFormat.of().formatHex(alias.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "private-key",
                "RSA", 2048, null, false, true, "ef".repeat(32), null, null, null, null, "ok");
    }

    private static KeystoreObject pub(String label) {
        return new KeystoreObject("tok", label, "01", "public-key", "RSA", 2048, null, null, null, "ef".repeat(32), null, null, null, null, null);
    }

    private static KeystoreObject cert(String label, String sha) {
        return new KeystoreObject("tok", label, java.util.HexFormat.of().formatHex(label.getBytes(java.nio.charset.StandardCharsets.US_ASCII)), "certificate", "RSA", 2048, null, null, null, "ef".repeat(32), null, "CN=" + label, "2030-01-01T00:00:00Z",
                sha, null);
    }
}
