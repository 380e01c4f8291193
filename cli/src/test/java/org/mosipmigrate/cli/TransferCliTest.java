package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.transfer.SetLayout;

/**
 * {@code transfer} of a real backup set (database, objects, keystore; encrypted and sealed) from a directory
 * to S3, to another S3 prefix, and back to a directory, then restore and verify; a killed transfer resumes without sending finished files; a
 * damaged or truncated source file stops it, named, with nothing complete at the destination; bad
 * credentials and a missing bucket are clear errors without the secret.
 */
class TransferCliTest {
    @TempDir
    Path tmp;
    SetOnS3Fixture f;

    @AfterEach
    void stop() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    /** Encryption and a PKCS12 keystore (keystores always travel encrypted) in every config written after this. */
    private String encryptedWithKeystore() throws Exception {
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        f.env.put("MM_BACKUP_KEY", Base64.getEncoder().encodeToString(raw));
        Path p12 = tmp.resolve("v2keys/reg.p12");
        Files.createDirectories(p12.getParent());
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setEntry("reg-key", new KeyStore.SecretKeyEntry(new SecretKeySpec(raw, "AES")), new KeyStore.PasswordProtection("pw".toCharArray()));
        try (var out = Files.newOutputStream(p12)) {
            ks.store(out, "pw".toCharArray());
        }
        // with its password: verify must open it (a keystore it cannot read is a finding)
        f.env.put("REG_P12_PW", "pw");
        f.sourceExtra = "  keystores:\n    - { name: reg, type: pkcs12, path: " + p12 + ", passwordEnv: REG_P12_PW }\n";
        f.targetExtra = "  keystores:\n    - { name: reg, path: " + tmp.resolve("v3keys/reg.p12") + " }\n";
        return "encryption: { keyEnv: MM_BACKUP_KEY }\n";
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void aWholeSetGoesToS3AndBackAndRestoresIdentical() throws Exception {
        f = new SetOnS3Fixture(tmp, "xfer_src", 8000);
        int objects = f.seedObjects(4, 3, 6 << 20);
        String encryption = encryptedWithKeystore();
        Path local = f.config("local", tmp.resolve("set").toString(), encryption);
        CliHarness.Run backup = f.run(local, "backup");
        assertEquals(0, backup.exit(), backup::toString);
        Files.writeString(tmp.resolve("set/ledger/restore-elsewhere-5432.jsonl"), "{}\n"); // a restore ledger must not travel

        CliHarness.Run dry = f.run(local, "transfer", "--dry-run", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/moved");
        assertEquals(0, dry.exit(), dry::toString);
        assertTrue(dry.out().contains("parts:          databases, objects, keystores") && dry.out().contains("to send:"), dry::toString);
        assertFalse(Files.exists(f.stored("moved")), "a dry run sends nothing");

        CliHarness.Run up = f.run(local, "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/moved");
        assertEquals(0, up.exit(), up::toString);
        assertTrue(Files.isRegularFile(f.stored("moved/manifest.seal.json")) && Files.isRegularFile(f.stored("moved/keystores/manifest.json")));
        assertFalse(Files.exists(f.stored("moved/ledger/restore-elsewhere-5432.jsonl")));
        CliHarness.Run again = f.run(local, "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/moved");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.out().matches("(?s).*sent:\\s+0\\b.*") && again.out().matches("(?s).*manifests:\\s+0\\b.*"), again::toString);

        CliHarness.Run across = f.run(local, "transfer", "--from", "s3://sets/moved", "--to", "s3://sets/moved-again");
        assertEquals(0, across.exit(), across::toString);

        Path dest = tmp.resolve("dest/set");
        CliHarness.Run down = f.run(local, "transfer", "--from", "s3://sets/moved-again", "--to", dest.toString());
        assertEquals(0, down.exit(), down::toString);
        for (Path p : files(tmp.resolve("set"))) {
            String rel = tmp.resolve("set").relativize(p).toString();
            if (SetLayout.kind(rel) != SetLayout.Kind.WORK) {
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(dest.resolve(rel)), rel + " arrived byte for byte");
            } else {
                assertFalse(Files.exists(dest.resolve(rel)), rel + " is not part of the set that moves");
            }
        }

        Path there = f.config("dest", dest.toString(), encryption);
        CliHarness.Run check = f.run(there, "verify", "--set-only");
        assertEquals(0, check.exit(), check::toString);
        assertTrue(check.out().contains("seals verified"), check::toString);
        CliHarness.Run restore = f.run(there, "restore");
        assertEquals(0, restore.exit(), restore::toString);
        assertEquals(CliHarness.contents(f.pair.source(), f.db), CliHarness.contents(f.pair.target(), f.db));
        assertArrayEquals(Files.readAllBytes(tmp.resolve("v2keys/reg.p12")), Files.readAllBytes(tmp.resolve("v3keys/reg.p12")));
        CliHarness.Run verify = f.run(there, "verify", "--deep");
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.err().contains(objects + " object(s), 0 difference(s)"), verify::toString);
        for (CliHarness.Run r : List.of(up, across, down, restore, verify)) {
            assertFalse((r.out() + r.err()).contains(f.bs.secretKey()) || (r.out() + r.err()).contains(f.env.get("MM_BACKUP_KEY")));
        }
    }

    @Test
    void aKilledTransferResumesWithoutSendingFinishedFilesAgain() throws Exception {
        f = new SetOnS3Fixture(tmp, "xfer_kill", 60000);
        f.parallelism = 1;
        f.segmentSize = "1KiB";
        f.seedObjects(10, 2, 0);
        Path local = f.config("kill", tmp.resolve("set").toString(), "");
        assertEquals(0, f.run(local, "backup").exit());
        Path ledgerDir = tmp.resolve("state-kill/ledger");
        Process p = f.start(local, tmp.resolve("transfer-killed.log"), "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/k");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (p.isAlive() && doneLines(ledgerDir) < 15 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(p.isAlive(), () -> "the transfer finished before the kill: " + ObjectsCliTest.read(tmp.resolve("transfer-killed.log")));
        p.destroyForcibly();
        p.waitFor(20, TimeUnit.SECONDS);
        long finished = doneLines(ledgerDir);
        assertFalse(Files.exists(f.stored("k/manifest.json")), "an interrupted transfer never looks complete");
        CliHarness.Run rerun = f.run(local, "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/k");
        assertEquals(0, rerun.exit(), rerun::toString);
        assertTrue(rerun.out().matches("(?s).*skipped:\\s+" + finished + "\\b.*"), () -> "files finished before the kill (" + finished + ") are not sent again\n" + rerun);
        assertEquals(finished + sent(rerun) + manifests(rerun), doneLines(ledgerDir), "each file recorded once");
        Path check = f.config("check", "s3://sets/k", "");
        CliHarness.Run verify = f.run(check, "verify", "--set-only");
        assertEquals(0, verify.exit(), verify::toString);
    }

    private static long sent(CliHarness.Run r) {
        return Long.parseLong(r.out().replaceAll("(?s).*sent:\\s+(\\d+).*", "$1"));
    }

    private static long manifests(CliHarness.Run r) {
        return Long.parseLong(r.out().replaceAll("(?s).*manifests:\\s+(\\d+).*", "$1"));
    }

    /** Whole DONE lines in the transfer ledger(s) under {@code dir}. */
    private static long doneLines(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long n = 0;
        for (Path l : files(dir)) {
            if (l.getFileName().toString().startsWith("transfer-")) {
                n += Files.readAllLines(l).stream().filter(s -> s.endsWith("}") && s.contains("\"DONE\"")).count();
            }
        }
        return n;
    }

    @Test
    void aDamagedOrTruncatedSourceFileStopsTheTransferNamingIt() throws Exception {
        f = new SetOnS3Fixture(tmp, "xfer_bad", 5000);
        Path local = f.config("bad", tmp.resolve("set").toString(), "");
        assertEquals(0, f.run(local, "backup", "--only", "db").exit());
        Path chunk;
        try (Stream<Path> s = Files.walk(tmp.resolve("set/db"))) {
            chunk = s.filter(x -> x.getFileName().toString().equals("0001.copy.zst")).findFirst().orElseThrow();
        }
        String name = tmp.resolve("set").relativize(chunk).toString();
        try (RandomAccessFile raf = new RandomAccessFile(chunk.toFile(), "rw")) {
            raf.seek(raf.length() / 2);
            int b = raf.read();
            raf.seek(raf.length() / 2);
            raf.write(b ^ 0x01);
        }
        CliHarness.Run flipped = f.run(local, "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/bad");
        assertEquals(3, flipped.exit(), flipped::toString);
        assertTrue(flipped.err().contains(name) && flipped.err().contains("SHA-256") && flipped.err().contains("database xfer_bad"), flipped::toString);
        assertFalse(Files.exists(f.stored("bad/" + name)), "the damaged file was not stored");
        assertFalse(Files.exists(f.stored("bad/manifest.json")), "the destination does not look like a complete set");

        try (RandomAccessFile raf = new RandomAccessFile(chunk.toFile(), "rw")) {
            raf.setLength(raf.length() - 10);
        }
        CliHarness.Run truncated = f.run(local, "transfer", "--from", tmp.resolve("set").toString(), "--to", tmp.resolve("copy").toString());
        assertEquals(3, truncated.exit(), truncated::toString);
        assertTrue(truncated.err().contains(name) && truncated.err().contains("bytes, its manifest says"), truncated::toString);
        assertFalse(Files.exists(tmp.resolve("copy")), "a set with a hole is refused before anything is sent");
    }

    @Test
    void wrongKeysAndAMissingBucketAreClearErrors() throws Exception {
        f = new SetOnS3Fixture(tmp, "xfer_keys", 1000);
        Path local = f.config("keys", tmp.resolve("set").toString(), "");
        assertEquals(0, f.run(local, "backup", "--only", "db").exit());
        String secret = f.env.put("BS_SECRET", "not-the-secret-42");
        CliHarness.Run denied = f.run(local, "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://sets/x");
        assertEquals(3, denied.exit(), denied::toString);
        assertTrue(denied.err().contains("backupStore.accessKeyEnv"), denied::toString);
        assertFalse(denied.err().contains("not-the-secret-42") || denied.err().contains(secret), "no secret in messages");
        f.env.put("BS_SECRET", secret);
        CliHarness.Run missing = f.run(local, "transfer", "--from", tmp.resolve("set").toString(), "--to", "s3://no-such-bucket/x");
        assertEquals(3, missing.exit(), missing::toString);
        assertTrue(missing.err().contains("bucket no-such-bucket") && missing.err().contains("does not exist"), missing::toString);
        CliHarness.Run same = f.run(local, "transfer", "--from", tmp.resolve("set").toString(), "--to", tmp.resolve("set/inner").toString());
        assertEquals(2, same.exit(), same::toString);
    }
}
