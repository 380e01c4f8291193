package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.seed.PlantedDefects;
import org.mosipmigrate.seed.V2Cluster;
import org.mosipmigrate.seed.V2Seeder;
import org.mosipmigrate.testkit.LocalPgServer;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;

/**
 * preflight through the real CLI against a seed-v2 environment on PostgreSQL 12 (V2) and 16 (V3): clean data is GO
 * with no data finding; every planted defect is found; --fix saves and removes exactly the duplicate certificate rows;
 * an older target and a locale the target lacks are blocking.
 */
class PreflightTest {
    /** The findings of the runbook's data checks: none of them may appear on clean seeded data. */
    static final Set<String> DATA_FINDINGS = Set.of("CA_CERT_DUPLICATES", "USER_ID_CASE_DUPLICATES", "PARTNER_THUMBPRINT_MISMATCH",
            "PARTNER_CERT_EXPIRED", "PARTNER_CERT_EXPIRING", "POLICY_SHARE_DOMAIN", "PACKETS_STUCK", "MOSIP_DATA_SKIPPED", "CHECK_FAILED");

    @TempDir
    Path tmp;

    static void dropSeedDatabases(PgServer s) throws Exception {
        for (String db : V2Seeder.DEFAULT_DATABASES) {
            V2Cluster.dropIfExists(s::connect, db);
        }
    }

    CliHarness harness(PgServers.Pair pair, List<String> dbs, String extra) throws Exception {
        return new CliHarness(pair, tmp, dbs, extra);
    }

    static JsonNode report(Path dir) throws Exception {
        return Json.MAPPER.readTree(dir.resolve("preflight-report.json").toFile());
    }

    static Map<String, List<JsonNode>> byId(JsonNode report) {
        Map<String, List<JsonNode>> out = new TreeMap<>();
        report.get("findings").forEach(f -> out.computeIfAbsent(f.get("id").asText(), k -> new ArrayList<>()).add(f));
        return out;
    }

    static long count(Map<String, List<JsonNode>> findings, String id) {
        return findings.getOrDefault(id, List.of()).stream().mapToLong(f -> f.get("count").asLong()).sum();
    }

    static long rows(PgServer s, String db, String sql) throws Exception {
        try (var c = s.connect(db); var rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void cleanSeedIsGoWithoutDataFindingsAndDetectsThePacketLayout() throws Exception {
        var pair = PgServers.production();
        dropSeedDatabases(pair.source());
        try (S3Server s3 = S3Server.start(tmp.resolve("s3"))) {
            CliHarness h = harness(pair, V2Seeder.DEFAULT_DATABASES, "objects: { parallelism: 4 }\n");
            Files.writeString(h.config, Files.readString(h.config).replace("source:\n", "source:\n  objectStore: { type: minio, endpoint: "
                    + s3.endpoint() + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET }\n"));
            h.env.put("V2_S3_KEY", s3.accessKey());
            h.env.put("V2_S3_SECRET", s3.secretKey());
            CliHarness.Run seed = h.run("seed-v2", "--residents", "40", "--seed", "3");
            assertEquals(0, seed.exit(), seed::toString);
            assertTrue(seed.out().contains("objects: 40 registrations"), seed::toString);

            CliHarness.Run pf = h.run("preflight");
            assertEquals(0, pf.exit(), pf::toString);
            assertTrue(pf.out().contains("GO: 0 blocking"), pf::toString);
            JsonNode r = report(tmp.resolve("set"));
            assertEquals("GO", r.get("verdict").asText());
            Map<String, List<JsonNode>> f = byId(r);
            for (String id : DATA_FINDINGS) {
                assertFalse(f.containsKey(id), () -> id + " on clean data:\n" + pf.out());
            }
            JsonNode versions = f.get("MOSIP_VERSION").get(0);
            assertEquals(13, versions.get("count").asInt(), pf::toString);
            versions.get("items").forEach(i -> assertTrue(i.asText().contains(": 1.1.5.5 (catalog fingerprint)"), i.asText()));
            assertTrue(f.get("OBJECTS_LAYOUT").get(0).get("title").asText().contains("bucket-per-RID (40 buckets"), pf::toString);
            assertEquals(40, r.get("facts").get("objects.buckets").asInt());
            assertTrue(r.get("facts").get("objects.estimatedCopySeconds").isNumber());
            // server identity and the compatibility modes chosen (S3Proxy 4.1.0 sends no Server header)
            assertTrue(f.containsKey("OBJECTS_SERVER"), pf::toString);
            assertTrue(r.get("facts").get("source.objectStore.server").asText().contains("not announced"), pf::toString);
            assertTrue(r.get("facts").get("source.objectStore.checksums").asText().startsWith("legacy"), pf::toString);
            assertTrue(r.get("facts").get("source.objectStore.listing").asText().startsWith("auto"), pf::toString);
            assertTrue(f.containsKey("PG_MAX_CONNECTIONS"), "the test servers run with fewer than 1000 connections");
            assertEquals("info", f.get("DISK_SPACE").get(0).get("severity").asText(), pf::toString);

            // a partner certificate that expires in 10 days is a warning, not a blocker
            pair.source().execute("mosip_keymgr", "UPDATE keymgr.partner_cert_store SET cert_not_after = localtimestamp + interval '10 days' "
                    + "WHERE cert_id = (SELECT min(cert_id) FROM keymgr.partner_cert_store)");
            CliHarness.Run soon = h.run("preflight", "--only", "db");
            assertEquals(0, soon.exit(), soon::toString);
            assertEquals(1, count(byId(report(tmp.resolve("set"))), "PARTNER_CERT_EXPIRING"), soon::toString);
        }
    }

    @Test
    void everyPlantedDefectIsFoundAndFixRemovesOnlyTheSavedDuplicates() throws Exception {
        var pair = PgServers.production();
        dropSeedDatabases(pair.source());
        CliHarness h = harness(pair, V2Seeder.DEFAULT_DATABASES, "");
        CliHarness.Run seed = h.run("seed-v2", "--residents", "40", "--seed", "3", "--defects", "--only", "db");
        assertEquals(0, seed.exit(), seed::toString);

        CliHarness.Run pf = h.run("preflight");
        assertEquals(1, pf.exit(), pf::toString);
        assertTrue(pf.out().contains("NO-GO"), pf::toString);
        Map<String, List<JsonNode>> f = byId(report(tmp.resolve("set")));
        for (PlantedDefects.Defect d : PlantedDefects.ALL) {
            assertTrue(f.containsKey(d.findingId()), () -> d.findingId() + " not found:\n" + pf.out());
        }
        assertEquals(3, count(f, "CA_CERT_DUPLICATES"), pf::toString);
        assertEquals(2, count(f, "USER_ID_CASE_DUPLICATES"), pf::toString);
        assertEquals(3, count(f, "PACKETS_STUCK"), pf::toString);
        assertEquals(2, count(f, "POLICY_SHARE_DOMAIN"), pf::toString);
        assertEquals(1, count(f, "PARTNER_THUMBPRINT_MISMATCH"), pf::toString);
        assertEquals(1, count(f, "PARTNER_CERT_EXPIRED"), pf::toString);
        assertEquals("blocking", f.get("PACKETS_STUCK").get(0).get("severity").asText());
        assertEquals("warning", f.get("POLICY_SHARE_DOMAIN").get(0).get("severity").asText());
        assertTrue(f.get("CA_CERT_DUPLICATES").get(0).get("fixable").asBoolean());
        assertTrue(pf.out().contains("[--fix]"), pf::toString);

        String countKeymgr = "SELECT count(*) FROM keymgr.ca_cert_store";
        long before = rows(pair.source(), "mosip_keymgr", countKeymgr);
        CliHarness.Run dry = h.run("preflight", "--fix", "--dry-run");
        assertEquals(1, dry.exit(), dry::toString);
        assertTrue(dry.out().contains("would fix CA_CERT_DUPLICATES: remove 2 row(s)"), dry::toString);
        assertEquals(before, rows(pair.source(), "mosip_keymgr", countKeymgr), "--dry-run changed the source");

        CliHarness.Run fix = h.run("preflight", "--fix");
        assertEquals(1, fix.exit(), "other defects still block:\n" + fix);
        JsonNode fixed = report(tmp.resolve("set"));
        assertFalse(byId(fixed).containsKey("CA_CERT_DUPLICATES"), fix::toString);
        assertTrue(byId(fixed).containsKey("USER_ID_CASE_DUPLICATES"), fix::toString);
        assertEquals(before - 2, rows(pair.source(), "mosip_keymgr", countKeymgr));
        assertEquals(0, rows(pair.source(), "mosip_keymgr", "SELECT count(*) FROM keymgr.ca_cert_store WHERE cert_id LIKE 'dup-%'"));
        assertEquals(2, fixed.get("fixes").size(), fix::toString);
        Path manifest = tmp.resolve("set").resolve(fixed.get("fixManifest").asText());
        JsonNode m = Json.MAPPER.readTree(manifest.toFile());
        long saved = 0;
        for (JsonNode file : m.get("files")) {
            Path p = manifest.getParent().resolve(file.get("file").asText());
            assertEquals(file.get("sha256").asText(), ChunkFiles.sha256Of(p));
            try (InputStream in = ChunkFiles.open(p, file.get("bytes").asLong(), file.get("sha256").asText())) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(file.get("rows").asLong(), text.lines().count());
                assertTrue(text.startsWith("dup-"), "the saved rows are the removed copies: " + text);
            }
            saved += file.get("rows").asLong();
        }
        assertEquals(3, saved);

        CliHarness.Run again = h.run("preflight", "--only", "db");
        assertFalse(byId(report(tmp.resolve("set"))).containsKey("CA_CERT_DUPLICATES"), again::toString);

        // a duplicate pair that differs in content is reported but never removed by --fix
        pair.source().execute("mosip_keymgr", "INSERT INTO keymgr.ca_cert_store SELECT 'other-' || cert_id, cert_subject, cert_issuer, issuer_id, "
                + "cert_not_before, cert_not_after, crl_uri, 'another certificate', cert_thumbprint, cert_serial_no, partner_domain, cr_by, cr_dtimes, "
                + "upd_by, upd_dtimes, is_deleted, del_dtimes FROM keymgr.ca_cert_store ORDER BY cert_id LIMIT 1");
        CliHarness.Run manual = h.run("preflight", "--fix", "--only", "db");
        JsonNode after = report(tmp.resolve("set"));
        assertEquals(1, count(byId(after), "CA_CERT_DUPLICATES"), manual::toString);
        assertFalse(byId(after).get("CA_CERT_DUPLICATES").get(0).get("fixable").asBoolean());
        assertEquals(0, after.get("fixes").size());
    }

    @Test
    void aTargetOlderThanTheSourceIsBlocking() throws Exception {
        PgServer pg16 = PgServers.get(PgServers.Flavor.V3_PG16);
        PgServer pg12 = PgServers.get(PgServers.Flavor.V2_PG12);
        pg16.freshDatabase("mm_pf_versions");
        CliHarness h = harness(new PgServers.Pair("pg16->pg12", pg16, pg12), List.of("mm_pf_versions"), "");
        CliHarness.Run pf = h.run("preflight");
        assertEquals(1, pf.exit(), pf::toString);
        Map<String, List<JsonNode>> f = byId(report(tmp.resolve("set")));
        assertEquals("blocking", f.get("PG_VERSION_ORDER").get(0).get("severity").asText(), pf::toString);
        assertTrue(f.get("PG_VERSION_ORDER").get(0).get("title").asText().contains("PostgreSQL 12, older than the source's 16"), pf::toString);
        assertTrue(f.containsKey("MOSIP_OTHER_DATABASES"), pf::toString);
    }

    @Test
    void aLocaleTheTargetLacksIsBlocking() throws Exception {
        Path locales = Files.createTempDirectory("mm-locales", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Process p = new ProcessBuilder("localedef", "-i", "en_US", "-f", "UTF-8", locales.resolve("en_US.UTF-8").toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        try (LocalPgServer v2 = LocalPgServer.startWithEnv(Map.of("LOCPATH", locales.toString()))) {
            v2.execute("postgres", "CREATE DATABASE mm_pf_locale TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'en_US.UTF-8' LC_CTYPE 'en_US.UTF-8'");
            CliHarness h = harness(new PgServers.Pair("locale", v2, PgServers.local().target()), List.of("mm_pf_locale"), "");
            CliHarness.Run pf = h.run("preflight");
            assertEquals(1, pf.exit(), pf::toString);
            Map<String, List<JsonNode>> f = byId(report(tmp.resolve("set")));
            JsonNode missing = f.get("PG_LOCALE_MISSING").get(0);
            assertEquals("blocking", missing.get("severity").asText());
            assertTrue(missing.get("items").get(0).asText().startsWith("en_US.UTF-8 (LC_COLLATE of mm_pf_locale"), pf::toString);
        } finally {
            try (var w = Files.walk(locales)) {
                w.sorted(java.util.Comparator.reverseOrder()).forEach(x -> x.toFile().delete());
            }
        }
    }

    @Test
    void fixWithoutABackupSetIsAConfigurationError() throws Exception {
        var pair = PgServers.production();
        CliHarness h = harness(pair, List.of("postgres"), "");
        Files.writeString(h.config, Files.readString(h.config).replaceAll("backupSet: .*\n", "stateDir: " + tmp.resolve("state") + "\n"));
        CliHarness.Run pf = h.run("preflight", "--fix");
        assertEquals(2, pf.exit(), pf::toString);
        assertTrue(pf.err().contains("preflight --fix needs backupSet"), pf::toString);
    }
}
