package org.mosipmigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.verify.keystore.KeyAliasCrossCheck;
import org.mosipmigrate.verify.keystore.KeyEntry;

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
                        + "('1f0c6a52-0000-4000-8000-000000000006', 'PMS', '', now(), now(), '" + "cd".repeat(32) + "', false)",
                "INSERT INTO keymgr.key_store VALUES ('1f0c6a52-0000-4000-8000-000000000005', '1f0c6a52-0000-4000-8000-000000000001', 'x', 'y')");
        List<KeyEntry> keys = List.of(
                new KeyEntry("tok", "1f0c6a52-0000-4000-8000-000000000001", "private-key", "RSA", "CN=root", "2030", SHA, "ok"),
                new KeyEntry("tok", "1F0C6A52-0000-4000-8000-000000000002", "private-key", "RSA", "CN=sign", "2030", SHA, "ok"),
                new KeyEntry("tok", "1f0c6a52-0000-4000-8000-000000000006", "private-key", "RSA", "CN=pms", "2030", SHA, "ok"),
                new KeyEntry("tok", "1f0c6a52-0000-4000-8000-000000000006", "certificate", "RSA", "CN=pms", "2030", SHA, null),
                new KeyEntry("tok", "stray-label", "secret-key", "AES", null, null, null, null));
        List<String> findings = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        try (Connection c = new PgConnector(Fixture.endpoint("target", pair.target(), Fixture.TARGET_PW_VAR, null), Fixture.env(pair)).open(db)) {
            List<KeyAliasCrossCheck.AliasRow> rows = KeyAliasCrossCheck.expectedRows(c, "keymgr", "test");
            assertEquals(4, rows.size(), rows.toString()); // deleted row and the key held in key_store are not expected
            KeyAliasCrossCheck.compare("kernel", keys, rows, findings, notes);
        }
        assertEquals(3, findings.size(), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("-000000000003 (app_id IDA, ref_id -) is in key_alias only")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("-000000000006") && f.contains("cert_thumbprint cdcdcdcdcdcdcdcd.. differs")), findings.toString());
        assertTrue(findings.stream().anyMatch(f -> f.contains("tok/stray-label (secret-key) is in the keystore only")), findings.toString());
        assertTrue(notes.get(0).contains("3 matched") && notes.get(0).contains("1 cert_thumbprint(s) not SHA-256"), notes.toString());
    }
}
