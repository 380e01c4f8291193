package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.KeystoreObject;
import org.mosipmigrate.core.set.KeystoresManifest;

/**
 * Issue 18: every object of a SoftHSM token, not only what Java's KeyStore view shows. Real tokens hold key pairs
 * without certificates (RSA and EC, made with C_GenerateKeyPair as pkcs11-tool --keypairgen does), key pairs with
 * certificates (imported through SunPKCS11, as keymanager stores them) and AES keys (one generated, one with a known
 * value). Backup describes every object in the set; after restore verify lists, round-trips and compares each one
 * (exit 0); an object deleted from the target token fails verify naming it (exit 1), against the set alone too.
 * Issue 13: a keystore verify that has nothing to compare is a finding (exit 1) or a config error (exit 2), never a pass.
 */
class KeystoreObjectsTest {
    static final String PIN = "tok-PIN-81d2aa";
    static final String SO_PIN = "so-PIN-77e0c1";
    static final String P12_PW = "p12-PW-4be9f0";
    static final String AES_HEX = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    static final String BACKUP_KEY = Base64.getEncoder().encodeToString(HexFormat.of().parseHex("aa".repeat(32)));

    @TempDir
    static Path dir;

    static Path kernel;
    static Path ida;
    static Path partner;
    static String rootPublicKeySha;
    final Map<String, String> env = new HashMap<>(Map.of("MM_KEY", BACKUP_KEY, "HSM_PIN", PIN, "P12_PW", P12_PW));
    final List<CliHarness.Run> runs = new ArrayList<>();

    @BeforeAll
    static void tokens() throws Exception {
        // kernel: key pairs with certificates (imported), key pairs without, and AES keys
        kernel = dir.resolve("v2/kernel/tokens");
        SoftHsmFixture.initToken(kernel, "kernel", SO_PIN, PIN);
        Path p12 = dir.resolve("kernel-keys.p12");
        SoftHsmFixture.genKeyPair(p12, "seed-pw", "ROOT", "RSA");
        SoftHsmFixture.genKeyPair(p12, "seed-pw", "SIGN_EC", "EC");
        SoftHsmFixture.importKeys(kernel, PIN, p12, "seed-pw");
        SoftHsmFixture.tokenTool(kernel, PIN, "rsa:rsa-nocert:a1", "ec:ec-nocert:a2", "aes:aes-generated:a3", "aesvalue:aes-known:a4:" + AES_HEX);
        // ida: the token, key pairs without any certificate and an AES key (Java's KeyStore view showed nothing)
        ida = dir.resolve("v2/ida/tokens");
        SoftHsmFixture.initToken(ida, "ida", SO_PIN, PIN);
        SoftHsmFixture.tokenTool(ida, PIN, "rsa:ida-rsa:b1", "ec:ida-ec:b2", "aes:ida-aes:b3");
        // a PKCS12 file keeps working as before
        partner = dir.resolve("v2/keys/partner.p12");
        Files.createDirectories(partner.getParent());
        SoftHsmFixture.genKeyPair(partner, P12_PW, "partner-rsa", "RSA");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, "seed-pw".toCharArray());
        }
        rootPublicKeySha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(ks.getCertificate("ROOT").getPublicKey().getEncoded()));
    }

    /** A config; {@code target}/{@code source} lines are written as given (null = the usual ones), {@code set} the backup set dir. */
    Path config(Path work, String sourceLines, String targetLines, Path set, boolean withKey) throws Exception {
        String src = sourceLines != null ? sourceLines
                : "    - { name: kernel, type: softhsm, path: " + kernel + ", pinEnv: HSM_PIN }\n"
                + "    - { name: ida, type: softhsm, path: " + ida + ", pinEnv: HSM_PIN }\n"
                + "    - { name: partner, type: pkcs12, path: " + partner + ", passwordEnv: P12_PW }\n";
        String tgt = targetLines != null ? targetLines
                : "    - { name: kernel, path: " + work.resolve("v3/kernel/tokens") + " }\n"
                + "    - { name: ida, path: " + work.resolve("v3/ida/tokens") + " }\n"
                + "    - { name: partner, path: " + work.resolve("v3/keys/partner.p12") + " }\n";
        String y = "source:\n  keystores:\n" + src + (tgt.isEmpty() ? "" : "target:\n  keystores:\n" + tgt) + "backupSet: " + set + "\nstateDir: "
                + work.resolve("state") + "\n" + (withKey ? "encryption: { keyEnv: MM_KEY }\n" : "");
        Path f = Files.createTempFile(work, "migration-", ".yaml");
        Files.writeString(f, y);
        return f;
    }

    CliHarness.Run run(Path config, String... args) {
        CliHarness.Run r = CliHarness.run(env, config, args);
        runs.add(r);
        return r;
    }

    /** Backup and restore into work/v3; returns the config. */
    Path restored(Path work) throws Exception {
        Path cfg = config(work, null, null, work.resolve("set"), true);
        CliHarness.Run b = run(cfg, "backup", "--only", "keystores");
        assertEquals(0, b.exit(), b::toString);
        CliHarness.Run r = run(cfg, "restore", "--only", "keystores");
        assertEquals(0, r.exit(), r::toString);
        return cfg;
    }

    static JsonNode report(Path work) throws Exception {
        return Json.MAPPER.readTree(work.resolve("state/keystores-verify-report.json").toFile());
    }

    static JsonNode object(JsonNode report, String keystore, String kind, String label) {
        return object(report, keystore, kind, label, null);
    }

    static JsonNode object(JsonNode report, String keystore, String kind, String label, String id) {
        for (JsonNode k : report.get("keystores")) {
            if (k.get("name").asText().equals(keystore)) {
                for (JsonNode o : k.get("target")) {
                    if (o.get("kind").asText().equals(kind) && o.get("label").asText().equals(label) && (id == null || id.equals(o.path("id").asText()))) {
                        return o;
                    }
                }
            }
        }
        return null;
    }

    @Test
    void everyObjectIsDescribedRoundTrippedAndComparedAndADeletedOneIsNamed() throws Exception {
        Path work = Files.createDirectories(dir.resolve("objects"));
        Path cfg = restored(work);
        KeystoresManifest m = Json.MAPPER.readValue(work.resolve("set/" + KeystoresManifest.FILE).toFile(), KeystoresManifest.class);
        List<KeystoreObject> idaInSet = m.keystores().get(1).objects();
        assertNotNull(idaInSet, "backup describes the objects");
        assertEquals(List.of("private-key ida-ec", "private-key ida-rsa", "public-key ida-ec", "public-key ida-rsa", "secret-key ida-aes"),
                idaInSet.stream().map(o -> o.kind() + " " + o.label()).toList());
        String manifestText = Files.readString(work.resolve("set/" + KeystoresManifest.FILE));
        assertFalse(manifestText.contains(AES_HEX) || manifestText.contains(PIN) || manifestText.contains(P12_PW), "no secret in the manifest");

        CliHarness.Run verify = run(cfg, "verify", "--only", "keystores");
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.out().contains("PASSED"), verify::toString);
        JsonNode rep = report(work);
        for (JsonNode k : rep.get("keystores")) {
            assertEquals("the backup set", k.get("objectsComparedWith").asText(), k::toString);
        }
        // key pairs without certificates: listed with type, size/curve, attributes, fingerprint, and their round trip
        JsonNode rsa = object(rep, "kernel", "private-key", "rsa-nocert");
        assertNotNull(rsa, verify::toString);
        assertEquals("a1", rsa.get("id").asText());
        assertEquals(2048, rsa.get("bits").asInt());
        assertFalse(rsa.get("extractable").asBoolean());
        assertTrue(rsa.get("sensitive").asBoolean());
        assertEquals("ok", rsa.get("roundTrip").asText(), rsa::toString);
        assertEquals(rsa.get("publicKeySha256").asText(), object(rep, "kernel", "public-key", "rsa-nocert").get("publicKeySha256").asText());
        JsonNode ec = object(rep, "ida", "private-key", "ida-ec");
        assertEquals("secp256r1", ec.get("curve").asText(), ec::toString);
        assertEquals("ok", ec.get("roundTrip").asText(), ec::toString);
        // a key pair with a certificate: the fingerprint equals the one computed here from the certificate in the PKCS12 file
        // (SunPKCS11 stores the private key of an entry without a label, with CKA_ID = the alias; PKCS12 aliases are lower case)
        JsonNode root = object(rep, "kernel", "private-key", "", HexFormat.of().formatHex("root".getBytes(StandardCharsets.US_ASCII)));
        assertNotNull(root, verify::toString);
        assertEquals(rootPublicKeySha, root.get("publicKeySha256").asText(), root::toString);
        assertEquals("ok", root.get("roundTrip").asText());
        assertEquals(rootPublicKeySha, object(rep, "kernel", "certificate", "root").get("publicKeySha256").asText());
        // AES: encrypt + decrypt inside the token, and a KCV that matches the one computed here from the known key value
        Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
        aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(HexFormat.of().parseHex(AES_HEX), "AES"));
        JsonNode known = object(rep, "kernel", "secret-key", "aes-known");
        assertEquals(HexFormat.of().formatHex(aes.doFinal(new byte[16]), 0, 3), known.get("kcv").asText(), known::toString);
        assertEquals("ok", known.get("roundTrip").asText());
        assertEquals(256, object(rep, "ida", "secret-key", "ida-aes").get("bits").asInt());
        assertEquals("ok", object(rep, "ida", "secret-key", "ida-aes").get("roundTrip").asText());
        assertEquals("ok", object(rep, "partner", "private-key", "partner-rsa").get("roundTrip").asText());

        // one object deleted from the restored token: verify fails and names it, also with the live source out of reach
        Path idaTarget = work.resolve("v3/ida/tokens");
        SoftHsmFixture.tokenTool(idaTarget, PIN, "delete:private-key:ida-ec");
        CliHarness.Run broken = run(cfg, "verify", "--only", "keystores");
        assertEquals(1, broken.exit(), broken::toString);
        assertTrue(broken.out().contains("DIFF keystore 'ida': target " + idaTarget + " vs the backup set: ")
                && broken.out().contains("/ida-ec (id b2) private-key EC secp256r1") && broken.out().contains("is missing"), broken::toString);
        Path noSource = config(work, "    - { name: ida, type: softhsm, path: " + dir.resolve("gone") + ", pinEnv: HSM_PIN }\n",
                "    - { name: ida, path: " + idaTarget + " }\n", work.resolve("set"), true);
        CliHarness.Run setOnly = run(noSource, "verify", "--only", "keystores");
        assertEquals(1, setOnly.exit(), setOnly::toString);
        assertTrue(setOnly.out().contains("/ida-ec (id b2) private-key EC secp256r1") && setOnly.out().contains("is missing"), setOnly::toString);

        SoftHsmFixture.tokenTool(work.resolve("v3/kernel/tokens"), PIN, "delete:secret-key:aes-generated");
        CliHarness.Run noAes = run(cfg, "verify", "--only", "keystores");
        assertEquals(1, noAes.exit(), noAes::toString);
        assertTrue(noAes.out().contains("/aes-generated (id a3) secret-key AES 256, KCV ") && noAes.out().contains("is missing"), noAes::toString);
        assertNoSecrets(work);
    }

    @Test
    void aVerifyWithNothingToCompareIsNeverAPass() throws Exception {
        Path work = Files.createDirectories(dir.resolve("gaps"));
        restored(work);
        Path set = work.resolve("set");
        Path kernelTarget = work.resolve("v3/kernel/tokens");

        // keystores without a target entry (kernel from the config, ida from the set; partner, read in process, has one)
        String kernelAndPartner = "    - { name: kernel, type: softhsm, path: " + kernel + ", pinEnv: HSM_PIN }\n"
                + "    - { name: partner, type: pkcs12, path: " + partner + ", passwordEnv: P12_PW }\n";
        String partnerTarget = "    - { name: partner, path: " + work.resolve("v3/keys/partner.p12") + " }\n";
        CliHarness.Run a = run(config(work, kernelAndPartner, partnerTarget, set, true), "verify", "--only", "keystores");
        assertEquals(1, a.exit(), a::toString);
        assertTrue(a.out().contains("DIFF keystore 'kernel': no target.keystores entry")
                && a.out().contains("DIFF keystore 'ida': no target.keystores entry"), a::toString);

        // no target.keystores at all: the keystores cannot be verified with this config
        CliHarness.Run b = run(config(work, null, "", set, true), "verify", "--only", "keystores");
        assertEquals(2, b.exit(), b::toString);
        assertTrue(b.err().contains("target.keystores is not configured"), b::toString);

        // nothing to compare the target with: no source, and a backup set without keystores
        String kernelOnly = "    - { name: kernel, path: " + kernelTarget + " }\n";
        String gone = "    - { name: kernel, type: softhsm, path: " + dir.resolve("gone") + ", pinEnv: HSM_PIN }\n";
        CliHarness.Run c = run(config(work, gone, kernelOnly, work.resolve("empty-set"), true), "verify", "--only", "keystores");
        assertEquals(1, c.exit(), c::toString);
        assertTrue(c.out().contains("DIFF keystore 'kernel': nothing to compare the target " + kernelTarget + " with"), c::toString);

        // ... nor when the set's keystores cannot be read (no backup key)
        CliHarness.Run d = run(config(work, gone, kernelOnly, set, false), "verify", "--only", "keystores");
        assertEquals(1, d.exit(), d::toString);
        assertTrue(d.out().contains("DIFF keystore 'kernel': nothing to compare the target") && d.out().contains("without the backup key"), d::toString);

        // no PIN: nothing can be read, so nothing is proven about the keys
        String noPin = "    - { name: kernel, type: softhsm, path: " + kernel + " }\n";
        CliHarness.Run e = run(config(work, noPin, kernelOnly, set, true), "verify", "--only", "keystores");
        assertEquals(1, e.exit(), e::toString);
        assertTrue(e.out().contains("DIFF keystore 'kernel': not opened: no pinEnv/pinFile is configured"), e::toString);

        // and with everything in place it passes
        CliHarness.Run ok = run(config(work, null, null, set, true), "verify", "--only", "keystores");
        assertEquals(0, ok.exit(), ok::toString);
        assertNoSecrets(work);
    }

    void assertNoSecrets(Path work) throws Exception {
        for (CliHarness.Run r : runs) {
            for (String s : List.of(PIN, SO_PIN, P12_PW, BACKUP_KEY, AES_HEX)) {
                assertFalse((r.out() + r.err()).contains(s), "a secret in the output of a run:\n" + r);
            }
        }
        try (Stream<Path> w = Files.walk(work)) {
            for (Path f : w.filter(p -> Files.isRegularFile(p) && !p.toString().contains("/v3/")).toList()) {
                String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String s : List.of(PIN, SO_PIN, P12_PW, BACKUP_KEY, AES_HEX)) {
                    assertFalse(content.contains(s), "a secret in " + f);
                }
            }
        }
    }
}
