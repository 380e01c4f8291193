package org.mosipmigrate.core.evidence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.evidence.EvidencePack.Mismatch;
import org.mosipmigrate.core.evidence.EvidencePack.TableEvidence;

/** Signing and checking an evidence pack without servers: every single-byte change of either file is caught. */
class EvidencePackTest {
    @TempDir
    Path tmp;

    private static EvidencePack sample(boolean failed) {
        var b = EvidencePack.builder("verify")
                .source(new EvidencePack.SourceRef("/backups/run-1", "run-1", "2026-01-01T00:00:00Z", "v2-db", 5432, 120022,
                        Map.of("mosip_idrepo", List.of("00000003-0000001B-1")), null))
                .phase("verify db", Instant.now().minusMillis(1500), 3L, "table", 12_345L, null, !failed)
                .table(new TableEvidence("mosip_idrepo", "idrepo.uin", 9, 12_000L, "ab".repeat(32), 12_000L, "ab".repeat(32), failed ? 11_999L : 12_000L,
                        failed ? "cd".repeat(32) : "ab".repeat(32), failed ? "MISMATCH" : "OK"))
                .table(new TableEvidence("mosip_idrepo", "idrepo.<script>alert(1)</script>", 2, 0L, "0".repeat(64), null, null, 0L, "0".repeat(64), "OK"));
        if (failed) {
            b.mismatch(new Mismatch("db", "mosip_idrepo", "mosip_idrepo.idrepo.uin", "ROW_COUNT", "12000", "11999", "target has one row less"));
        }
        return b.build();
    }

    @Test
    void signedPackChecksAndEveryByteFlipIsDetected() throws Exception {
        BackupKey key = BackupKey.generate();
        var w = EvidenceWriter.write(tmp.resolve("pack"), sample(false), key);
        assertTrue(w.signed());
        assertTrue(EvidenceCheck.check(w.dir(), key).valid(), () -> EvidenceCheck.check(w.dir(), key).problems().toString());
        for (Path f : List.of(w.json(), w.html())) {
            byte[] original = Files.readAllBytes(f);
            // every byte of evidence.json (the MAC's input); report.html is covered by one SHA-256, so every 5th byte and the last
            int step = f.equals(w.json()) ? 1 : 5;
            for (int i = 0; i < original.length; i = i + step < original.length || i == original.length - 1 ? i + step : original.length - 1) {
                byte[] changed = original.clone();
                changed[i] ^= 0x01;
                Files.write(f, changed);
                var r = EvidenceCheck.check(w.dir(), key);
                int at = i;
                assertFalse(r.valid(), () -> "flipping byte " + at + " of " + f.getFileName() + " went unnoticed");
            }
            Files.write(f, original);
        }
        assertTrue(EvidenceCheck.check(w.json(), key).valid());
    }

    @Test
    void wrongKeyUnsignedAndMissingReportFail() throws Exception {
        var w = EvidenceWriter.write(tmp.resolve("a"), sample(false), BackupKey.generate());
        var wrong = EvidenceCheck.check(w.dir(), BackupKey.generate());
        assertFalse(wrong.valid());
        assertTrue(wrong.problems().get(0).contains("configured key"), wrong.problems()::toString);
        assertThrows(MigrateException.class, () -> EvidenceCheck.check(w.dir(), null));

        var unsigned = EvidenceWriter.write(tmp.resolve("b"), sample(false), null);
        assertFalse(unsigned.signed());
        var u = EvidenceCheck.check(unsigned.dir(), BackupKey.generate());
        assertFalse(u.valid());
        assertTrue(u.problems().get(0).contains("UNSIGNED"), u.problems()::toString);
        assertTrue(Files.readString(unsigned.html()).contains("UNSIGNED"));

        BackupKey key = BackupKey.generate();
        var r = EvidenceWriter.write(tmp.resolve("c"), sample(false), key);
        Files.delete(r.html());
        var missing = EvidenceCheck.check(r.dir(), key);
        assertFalse(missing.valid());
        assertTrue(missing.problems().get(0).contains("missing"), missing.problems()::toString);
    }

    @Test
    void failedPackHighlightsTheMismatchAndEscapesData() throws Exception {
        var w = EvidenceWriter.write(tmp.resolve("f"), sample(true), BackupKey.generate());
        assertEquals("FAILED", w.verdict());
        String html = Files.readString(w.html(), StandardCharsets.UTF_8);
        assertTrue(html.contains("class=\"verdict failed\""));
        assertTrue(html.indexOf(">FAILED<") < html.indexOf("id=\"timings\""), "the verdict comes before the chart");
        assertTrue(html.contains("<tr class=\"bad\"><td>db</td><td>mosip_idrepo</td><td>mosip_idrepo.idrepo.uin</td>"), html);
        assertTrue(html.contains("<tr class=\"bad\"><td>mosip_idrepo</td><td>idrepo.uin</td>"), "the table row is highlighted");
        assertFalse(html.contains("<script>"), "data is escaped");
        assertTrue(html.contains("idrepo.&lt;script&gt;alert(1)&lt;/script&gt;"));
        assertFalse(html.matches("(?s).*(src=|href=|@import|url\\().*"), "no external resource");
        String json = Files.readString(w.json());
        assertTrue(json.contains("\"verdict\" : \"FAILED\"") && json.contains("\"kind\" : \"ROW_COUNT\""));
    }

    @Test
    void configDigestIgnoresLayoutAndNeverHoldsSecretValues() throws Exception {
        Path a = tmp.resolve("a.yaml");
        Path b = tmp.resolve("b.yaml");
        Files.writeString(a, "# comment\nsource:\n  postgres: { host: h, port: 5432, passwordEnv: PW }\nparallelism: 4\n");
        Files.writeString(b, "parallelism: 4\nsource:\n  postgres:\n    passwordEnv: PW\n    port: 5432\n    host: h\n");
        assertEquals(ConfigDigests.of(a).sha256(), ConfigDigests.of(b).sha256());
        Path c = tmp.resolve("c.yaml");
        Files.writeString(c, "parallelism: 5\nsource:\n  postgres:\n    passwordEnv: PW\n    port: 5432\n    host: h\n");
        assertFalse(ConfigDigests.of(a).sha256().equals(ConfigDigests.of(c).sha256()));
        Path s = tmp.resolve("s.yaml");
        Files.writeString(s, "source:\n  postgres: { password: hunter2, passwordFile: /run/pw }\nkeystores: [{name: k, pin: '1234', pinEnv: P}]\n");
        String canonical = ConfigDigests.of(s).canonical().toString();
        assertFalse(canonical.contains("hunter2") || canonical.contains("1234"), canonical);
        assertTrue(canonical.contains("/run/pw") && canonical.contains("pinEnv=P"), canonical);
    }
}
