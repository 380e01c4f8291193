package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.testkit.S3Server;

/**
 * rehearse through the real CLI on V2 = PostgreSQL 12 + S3 and V3 = PostgreSQL 16 + S3, from a seed-v2 source: a source with
 * the runbook's defects stops at preflight (NO-GO, exit 1, a FAILED pack); a clean one passes every phase (upgrade
 * included) with a signed evidence pack, and the scratch target and set are left as they were found; --keep keeps them
 * and the next rehearsal removes them first; the trend compares each phase with earlier passed rehearsals.
 */
class RehearseTest {
    static final List<String> DBS = List.of("mosip_idrepo", "mosip_keymgr", "mosip_ida", "mosip_regprc");

    @TempDir
    Path tmp;

    @Test
    void defectsStopAtPreflightAndACleanSourceRehearsesEndToEnd() throws Exception {
        var pair = PgServers.production();
        PreflightTest.dropSeedDatabases(pair.source());
        for (String db : DBS) {
            pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
        try (S3Server v2 = S3Server.start(tmp.resolve("s3-v2")); S3Server v3 = S3Server.start(tmp.resolve("s3-v3"))) {
            CliHarness h = new CliHarness(pair, tmp, DBS, "encryption: { keyEnv: MM_BACKUP_KEY }\nupgrade: { primaryLanguageCode: eng }\n");
            Files.writeString(h.config, Files.readString(h.config)
                    .replace("source:\n", "source:\n  objectStore: { type: s3, endpoint: " + v2.endpoint()
                            + ", accessKeyEnv: V2_S3_KEY, secretKeyEnv: V2_S3_SECRET, buckets: [\"*\"] }\n")
                    .replace("target:\n", "target:\n  objectStore: { type: minio, endpoint: " + v3.endpoint()
                            + ", accessKeyEnv: V3_S3_KEY, secretKeyEnv: V3_S3_SECRET }\n"));
            h.env.putAll(Map.of("V2_S3_KEY", v2.accessKey(), "V2_S3_SECRET", v2.secretKey(), "V3_S3_KEY", v3.accessKey(),
                    "V3_S3_SECRET", v3.secretKey(), "MM_BACKUP_KEY", Base64.getEncoder().encodeToString(new byte[32])));
            Path reports = tmp.resolve("rehearsals");

            assertEquals(0, h.run("seed-v2", "--residents", "20", "--defects").exit());
            CliHarness.Run noGo = h.run("rehearse", "--report-dir", reports.toString());
            assertEquals(1, noGo.exit(), noGo::toString);
            assertTrue(noGo.out().contains("REHEARSAL FAILED"), noGo::toString);
            JsonNode failed = Json.MAPPER.readTree(onlyPack(reports).toFile());
            assertEquals("FAILED", failed.get("verdict").asText());
            assertTrue(failed.get("mismatches").toString().contains("PHASE_FAILED") && failed.get("mismatches").toString().contains("preflight"));
            assertEquals(1, failed.get("phases").size(), "nothing after a NO-GO preflight");
            assertFalse(targetHas(pair.target(), "mosip_regprc"), "a NO-GO rehearsal restores nothing");

            assertEquals(0, h.run("seed-v2", "--residents", "20", "--clean").exit());
            deleteTree(reports);
            CliHarness.Run pass = h.run("rehearse", "--report-dir", reports.toString(), "--keep");
            assertEquals(0, pass.exit(), pass::toString);
            assertTrue(pass.out().contains("REHEARSAL PASSED"), pass::toString);
            Path pack = onlyPack(reports);
            JsonNode evidence = Json.MAPPER.readTree(pack.toFile());
            List<String> phases = new ArrayList<>();
            evidence.get("phases").forEach(p -> phases.add(p.get("name").asText()));
            assertEquals(List.of("preflight", "backup", "restore", "verify", "upgrade", "verify schema"), phases);
            evidence.get("phases").forEach(p -> assertTrue(p.get("passed").asBoolean(), p.toString()));
            assertTrue(evidence.get("tables").size() > 20, "the data verify's tables are in the rehearsal's pack");
            assertTrue(evidence.get("schema").size() >= DBS.size(), "the schema verify is in the pack");
            assertEquals(0, h.run("evidence", "check", pack.getParent().toString()).exit(), "the pack is signed");
            assertTrue(evidence.get("notes").toString().contains("no earlier passed rehearsal"), evidence.get("notes").toString());
            // --keep: the upgraded scratch databases stay for inspection
            assertTrue(targetHas(pair.target(), "mosip_regprc"));
            assertEquals("1.2.0.1", flywayVersion(pair.target(), "mosip_regprc"));

            // the next rehearsal removes what the kept one left, passes again, cleans up and compares with the first
            CliHarness.Run again = h.run("rehearse", "--report-dir", reports.toString());
            assertEquals(0, again.exit(), again::toString);
            assertTrue(again.err().contains("removing what the previous rehearsal left"), again::toString);
            assertTrue(again.out().contains("vs median"), again::toString);
            assertEquals(2, Files.readAllLines(reports.resolve("rehearsals.jsonl")).size());
            for (String db : DBS) {
                assertFalse(targetHas(pair.target(), db), db + " dropped after the rehearsal");
            }
            assertFalse(Files.exists(tmp.resolve("set")), "the scratch set is deleted");
            try (var store = org.mosipmigrate.objects.adapter.ObjectStores.open(new org.mosipmigrate.core.config.ObjectStoreEndpoint("t",
                    org.mosipmigrate.core.config.ObjectStoreEndpoint.Kind.S3, v3.endpoint(), "us-east-1",
                    new org.mosipmigrate.core.config.PasswordSource(org.mosipmigrate.core.config.PasswordSource.Kind.ENV, "V3_S3_KEY"),
                    new org.mosipmigrate.core.config.PasswordSource(org.mosipmigrate.core.config.PasswordSource.Kind.ENV, "V3_S3_SECRET"), null),
                    h.env, 5L << 20, 2)) {
                long left = 0;
                for (String b : store.listBuckets()) {
                    for (var ignored : store.listObjects(b, "")) {
                        left++;
                    }
                }
                assertEquals(0, left, "the restored objects are deleted");
            }
            assertTrue(!again.out().contains(v3.secretKey()) && !again.err().contains(v3.secretKey()), "no secret printed");
        }
    }

    @Test
    void aSetDirectoryWithSomethingElseInItIsRefused() throws Exception {
        var pair = PgServers.local();
        CliHarness h = new CliHarness(pair, tmp, List.of("postgres_none"), "");
        Files.createDirectories(tmp.resolve("set"));
        Files.writeString(tmp.resolve("set/manifest.json"), "{}");
        CliHarness.Run r = h.run("rehearse");
        assertEquals(2, r.exit(), r::toString);
        assertTrue(r.err().contains("was not made by a rehearsal"), r::toString);
        assertTrue(Files.exists(tmp.resolve("set/manifest.json")), "never deleted");
    }

    private static Path onlyPack(Path reports) throws Exception {
        try (var s = Files.walk(reports)) {
            List<Path> packs = s.filter(p -> p.getFileName().toString().equals("evidence.json") && !p.toString().contains("-evidence")).toList();
            assertEquals(1, packs.size(), packs.toString());
            return packs.get(0);
        }
    }

    private static boolean targetHas(PgServer s, String db) throws Exception {
        try (Connection c = s.connect("postgres"); ResultSet rs = c.createStatement().executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + db + "'")) {
            return rs.next();
        }
    }

    private static String flywayVersion(PgServer s, String db) throws Exception {
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(
                "SELECT description FROM mosip_migrate.flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1")) {
            rs.next();
            return rs.getString(1).contains("final") ? "1.2.0.1" : rs.getString(1);
        }
    }

    private static void deleteTree(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var s = Files.walk(p)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
