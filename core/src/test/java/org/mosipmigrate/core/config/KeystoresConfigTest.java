package org.mosipmigrate.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.error.MigrateException;

/** The keystore sections of the issue's example, and the mistakes an operator can make in them. */
class KeystoresConfigTest {
    @TempDir
    Path tmp;

    MigrationConfig load(String yaml) throws Exception {
        Path f = tmp.resolve("m.yaml");
        Files.writeString(f, yaml);
        return new ConfigLoader(Map.of()).read(f);
    }

    @Test
    void issueExample() throws Exception {
        MigrationConfig c = load("""
                source:
                  keystores:
                    - { name: kernel, type: softhsm, path: /softhsm/tokens, pinEnv: KERNEL_HSM_PIN }
                    - { name: ida, type: softhsm, path: /softhsm-ida/tokens, pinEnv: IDA_HSM_PIN }
                    - { name: partner, type: pkcs12, path: /keys/partner.p12, passwordFile: /run/secrets/p12 }
                target:
                  keystores: [ { name: kernel, path: /restore/kernel/tokens }, { name: partner, path: keys/partner.p12 } ]
                keystores: { expiryWarningDays: 30 }
                """);
        KeystoresConfig k = c.keystores();
        assertEquals(3, k.sources().size());
        assertEquals(KeystoresConfig.Type.SOFTHSM, k.sources().get(0).type());
        assertEquals(new PasswordSource(PasswordSource.Kind.ENV, "KERNEL_HSM_PIN"), k.sources().get(0).secret());
        assertEquals(new PasswordSource(PasswordSource.Kind.FILE, "/run/secrets/p12"), k.sources().get(2).secret());
        assertEquals(tmp.resolve("keys/partner.p12"), k.target("partner").orElseThrow().path());
        assertNull(k.target("kernel").orElseThrow().secret());
        assertEquals(30, k.expiryWarningDays());
        assertEquals(KeystoresConfig.DEFAULT_PKCS11_LIBRARY, k.pkcs11Library());
        assertTrue(k.configured());
    }

    @Test
    void mistakesNameKeyAndLine() {
        MigrateException plain = assertThrows(MigrateException.class, () -> load("source:\n  keystores:\n    - { name: k, type: softhsm, path: /t, pin: \"1234\" }\n"));
        assertTrue(plain.getMessage().contains("m.yaml:3") && plain.getMessage().contains("plain pins are not accepted"), plain.getMessage());
        assertTrue(!plain.getMessage().contains("1234"), plain.getMessage());
        MigrateException type = assertThrows(MigrateException.class, () -> load("source:\n  keystores:\n    - { name: k, type: jks, path: /t }\n"));
        assertTrue(type.getMessage().contains("type 'jks'"), type.getMessage());
        MigrateException missing = assertThrows(MigrateException.class, () -> load("source:\n  keystores:\n    - { name: k, type: pkcs12 }\n"));
        assertTrue(missing.getMessage().contains("field 'path' is required"), missing.getMessage());
        MigrateException unknownTarget = assertThrows(MigrateException.class, () -> load(
                "source:\n  keystores: [ { name: k, type: pkcs12, path: /a.p12 } ]\ntarget:\n  keystores: [ { name: x, path: /b.p12 } ]\n"));
        assertTrue(unknownTarget.getMessage().contains("'x' is not the name of a source keystore"), unknownTarget.getMessage());
        MigrateException same = assertThrows(MigrateException.class, () -> load(
                "source:\n  keystores: [ { name: k, type: pkcs12, path: /a.p12 } ]\ntarget:\n  keystores: [ { name: k, path: /a.p12 } ]\n"));
        assertTrue(same.getMessage().contains("is the source path") && same.hint().contains("never over the V2 keystore"), same.getMessage());
        MigrateException two = assertThrows(MigrateException.class, () -> load(
                "source:\n  keystores: [ { name: k, type: softhsm, path: /t, pinEnv: A, pinFile: /f } ]\n"));
        assertTrue(two.getMessage().contains("give one of"), two.getMessage());
    }
}
