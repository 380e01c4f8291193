package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.testkit.PgServers;

/** With encryption configured, no data or DDL is readable in the set, and every kind of tampering is refused. */
class EncryptedBackupSetTest {
    static final String DB = "enc_src";
    static final String MARKER = "IDENTITY-MARKER-7f3a";

    @TempDir
    Path tmp;

    PgServers.Pair pair;
    CliHarness h;
    String keyText;

    @BeforeEach
    void backUpEncrypted() throws Exception {
        pair = PgServers.local();
        pair.source().freshDatabase(DB);
        pair.source().execute(DB, "CREATE TABLE resident_secret_table (id int PRIMARY KEY, name text)",
                "INSERT INTO resident_secret_table SELECT g, '" + MARKER + "-' || g FROM generate_series(1, 5000) g");
        pair.target().dropDatabase(DB);
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        keyText = Base64.getEncoder().encodeToString(raw);
        h = new CliHarness(pair, tmp, List.of(DB), "encryption: { keyEnv: MM_BACKUP_KEY }\n");
        h.env.put("MM_BACKUP_KEY", keyText);
        CliHarness.Run b = h.run("backup");
        assertEquals(0, b.exit(), b::toString);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.walk(tmp.resolve("set"))) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void nothingReadableAndRestoreVerifies() throws Exception {
        for (Path f : files()) {
            String content = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(MARKER), "row data in clear in " + f);
            assertFalse(content.contains(keyText), "key in " + f);
            if (!f.getFileName().toString().endsWith(".json") && !f.getFileName().toString().endsWith(".jsonl")) {
                assertFalse(content.contains("CREATE TABLE"), "DDL in clear in " + f);
            }
        }
        try (Stream<Path> all = Files.walk(tmp.resolve("set"))) {
            for (Path p : all.toList()) {
                String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode, "owner-only mode for " + p);
            }
        }
        assertTrue(Files.readString(tmp.resolve("set/manifest.json")).contains(BackupKey.fromEnv("MM_BACKUP_KEY", h.env).keyId()));
        CliHarness.Run check = h.run("verify", "--set-only");
        assertEquals(0, check.exit(), check::toString);
        assertTrue(check.out().contains("PASSED") && check.out().contains("seals verified"), check::toString);
        CliHarness.Run r = h.run("restore");
        assertEquals(0, r.exit(), r::toString);
        assertEquals(CliHarness.contents(pair.source(), DB), CliHarness.contents(pair.target(), DB));
        CliHarness.Run v = h.run("verify");
        assertEquals(0, v.exit(), v::toString);
        assertFalse((r.out() + r.err() + v.out() + v.err()).contains(keyText));
    }

    @Test
    void wrongOrMissingKeyIsRefusedBeforeWriting() throws Exception {
        h.env.put("MM_BACKUP_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        CliHarness.Run wrong = h.run("restore");
        assertEquals(2, wrong.exit(), wrong::toString);
        assertTrue(wrong.err().contains("sealed with key") && wrong.err().contains("configured key is"), wrong::toString);

        Path noKey = tmp.resolve("nokey.yaml");
        Files.writeString(noKey, Files.readString(h.config).replace("encryption: { keyEnv: MM_BACKUP_KEY }\n", ""));
        var cl = Main.commandLine(h.env);
        var err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        cl.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(2, cl.execute("restore", "--config", noKey.toString()));
        assertTrue(err.toString().contains("is encrypted and sealed with key"), err::toString);
        assertFalse(databaseExists(), "nothing may be created on the target");
    }

    @Test
    void editedManifestIsRefused() throws Exception {
        Path m = tmp.resolve("set/manifest.json");
        Files.writeString(m, Files.readString(m).replaceFirst("\"rows\" : 5000", "\"rows\" : 4999"));
        CliHarness.Run r = h.run("restore");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("does not match its seal"), r::toString);
        assertFalse(databaseExists());
    }

    @Test
    void flippedByteAndDeletedFileAreRefusedBeforeWriting() throws Exception {
        Path chunk = files().stream().filter(p -> p.toString().endsWith(".copy.zst")).findFirst().orElseThrow();
        try (RandomAccessFile f = new RandomAccessFile(chunk.toFile(), "rw")) {
            f.seek(40);
            int b = f.read();
            f.seek(40);
            f.write(b ^ 1);
        }
        CliHarness.Run check = h.run("verify", "--set-only");
        assertEquals(1, check.exit(), check::toString);
        assertTrue(check.out().contains("BAD") && check.out().contains(chunk.getFileName().toString()), check::toString);
        CliHarness.Run flipped = h.run("restore");
        assertEquals(3, flipped.exit(), flipped::toString);
        assertTrue(flipped.err().contains(chunk.getFileName().toString()), flipped::toString);
        assertFalse(databaseExists());

        Files.delete(chunk);
        CliHarness.Run deleted = h.run("restore");
        assertEquals(3, deleted.exit(), deleted::toString);
        assertTrue(deleted.err().contains("is missing"), deleted::toString);
        assertFalse(databaseExists());
    }

    private boolean databaseExists() throws Exception {
        try (var c = pair.target().connect("postgres");
             var rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DB + "'")) {
            return rs.next();
        }
    }
}
