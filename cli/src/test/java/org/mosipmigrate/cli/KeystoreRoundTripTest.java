package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.KeystoresManifest;

/**
 * Keystores end to end through the real CLI: two real SoftHSM token directories (one with two tokens; RSA
 * and EC keys imported through PKCS#11) and two real PKCS12 files (one with an expired certificate), backed
 * up encrypted, restored, and verified with and without their secrets; plus every failure the issue names.
 */
class KeystoreRoundTripTest {
    static final String KERNEL_PIN = "kernel-PIN-4f81c2";
    static final String IDA_PIN = "ida-PIN-93b07e";
    static final String SO_PIN = "so-PIN-6d2a19";
    static final String PARTNER_PW = "partner-P12-c0ffee77";
    static final String REG_PW = "reg-P12-5eed1234";
    static final String KEY_B64;
    static final String KEY_HEX;

    static {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        KEY_B64 = Base64.getEncoder().encodeToString(raw);
        KEY_HEX = HexFormat.of().formatHex(raw);
    }

    @TempDir
    static Path fixture;

    @TempDir
    Path tmp;

    static Path pristineSet;

    record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    final Map<String, String> env = new HashMap<>();
    final List<Run> runs = new ArrayList<>();

    @BeforeAll
    static void makeKeystores() throws Exception {
        Path src = fixture.resolve("v2");
        Path kernel = src.resolve("kernel/tokens");
        SoftHsmFixture.initToken(kernel, "kernel", SO_PIN, KERNEL_PIN);
        Path kernelKeys = fixture.resolve("kernel-keys.p12");
        SoftHsmFixture.genKeyPair(kernelKeys, "seed-pw-1", "ROOT", "RSA");
        SoftHsmFixture.genKeyPair(kernelKeys, "seed-pw-1", "KERNEL_SIGN_EC", "EC");
        SoftHsmFixture.genKeyPair(kernelKeys, "seed-pw-1", "SOON_EXPIRING", "RSA", "-validity", "30");
        SoftHsmFixture.importKeys(kernel, KERNEL_PIN, kernelKeys, "seed-pw-1");

        // ida: one token directory holding two tokens (made apart, then put together)
        Path ida = src.resolve("ida/tokens");
        Path ida2 = fixture.resolve("ida2/tokens");
        SoftHsmFixture.initToken(ida, "ida", SO_PIN, IDA_PIN);
        SoftHsmFixture.initToken(ida2, "ida-2", SO_PIN, IDA_PIN);
        Path idaKeys = fixture.resolve("ida-keys.p12");
        SoftHsmFixture.genKeyPair(idaKeys, "seed-pw-2", "IDA", "RSA");
        SoftHsmFixture.genKeyPair(idaKeys, "seed-pw-2", "IDA_EC", "EC");
        SoftHsmFixture.importKeys(ida, IDA_PIN, idaKeys, "seed-pw-2");
        SoftHsmFixture.importKeys(ida2, IDA_PIN, idaKeys, "seed-pw-2");
        try (Stream<Path> s = Files.list(ida2)) {
            for (Path token : s.toList()) {
                Files.move(token, ida.resolve(token.getFileName()));
            }
        }

        Path partner = src.resolve("keys/partner.p12");
        Files.createDirectories(partner.getParent());
        SoftHsmFixture.genKeyPair(partner, PARTNER_PW, "partner-rsa", "RSA");
        SoftHsmFixture.genKeyPair(partner, PARTNER_PW, "partner-ec", "EC");
        SoftHsmFixture.genKeyPair(partner, PARTNER_PW, "partner-expired", "EC", "-startdate", "-2y", "-validity", "30");
        Files.setPosixFilePermissions(partner, PosixFilePermissions.fromString("rw-r-----"));
        Path reg = src.resolve("keys/reg.p12");
        SoftHsmFixture.genKeyPair(reg, REG_PW, "reg-client", "RSA");
        Files.writeString(fixture.resolve("partner.pw"), PARTNER_PW + "\n");

        // one backup shared by the tests (each works on its own copy)
        KeystoreRoundTripTest t = new KeystoreRoundTripTest();
        t.tmp = fixture.resolve("pristine");
        Files.createDirectories(t.tmp);
        t.secrets();
        Run b = t.run("backup", "--only", "keystores");
        assertEquals(0, b.exit(), b::toString);
        pristineSet = t.tmp.resolve("set");
        t.assertNoSecrets();
    }

    @BeforeEach
    void secrets() {
        env.put("MM_BACKUP_KEY", KEY_B64);
        env.put("KERNEL_HSM_PIN", KERNEL_PIN);
        env.put("IDA_HSM_PIN", IDA_PIN);
        env.put("REG_P12_PW", REG_PW);
    }

    Path config(boolean withSecrets, boolean withKey) throws Exception {
        Path src = fixture.resolve("v2");
        Path t = tmp.resolve("v3");
        String y = "source:\n  keystores:\n"
                + "    - { name: kernel, type: softhsm, path: " + src.resolve("kernel/tokens") + (withSecrets ? ", pinEnv: KERNEL_HSM_PIN" : "") + " }\n"
                + "    - { name: ida, type: softhsm, path: " + src.resolve("ida/tokens") + (withSecrets ? ", pinEnv: IDA_HSM_PIN" : "") + " }\n"
                + "    - { name: partner, type: pkcs12, path: " + src.resolve("keys/partner.p12") + (withSecrets ? ", passwordFile: " + fixture.resolve("partner.pw") : "") + " }\n"
                + "    - { name: reg, type: pkcs12, path: " + src.resolve("keys/reg.p12") + (withSecrets ? ", passwordEnv: REG_P12_PW" : "") + " }\n"
                + "target:\n  keystores:\n"
                + "    - { name: kernel, path: " + t.resolve("kernel/tokens") + " }\n"
                + "    - { name: ida, path: " + t.resolve("ida/tokens") + " }\n"
                + "    - { name: partner, path: " + t.resolve("keys/partner-v3.p12") + " }\n"
                + "    - { name: reg, path: " + t.resolve("keys/reg.p12") + " }\n"
                + "backupSet: " + tmp.resolve("set") + "\n"
                + "stateDir: " + tmp.resolve("state") + "\n"
                + (withKey ? "encryption: { keyEnv: MM_BACKUP_KEY }\n" : "");
        Path f = tmp.resolve((withSecrets ? "with" : "no") + "-secrets" + (withKey ? "" : "-no-key") + ".yaml");
        Files.writeString(f, y);
        return f;
    }

    Run run(String... args) throws Exception {
        return runWith(config(true, true), args);
    }

    Run runWith(Path config, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = Main.commandLine(env);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--config");
        all.add(config.toString());
        Run r = new Run(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
        runs.add(r);
        return r;
    }

    void copySet() throws Exception {
        Path to = tmp.resolve("set");
        try (Stream<Path> w = Files.walk(pristineSet)) {
            for (Path p : w.toList()) {
                Path d = to.resolve(pristineSet.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(p, d);
                }
            }
        }
    }

    static Map<String, String> tree(Path root) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> w = Files.walk(root)) {
            for (Path p : w.toList()) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS));
                out.put(root.relativize(p).toString(), Files.isDirectory(p) ? "dir " + mode
                        : mode + " " + HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        }
        return out;
    }

    /** Every output of every run and every file of the set and the state dir: no PIN, password or key. */
    void assertNoSecrets() throws Exception {
        List<String> secrets = List.of(KERNEL_PIN, IDA_PIN, SO_PIN, PARTNER_PW, REG_PW, KEY_B64, KEY_HEX);
        for (Run r : runs) {
            for (String s : secrets) {
                assertFalse((r.out() + r.err()).contains(s), "a secret in the output of a run:\n" + r);
            }
        }
        for (Path dir : List.of(tmp.resolve("set"), tmp.resolve("state"))) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> w = Files.walk(dir)) {
                for (Path f : w.filter(Files::isRegularFile).toList()) {
                    String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    for (String s : secrets) {
                        assertFalse(content.contains(s), "a secret in " + f);
                    }
                    if (f.startsWith(tmp.resolve("set"))) {
                        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), "mode of " + f);
                    }
                }
            }
        }
    }

    @Test
    void roundTripKeepsLayoutModesAndEveryKeySigns() throws Exception {
        copySet();
        KeystoresManifest m = Json.MAPPER.readValue(tmp.resolve("set/" + KeystoresManifest.FILE).toFile(), KeystoresManifest.class);
        assertEquals(List.of("kernel", "ida", "partner", "reg"), m.keystores().stream().map(KeystoresManifest.Keystore::name).toList());
        assertEquals(2, m.keystores().get(1).tokens());
        for (var k : m.keystores()) {
            for (var f : k.files()) {
                String stored = new String(Files.readAllBytes(tmp.resolve("set").resolve(f.stored().file())), StandardCharsets.ISO_8859_1);
                assertFalse(stored.contains("token") || stored.contains("partner-rsa") || stored.contains("MOSIP test"), "clear text in " + f.stored().file());
            }
        }

        Run restore = run("restore", "--only", "keystores");
        assertEquals(0, restore.exit(), restore::toString);
        Path src = fixture.resolve("v2");
        Path v3 = tmp.resolve("v3");
        assertEquals(tree(src.resolve("kernel/tokens")), tree(v3.resolve("kernel/tokens")));
        assertEquals(tree(src.resolve("ida/tokens")), tree(v3.resolve("ida/tokens")));
        assertEquals(tree(src.resolve("keys/partner.p12")).get(""), tree(v3.resolve("keys/partner-v3.p12")).get(""));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(v3.resolve("keys/partner-v3.p12"))));

        Run verify = run("verify", "--only", "keystores");
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.out().contains("PASSED"), verify::toString);
        // every private key signs on source and target with the original PINs/passwords: 3 kernel, 2x2 ida, 3 partner, 1 reg;
        // every object is compared one by one with the backup set's description of it
        var report = Json.MAPPER.readTree(tmp.resolve("state/keystores-verify-report.json").toFile());
        int signed = 0;
        for (var k : report.get("keystores")) {
            assertTrue(k.get("opened").asBoolean(), k::toString);
            assertEquals("the backup set", k.get("objectsComparedWith").asText(), k::toString);
            assertEquals(k.get("source").size(), k.get("target").size(), k::toString);
            for (var e : k.get("target")) {
                if (e.get("kind").asText().equals("private-key")) {
                    assertEquals("ok", e.get("roundTrip").asText(), e::toString);
                    assertTrue(e.get("publicKeySha256").asText().matches("[0-9a-f]{64}"), e::toString);
                    signed++;
                } else {
                    assertEquals("certificate", e.get("kind").asText(), e::toString);
                }
            }
        }
        assertEquals(11, signed, verify::toString);
        assertTrue(verify.out().contains("EXPIRED") && verify.out().contains("partner-expired"), verify::toString);
        assertTrue(verify.out().contains("SOON_EXPIRING") && verify.out().contains("expires on"), verify::toString);
        assertTrue(verify.out().contains("RSA") && verify.out().contains("EC"), verify::toString);

        // without the secrets the files are still compared, but nothing is proven about the keys: never a pass
        Run noSecrets = runWith(config(false, true), "verify", "--only", "keystores");
        assertEquals(1, noSecrets.exit(), noSecrets::toString);
        assertTrue(noSecrets.out().contains("DIFF keystore 'kernel': not opened: no pinEnv/pinFile is configured")
                && noSecrets.out().contains("DIFF keystore 'partner': not opened: no passwordEnv/passwordFile is configured")
                && noSecrets.out().contains("(only its files were compared)"), noSecrets::toString);

        Run again = run("restore", "--only", "keystores");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().contains("ALREADY_DONE"), again::toString);
        assertNoSecrets();
    }

    @Test
    void backupWithoutKeyIsRefused() throws Exception {
        Run r = runWith(config(true, false), "backup", "--only", "keystores");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("only ever stored encrypted"), r::toString);
        assertFalse(Files.exists(tmp.resolve("set")), "nothing may be written");
    }

    @Test
    void wrongPinIsAClearError() throws Exception {
        copySet();
        assertEquals(0, run("restore", "--only", "keystores").exit());
        env.put("KERNEL_HSM_PIN", "not-the-pin-1234");
        Run r = run("verify", "--only", "keystores");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("keystore 'kernel'") && r.err().contains("PIN was refused"), r::toString);
        assertFalse(r.err().contains("not-the-pin-1234"), r::toString);
        env.put("KERNEL_HSM_PIN", KERNEL_PIN);
        env.put("REG_P12_PW", "wrong-password-99");
        Run p = run("verify", "--only", "keystores");
        assertEquals(3, p.exit(), p::toString);
        assertTrue(p.err().contains("keystore 'reg'") && p.err().contains("password was refused"), p::toString);
        assertFalse(p.err().contains("wrong-password-99"), p::toString);
    }

    @Test
    void wrongEncryptionKeyIsRefusedBeforeWriting() throws Exception {
        copySet();
        env.put("MM_BACKUP_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        Run r = run("restore", "--only", "keystores");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("sealed with key"), r::toString);
        assertFalse(Files.exists(tmp.resolve("v3")), "nothing may be written");
    }

    @Test
    void flippedByteIsRefusedBeforeWriting() throws Exception {
        copySet();
        Path stored = tmp.resolve("set/keystores/002-ida/0003.zst.enc");
        try (RandomAccessFile f = new RandomAccessFile(stored.toFile(), "rw")) {
            f.seek(30);
            int b = f.read();
            f.seek(30);
            f.write(b ^ 1);
        }
        Run r = run("restore", "--only", "keystores");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("keystore 'ida'") && r.err().contains("0003.zst.enc"), r::toString);
        assertFalse(Files.exists(tmp.resolve("v3")), "nothing may be written");
        Run v = run("verify", "--only", "keystores");
        assertEquals(1, v.exit(), v::toString);
        assertTrue(v.out().contains("DIFF keystore 'ida'") && v.out().contains("0003.zst.enc"), v::toString);
    }

    @Test
    void deletedFileIsRefusedBeforeWriting() throws Exception {
        copySet();
        Files.delete(tmp.resolve("set/keystores/004-reg/0000.zst.enc"));
        Run r = run("restore", "--only", "keystores");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("keystore 'reg'") && r.err().contains("is missing"), r::toString);
        assertFalse(Files.exists(tmp.resolve("v3")), "nothing may be written");
    }

    @Test
    void nonEmptyTargetIsRefusedThenMovedAsideOnRequest() throws Exception {
        copySet();
        Path existing = tmp.resolve("v3/kernel/tokens/old-token/token.object");
        Files.createDirectories(existing.getParent());
        Files.writeString(existing, "an old V3 token");
        Run r = run("restore", "--only", "keystores");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("already hold data") && r.err().contains("--replace-existing"), r::toString);
        assertEquals("an old V3 token", Files.readString(existing));
        try (Stream<Path> s = Files.list(tmp.resolve("v3"))) {
            assertEquals(List.of("kernel"), s.map(p -> p.getFileName().toString()).toList(), "no other target may be written");
        }

        Run replace = run("restore", "--only", "keystores", "--replace-existing");
        assertEquals(0, replace.exit(), replace::toString);
        assertTrue(replace.out().contains("previous content moved to"), replace::toString);
        try (Stream<Path> s = Files.list(tmp.resolve("v3/kernel"))) {
            Path aside = s.filter(p -> p.getFileName().toString().startsWith("tokens.before-restore-")).findFirst().orElseThrow();
            assertEquals("an old V3 token", Files.readString(aside.resolve("old-token/token.object")));
        }
        assertEquals(tree(fixture.resolve("v2/kernel/tokens")), tree(tmp.resolve("v3/kernel/tokens")));
        Run v = run("verify", "--only", "keystores");
        assertEquals(0, v.exit(), v::toString);
        assertNoSecrets();
    }
}
