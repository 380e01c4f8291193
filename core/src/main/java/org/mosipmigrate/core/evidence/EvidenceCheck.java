package org.mosipmigrate.core.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.crypto.EvidenceSeal;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;

/**
 * Checks an evidence pack: evidence.json parses, is signed, its MAC matches under the configured key, and the
 * report.html it records is present with the recorded SHA-256. Tampering is a result with problems, never an
 * exception; only a missing path (usage) or an unreadable file (I/O) throws.
 */
public final class EvidenceCheck {
    private EvidenceCheck() {
    }

    /** {@code problems} empty = valid. {@code verdict} and {@code keyId} as the file states them (null if unreadable). */
    public record Result(Path json, String verdict, String keyId, List<String> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public static Path jsonOf(Path fileOrDir) {
        Path json = Files.isDirectory(fileOrDir) ? fileOrDir.resolve(EvidenceWriter.JSON) : fileOrDir;
        if (!Files.exists(json)) {
            throw new MigrateException(ErrorCode.USAGE, json + " does not exist",
                    "give an evidence directory (evidence/<timestamp>) or its evidence.json");
        }
        return json;
    }

    public static Result check(Path fileOrDir, BackupKey key) {
        Path json = jsonOf(fileOrDir);
        byte[] bytes = read(json);
        List<String> problems = new ArrayList<>();
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            problems.add(json.getFileName() + " is not valid JSON any more (" + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + "): it was modified or damaged");
            return new Result(json, null, null, problems);
        }
        if (root == null || !EvidencePack.FORMAT.equals(root.path("format").asText())) {
            problems.add(json + " is not a mosip-migrate evidence pack (format is not " + EvidencePack.FORMAT + ")");
            return new Result(json, null, null, problems);
        }
        String verdict = root.path("verdict").asText(null);
        JsonNode sig = root.path("signature");
        String keyId = sig.path("keyId").asText(null);
        String status = sig.path("status").asText("");
        if (EvidencePack.Signature.UNSIGNED.equals(status)) {
            problems.add("the pack is UNSIGNED (it was written without an evidence or encryption key), so nothing proves it unmodified");
        } else if (!EvidencePack.Signature.SIGNED.equals(status)) {
            problems.add("the signature block is missing or damaged (status '" + status + "')");
        } else {
            checkMac(bytes, sig, key, keyId, problems);
        }
        checkReport(json, root.path("report"), problems);
        return new Result(json, verdict, keyId, List.copyOf(problems));
    }

    private static void checkMac(byte[] bytes, JsonNode sig, BackupKey key, String keyId, List<String> problems) {
        if (key == null) {
            throw new MigrateException(ErrorCode.CONFIG, "the evidence pack is signed with key " + keyId + " but no key is configured",
                    "configure evidence.keyFile/evidence.keyEnv (or encryption.keyFile/keyEnv) with the key the pack was written with");
        }
        if (!key.keyId().equals(keyId)) {
            problems.add("the pack states key " + keyId + " but the configured key is " + key.keyId()
                    + ": either the wrong key is configured or the key id was altered");
            return;
        }
        int at = EvidenceWriter.macPosition(bytes);
        String stated = sig.path("mac").asText("");
        if (at < 0 || !new String(bytes, at, 64, StandardCharsets.US_ASCII).equals(stated) || !stated.matches("[0-9a-f]{64}")) {
            problems.add("the signature's MAC is missing or malformed");
            return;
        }
        byte[] zeroed = bytes.clone();
        System.arraycopy(EvidenceWriter.ZEROS.getBytes(StandardCharsets.US_ASCII), 0, zeroed, at, 64);
        if (!MessageDigest.isEqual(EvidenceSeal.mac(zeroed, key), HexFormat.of().parseHex(stated))) {
            problems.add(EvidenceWriter.JSON + " does not match its signature: it was modified after it was written");
        }
    }

    private static void checkReport(Path json, JsonNode report, List<String> problems) {
        if (report.isMissingNode() || report.isNull()) {
            problems.add("the pack records no report file");
            return;
        }
        String name = report.path("file").asText("");
        if (!EvidenceWriter.HTML.equals(name)) {
            problems.add("the recorded report file '" + name + "' is not " + EvidenceWriter.HTML);
            return;
        }
        Path html = json.toAbsolutePath().resolveSibling(name);
        if (!Files.exists(html)) {
            problems.add(name + " is recorded in the pack but missing from " + html.getParent());
            return;
        }
        String actual = ConfigDigests.sha256(read(html));
        if (!actual.equals(report.path("sha256").asText())) {
            problems.add(name + " was modified: its SHA-256 is " + actual + ", the pack records " + report.path("sha256").asText());
        }
    }

    private static byte[] read(Path f) {
        try {
            return Files.readAllBytes(f);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot read " + f + ": " + e.getMessage(), "check the path and its permissions", e);
        }
    }
}
