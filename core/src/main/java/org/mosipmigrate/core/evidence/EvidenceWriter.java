package org.mosipmigrate.core.evidence;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HexFormat;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.crypto.EvidenceSeal;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.PrivateFiles;

/**
 * Writes an evidence pack: {@code report.html} first, then {@code evidence.json}, which records the page's
 * SHA-256 and ends with the signature. The MAC covers every byte of evidence.json except the 64 hex digits of
 * the MAC itself (computed while they are zeros), so a change of any byte of either file is detected.
 */
public final class EvidenceWriter {
    public static final String JSON = "evidence.json";
    public static final String HTML = "report.html";
    static final String MAC_FIELD = "\"mac\" : \"";
    static final String ZEROS = "0".repeat(64);
    private static final DateTimeFormatter DIR_NAME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private EvidenceWriter() {
    }

    /** Where the pack is written and whether it is signed. */
    public record Written(Path dir, Path json, Path html, String verdict, String keyId) {
        public boolean signed() {
            return keyId != null;
        }
    }

    /** {@code <base>/evidence/<UTC timestamp>}, with a suffix when two runs end in the same second. */
    public static Path defaultDir(Path base, Instant now) {
        Path parent = base.resolve("evidence");
        String name = DIR_NAME.format(now);
        Path dir = parent.resolve(name);
        for (int i = 2; Files.exists(dir); i++) {
            dir = parent.resolve(name + "-" + i);
        }
        return dir;
    }

    /** Writes the pack into {@code dir}; {@code key} null writes it UNSIGNED. */
    public static Written write(Path dir, EvidencePack pack, BackupKey key) {
        try {
            PrivateFiles.createDirectories(dir);
            byte[] html = EvidenceHtml.render(pack, key == null ? null : key.keyId()).getBytes(StandardCharsets.UTF_8);
            Json.writeBytesAtomically(dir.resolve(HTML), html);
            EvidencePack.Signature sig = key == null
                    ? new EvidencePack.Signature(EvidencePack.Signature.UNSIGNED, null, "no evidence or encryption key was configured", null)
                    : new EvidencePack.Signature(EvidencePack.Signature.SIGNED, key.keyId(), EvidenceSeal.ALGORITHM, ZEROS);
            EvidencePack full = pack.withReport(new EvidencePack.ReportRef(HTML, ConfigDigests.sha256(html))).withSignature(sig);
            byte[] json = Json.MAPPER.writeValueAsBytes(full);
            if (key != null) {
                int at = macPosition(json);
                if (at < 0 || !new String(json, at, 64, StandardCharsets.US_ASCII).equals(ZEROS)) {
                    throw new IllegalStateException("the signature placeholder is not where the writer put it");
                }
                byte[] mac = HexFormat.of().formatHex(EvidenceSeal.mac(json, key)).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(mac, 0, json, at, 64);
            }
            Json.writeBytesAtomically(dir.resolve(JSON), json);
            return new Written(dir, dir.resolve(JSON), dir.resolve(HTML), pack.verdict(), key == null ? null : key.keyId());
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write the evidence pack into " + dir + ": " + e.getMessage(),
                    "check that the directory is writable and has free space, or pass --evidence-dir", e);
        }
    }

    /** Index of the MAC's first hex digit: after the last {@code "mac" : "} (the signature is the file's last member). */
    static int macPosition(byte[] json) {
        byte[] needle = MAC_FIELD.getBytes(StandardCharsets.US_ASCII);
        for (int i = json.length - needle.length; i >= 0; i--) {
            if (Arrays.equals(json, i, i + needle.length, needle, 0, needle.length)) {
                int at = i + needle.length;
                return at + 64 < json.length ? at : -1;
            }
        }
        return -1;
    }
}
