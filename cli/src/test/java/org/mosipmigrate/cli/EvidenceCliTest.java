package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.evidence.EvidenceHtml;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.testkit.PgServers;

/**
 * The evidence pack of a real verify run (local PostgreSQL pair): signed, checkable, tamper-evident byte by byte,
 * free of secrets, showing a failed verify's mismatch, and readable in headless Chromium.
 */
class EvidenceCliTest {
    static final String DB = "evidence_src";
    static final String S3_SECRET = "s3-secret-Qx7vT2pLm9";

    @TempDir
    Path tmp;

    PgServers.Pair pair;
    CliHarness h;
    String keyText;

    @BeforeEach
    void backUpAndRestore() throws Exception {
        pair = PgServers.local();
        pair.source().freshDatabase(DB);
        pair.source().execute(DB, "CREATE TABLE resident (id int PRIMARY KEY, name text, amount numeric(12,2))",
                "INSERT INTO resident SELECT g, 'name-' || g, g * 1.25 FROM generate_series(1, 3000) g",
                "CREATE TABLE audit_event (id bigserial PRIMARY KEY, what text)",
                "INSERT INTO audit_event (what) SELECT 'event ' || g FROM generate_series(1, 500) g");
        pair.target().dropDatabase(DB);
        byte[] raw = new byte[32];
        new java.security.SecureRandom().nextBytes(raw);
        keyText = Base64.getEncoder().encodeToString(raw);
        // an object store section whose secret must never reach the evidence (the object part is not run: --only db)
        h = new CliHarness(pair, tmp, List.of(DB), "encryption: { keyEnv: MM_BACKUP_KEY }\n"
                + "source:\n  objectStore: { endpoint: 'http://127.0.0.1:1', accessKeyEnv: MM_S3_ACCESS, secretKeyEnv: MM_S3_SECRET }\n");
        h.env.put("MM_BACKUP_KEY", keyText);
        h.env.put("MM_S3_ACCESS", "access-Zk3");
        h.env.put("MM_S3_SECRET", S3_SECRET);
        CliHarness.Run b = h.run("backup", "--only", "db");
        assertEquals(0, b.exit(), b::toString);
        CliHarness.Run r = h.run("restore", "--only", "db");
        assertEquals(0, r.exit(), r::toString);
    }

    private Path evidenceDirOf(CliHarness.Run run) {
        String line = run.out().lines().filter(l -> l.startsWith("evidence: ")).findFirst().orElseThrow(() -> new AssertionError(run.toString()));
        return Path.of(line.substring("evidence: ".length()).trim());
    }

    @Test
    void passedVerifyWritesASignedPackThatDetectsEveryKindOfChange() throws Exception {
        CliHarness.Run v = h.run("verify", "--only", "db");
        assertEquals(0, v.exit(), v::toString);
        Path dir = evidenceDirOf(v);
        assertTrue(dir.startsWith(tmp.resolve("set/evidence")), "default place: <backupSet>/evidence/<timestamp>: " + dir);
        Path json = dir.resolve("evidence.json");
        Path html = dir.resolve("report.html");

        JsonNode pack = Json.MAPPER.readTree(json.toFile());
        assertEquals("PASSED", pack.path("verdict").asText());
        assertEquals("SIGNED", pack.path("signature").path("status").asText());
        assertTrue(pack.path("tool").asText().startsWith("mosip-migrate "));
        assertEquals(64, pack.path("config").path("sha256").asText().length());
        assertEquals("MM_V2_PW", pack.path("config").path("canonical").path("source").path("postgres").path("passwordEnv").asText());
        assertFalse(pack.path("source").path("runId").asText().isEmpty(), "the backup run the target came from");
        assertTrue(pack.path("source").path("snapshots").path(DB).size() >= 1, "the source snapshot of the database");
        assertEquals(2, pack.path("tables").size());
        JsonNode resident = table(pack, "public.resident");
        assertEquals(3000, resident.path("sourceRows").asLong());
        assertEquals(3000, resident.path("manifestRows").asLong());
        assertEquals(3000, resident.path("targetRows").asLong());
        assertEquals(resident.path("sourceHash").asText(), resident.path("targetHash").asText());
        assertEquals(DB, pack.path("databases").get(0).path("name").asText());
        assertEquals("verify db", pack.path("phases").get(0).path("name").asText());
        assertEquals(0, pack.path("mismatches").size());

        CliHarness.Run ok = h.run("evidence", "check", dir.toString());
        assertEquals(0, ok.exit(), ok::toString);
        assertTrue(ok.out().startsWith("VALID"), ok::toString);
        assertEquals(0, h.run("evidence", "check", json.toString()).exit(), "the file form works too");

        for (Path f : List.of(json, html)) {
            String content = Files.readString(f, StandardCharsets.UTF_8);
            for (String secret : List.of(h.env.get("MM_V2_PW"), h.env.get("MM_V3_PW"), keyText, S3_SECRET, h.env.get("MM_S3_ACCESS"))) {
                assertNotNull(secret);
                assertFalse(content.contains(secret), "a secret appears in " + f.getFileName());
            }
        }

        String text = Files.readString(json, StandardCharsets.ISO_8859_1); // one char per byte: indexes are byte positions
        int inNumber = text.indexOf("\"targetRows\" : 3000") + "\"targetRows\" : ".length() + 1;
        int inMac = text.indexOf("\"mac\" : \"") + "\"mac\" : \"".length() + 20;
        int inReportHash = text.indexOf("\"sha256\"", text.indexOf("\"report\"")) + "\"sha256\" : \"".length() + 5;
        int inVerdict = text.indexOf("\"PASSED\"") + 1;
        int whitespace = text.indexOf("\n  \"command\"") + 1;
        tamper(json, inNumber, b -> (byte) (b == '0' ? '1' : '0'), "does not match its signature");
        tamper(json, inMac, b -> (byte) (b == 'a' ? 'b' : 'a'), "does not match its signature");
        tamper(json, inReportHash, b -> (byte) (b == 'a' ? 'b' : 'a'), "report.html was modified");
        tamper(json, inVerdict, b -> (byte) 'F', "does not match its signature");
        tamper(json, whitespace, b -> (byte) '\t', "does not match its signature");
        tamper(json, 0, b -> (byte) ' ', "not a mosip-migrate evidence pack");
        tamper(json, text.length() - 2, b -> (byte) ' ', "does not match its signature"); // the newline before the last brace
        tamper(json, text.length() - 1, b -> (byte) ']', "not valid JSON");
        String page = Files.readString(html, StandardCharsets.ISO_8859_1);
        tamper(html, page.indexOf(">PASSED<") + 1, b -> (byte) 'F', "report.html was modified");
        tamper(html, page.length() / 2, b -> (byte) (b ^ 0x20), "report.html was modified");
        tamper(html, page.length() - 1, b -> (byte) ' ', "report.html was modified");
        assertEquals(0, h.run("evidence", "check", dir.toString()).exit(), "restored files check again");

        rendersWithBanner(html, EvidenceHtml.PASSED_COLOUR, "PASSED");
    }

    private static JsonNode table(JsonNode pack, String name) {
        for (JsonNode t : pack.path("tables")) {
            if (t.path("table").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no table " + name + " in " + pack.path("tables"));
    }

    /** Changes one byte, expects `evidence check` to exit 1 naming {@code expected}, then puts the byte back. */
    private void tamper(Path file, int position, Function<Byte, Byte> change, String expected) throws Exception {
        byte[] original = Files.readAllBytes(file);
        byte[] changed = original.clone();
        changed[position] = change.apply(original[position]);
        assertFalse(changed[position] == original[position], "the test must change the byte at " + position);
        Files.write(file, changed);
        try {
            CliHarness.Run r = h.run("evidence", "check", file.getParent().toString());
            assertEquals(1, r.exit(), () -> "byte " + position + " of " + file.getFileName() + ": " + r);
            assertTrue(r.out().startsWith("INVALID") && r.out().contains(expected), () -> "byte " + position + " of " + file.getFileName() + ": " + r);
        } finally {
            Files.write(file, original);
        }
    }

    @Test
    void failedVerifyProducesAPackWithTheMismatchHighlighted() throws Exception {
        pair.target().execute(DB, "UPDATE resident SET name = 'changed' WHERE id = 1234");
        Path dir = tmp.resolve("evidence-failed");
        CliHarness.Run v = h.run("verify", "--only", "db", "--evidence-dir", dir.toString());
        assertEquals(1, v.exit(), v::toString);
        assertEquals(dir, evidenceDirOf(v));
        JsonNode pack = Json.MAPPER.readTree(dir.resolve("evidence.json").toFile());
        assertEquals("FAILED", pack.path("verdict").asText());
        assertEquals("MISMATCH", table(pack, "public.resident").path("status").asText());
        JsonNode mismatch = pack.path("mismatches").get(0);
        assertEquals("CONTENT_HASH", mismatch.path("kind").asText(), pack::toPrettyString);
        assertTrue(mismatch.path("item").asText().contains("resident"));
        assertFalse(pack.path("phases").get(0).path("passed").asBoolean());

        CliHarness.Run check = h.run("evidence", "check", dir.toString());
        assertEquals(0, check.exit(), "a failed verify's pack is still a valid pack: " + check);
        assertTrue(check.out().contains("verdict FAILED"), check::toString);

        String page = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        assertTrue(page.contains("class=\"verdict failed\""));
        assertTrue(page.contains("<tr class=\"bad\"><td>db</td><td>" + DB + "</td><td>" + DB + ".public.resident</td>"), "mismatch row highlighted");
        assertTrue(page.contains("<tr class=\"bad\"><td>" + DB + "</td><td>public.resident</td>"), "table row highlighted");
        assertTrue(page.contains("<tr><td>" + DB + "</td><td>public.audit_event</td>"), "the equal table is not highlighted");
        assertTrue(page.indexOf(">FAILED<") < page.indexOf("id=\"timings\"") && page.indexOf("id=\"timings\"") < page.indexOf("id=\"mismatches\""),
                "verdict first, then the timings chart, then the mismatches");

        rendersWithBanner(dir.resolve("report.html"), EvidenceHtml.FAILED_COLOUR, "FAILED");
    }

    @Test
    void withoutAnyKeyThePackIsUnsignedAndCheckRejectsIt() throws Exception {
        Path noKey = tmp.resolve("nokey.yaml");
        Files.writeString(noKey, Files.readString(h.config).replace("encryption: { keyEnv: MM_BACKUP_KEY }\n", ""));
        Path dir = tmp.resolve("unsigned");
        // --no-manifest: the sealed set cannot be read without its key; source and target are compared live
        var run = runWith(noKey, "verify", "--only", "db", "--no-manifest", "--evidence-dir", dir.toString());
        assertEquals(0, run.exit(), run::toString);
        assertTrue(run.err().contains("UNSIGNED"), "a warning says the pack is unsigned: " + run);
        assertEquals("UNSIGNED", Json.MAPPER.readTree(dir.resolve("evidence.json").toFile()).path("signature").path("status").asText());
        CliHarness.Run check = h.run("evidence", "check", dir.toString());
        assertEquals(1, check.exit(), check::toString);
        assertTrue(check.out().contains("UNSIGNED"), check::toString);
    }

    private CliHarness.Run runWith(Path config, String... args) {
        var out = new java.io.StringWriter();
        var err = new java.io.StringWriter();
        var cl = Main.commandLine(h.env);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        String[] all = Stream.concat(Stream.of(args), Stream.of("--config", config.toString())).toArray(String[]::new);
        return new CliHarness.Run(cl.execute(all), out.toString(), err.toString());
    }

    /** Headless Chromium shows the verdict banner in its colour at the top, and the rendered DOM holds the verdict. */
    private void rendersWithBanner(Path html, String colour, String verdict) throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require(tmp);
        BufferedImage img = chromium.screenshot(html, 1200, 900);
        assertTrue(HeadlessChromium.shareOf(img, colour, 0, 0, 1200, 60, 6) > 0.8, "the top of the page is the " + verdict + " banner (" + colour + ")");
        assertTrue(HeadlessChromium.distinctColours(img, 0, 0, 1200, 900) > 20, "the page is not blank");
        assertTrue(HeadlessChromium.shareOf(img, "#ffffff", 0, 0, 1200, 60, 60) > 0.005, "white verdict text on the banner");
        String dom = chromium.dumpDom(html);
        assertTrue(dom.contains("<div class=\"word\">" + verdict + "</div>"), "rendered DOM holds the verdict");
        assertTrue(dom.contains("<svg id=\"timings\""), "the timings chart is rendered");
    }
}
