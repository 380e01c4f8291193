package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/** schema init, upgrade, verify --schema and cleanup through the real CLI on a real target server. */
class SchemaCliTest {
    @TempDir
    Path tmp;

    @Test
    void initUpgradeVerifySchemaAndCleanup() throws Exception {
        var pair = PgServers.local();
        PgServer t = pair.target();
        for (String db : List.of("mosip_prereg", "mosip_authdevice", "mosip_regdevice", "mosip_pms")) {
            t.dropDatabase(db);
        }
        CliHarness h = new CliHarness(pair, tmp, List.of("mosip_prereg"), "encryption: { keyEnv: MM_BACKUP_KEY }\n");
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        h.env.put("MM_BACKUP_KEY", Base64.getEncoder().encodeToString(raw));

        // schema init: V2 schemas; a second run without --clean is refused
        CliHarness.Run init = h.run("schema", "init", "--version", "1.1.5.5", "--databases", "mosip_prereg,mosip_authdevice,mosip_pms");
        assertEquals(0, init.exit(), init::toString);
        assertTrue(init.out().contains("mosip_prereg") && init.out().contains("1.1.5.5 created"), init::toString);
        CliHarness.Run again = h.run("schema", "init", "--version", "1.1.5.5", "--databases", "mosip_prereg");
        assertEquals(3, again.exit(), again::toString);
        assertTrue(again.err().contains("--clean"), again::toString);
        CliHarness.Run v2 = h.run("verify", "--schema", "1.1.5.5", "--databases", "mosip_prereg,mosip_authdevice");
        assertEquals(0, v2.exit(), v2::toString);

        // V2 rows that the chain renames away (prereg) and that pms B1 would fold (authdevice)
        for (int i = 0; i < 7; i++) {
            t.execute("mosip_prereg", "INSERT INTO prereg.prid_seq (seq_no, cr_by, cr_dtimes) VALUES ('" + i + "', 'x', now())");
        }
        for (int i = 0; i < 3; i++) {
            t.execute("mosip_authdevice", "INSERT INTO authdevice.reg_device_type (code, name, is_active, cr_by, cr_dtimes) VALUES ('T" + i
                    + "', 'n', true, 'x', now())");
        }
        try (var c = t.connect("mosip_pms")) {
            org.mosipmigrate.seed.PmsSeedRows.load(c, "datashare-service");
        }
        assertEquals(0, h.run("upgrade", "--databases", "mosip_prereg").exit());

        // mosip_authdevice is not dropped while pms B1 has not folded it into mosip_pms (issue 13): refused, nothing changed
        CliHarness.Run early = h.run("cleanup", "--apply", "--databases", "mosip_prereg,mosip_authdevice");
        assertEquals(2, early.exit(), early::toString);
        assertTrue(early.err().contains("mosip_authdevice") && early.err().contains("1.2.0.1-B1") && early.err().contains("upgrade --databases mosip_pms"),
                early::toString);
        assertTrue(exists(t, "postgres", "SELECT 1 FROM pg_database WHERE datname = 'mosip_authdevice'"));
        assertTrue(exists(t, "mosip_prereg", "SELECT 1 FROM pg_tables WHERE tablename = 'prid_seq_to_be_deleted'"));
        assertEquals(0, h.run("upgrade", "--databases", "mosip_pms").exit());

        // pms: MOSIP's comments on the tables B1 creates and its MATCH FULL keys are compared, and a lost comment is named (issue 17)
        CliHarness.Run pms = h.run("verify", "--schema", "1.2.0.1", "--databases", "mosip_pms");
        assertEquals(0, pms.exit(), pms::toString);
        t.execute("mosip_pms", "COMMENT ON COLUMN pms.device_detail.make IS NULL",
                "ALTER TABLE pms.device_detail DROP CONSTRAINT fk_devdtl_id",
                "ALTER TABLE pms.device_detail ADD CONSTRAINT fk_devdtl_id FOREIGN KEY (dtype_code, dstype_code) REFERENCES pms.reg_device_sub_type (dtyp_code, code)");
        CliHarness.Run lost = h.run("verify", "--schema", "1.2.0.1", "--databases", "mosip_pms");
        assertEquals(1, lost.exit(), lost::toString);
        assertTrue(lost.out().contains("UNEXPECTED mosip_pms comment device_detail.make: missing (expected Make: Make of the device"), lost::toString);
        assertTrue(lost.out().contains("UNEXPECTED mosip_pms constraint device_detail.fk_devdtl_id: differs") && lost.out().contains("MATCH FULL"),
                lost::toString);

        // verify --schema: the upgraded database passes with its 5 known leftovers
        CliHarness.Run ok = h.run("verify", "--schema", "1.2.0.1", "--databases", "mosip_prereg");
        assertEquals(0, ok.exit(), ok::toString);
        assertTrue(ok.out().contains("5 known") && ok.out().contains("prid_seq_to_be_deleted") && ok.out().contains("PASSED"), ok::toString);

        // cleanup lists (nothing dropped)
        CliHarness.Run list = h.run("cleanup", "--databases", "mosip_prereg,mosip_authdevice");
        assertEquals(0, list.exit(), list::toString);
        assertTrue(list.out().contains("would drop mosip_prereg:prereg.prid_seq_to_be_deleted (7 rows)"), list::toString);
        assertTrue(list.out().contains("would drop database mosip_authdevice") && list.out().contains("pms step 1.2.0.1-B1 ran"), list::toString);
        assertTrue(list.out().contains("authdevice.reg_device_type (3 rows)"), list::toString);
        assertTrue(exists(t, "mosip_prereg", "SELECT 1 FROM pg_tables WHERE tablename = 'prid_seq_to_be_deleted'"));

        // --apply refused without a backup set
        String yaml = Files.readString(h.config);
        Files.writeString(h.config, yaml.replaceAll("(?m)^backupSet: .*\n", ""));
        CliHarness.Run refused = h.run("cleanup", "--apply", "--databases", "mosip_prereg");
        Files.writeString(h.config, yaml);
        assertEquals(2, refused.exit(), refused::toString);
        assertTrue(refused.err().contains("needs backupSet"), refused::toString);
        assertTrue(exists(t, "mosip_prereg", "SELECT 1 FROM pg_tables WHERE tablename = 'prid_seq_to_be_deleted'"));

        // --apply: saved (encrypted) in the backup set, then dropped
        CliHarness.Run applied = h.run("cleanup", "--apply", "--databases", "mosip_prereg,mosip_authdevice");
        assertEquals(0, applied.exit(), applied::toString);
        assertFalse(exists(t, "mosip_prereg", "SELECT 1 FROM pg_tables WHERE tablename ~ '_to_be_deleted$'"));
        assertFalse(exists(t, "postgres", "SELECT 1 FROM pg_database WHERE datname = 'mosip_authdevice'"));
        Path manifest;
        try (Stream<Path> s = Files.walk(tmp.resolve("set/cleanup"))) {
            manifest = s.filter(p -> p.getFileName().toString().equals("cleanup-manifest.json")).findFirst().orElseThrow();
        }
        JsonNode m = Json.MAPPER.readTree(manifest.toFile());
        BackupKey key = BackupKey.fromEnv("MM_BACKUP_KEY", h.env);
        assertEquals(key.keyId(), m.get("encryptionKeyId").asText());
        Map<String, Long> rows = new HashMap<>();
        boolean schemaDump = false;
        for (JsonNode f : m.get("files")) {
            Path file = manifest.getParent().resolve(f.get("file").asText());
            assertTrue(Files.exists(file), file::toString);
            if (f.get("table").asText().isEmpty()) {
                schemaDump = true;
                ChunkFiles.open(file, f.get("bytes").asLong(), f.get("sha256").asText(), key).readAllBytes();
                continue;
            }
            long lines;
            try (var r = new BufferedReader(new InputStreamReader(ChunkFiles.open(file, f.get("bytes").asLong(), f.get("sha256").asText(), key),
                    StandardCharsets.UTF_8))) {
                lines = r.lines().count();
            }
            assertEquals(f.get("rows").asLong(), lines, file::toString);
            rows.put(f.get("db").asText() + ":" + f.get("schema").asText() + "." + f.get("table").asText(), lines);
        }
        assertTrue(schemaDump, "mosip_authdevice's schema is saved");
        assertEquals(7L, rows.get("mosip_prereg:prereg.prid_seq_to_be_deleted"), rows::toString);
        assertEquals(3L, rows.get("mosip_authdevice:authdevice.reg_device_type"), rows::toString);
        assertEquals(5, rows.keySet().stream().filter(k -> k.startsWith("mosip_prereg:")).count(), rows::toString);
        assertTrue(h.run("cleanup", "--databases", "mosip_prereg,mosip_authdevice").out().contains("nothing to clean up"));

        // still passes without the leftovers; a dropped index fails, named
        assertEquals(0, h.run("verify", "--schema", "1.2.0.1", "--databases", "mosip_prereg").exit());
        String index;
        try (var c = t.connect("mosip_prereg");
             var rs = c.createStatement().executeQuery("SELECT indexname FROM pg_indexes i WHERE schemaname = 'prereg' AND NOT EXISTS"
                     + " (SELECT 1 FROM pg_constraint WHERE conname = i.indexname) ORDER BY 1 LIMIT 1")) {
            assertTrue(rs.next(), "prereg has a plain index");
            index = rs.getString(1);
        }
        t.execute("mosip_prereg", "DROP INDEX prereg." + index);
        CliHarness.Run bad = h.run("verify", "--schema", "1.2.0.1", "--databases", "mosip_prereg");
        assertEquals(1, bad.exit(), bad::toString);
        assertTrue(bad.out().contains("UNEXPECTED mosip_prereg index") && bad.out().contains(index + ": missing"), bad::toString);

        // schema init --clean re-creates a fresh 1.2.0.1 database (with MOSIP's comments and MATCH FULL keys), which passes
        CliHarness.Run fresh = h.run("schema", "init", "--version", "1.2.0.1", "--databases", "mosip_prereg,mosip_pms", "--clean");
        assertEquals(0, fresh.exit(), fresh::toString);
        CliHarness.Run freshOk = h.run("verify", "--schema", "1.2.0.1", "--databases", "mosip_prereg,mosip_pms");
        assertEquals(0, freshOk.exit(), freshOk::toString);
        assertTrue(freshOk.out().contains("0 unexpected difference(s), 0 known"), freshOk::toString);
        for (String db : List.of("mosip_prereg", "mosip_pms")) {
            t.dropDatabase(db);
        }
    }

    @Test
    void upgradeTakesItsInputsFromTheConfigAndOptionsWin() throws Exception {
        var pair = PgServers.local();
        pair.target().dropDatabase("mosip_master");
        CliHarness h = new CliHarness(pair, tmp, List.of("mosip_master"), null);
        assertEquals(0, h.run("schema", "init", "--version", "1.1.5.5", "--databases", "mosip_master").exit());
        CliHarness.Run noLang = h.run("upgrade", "--databases", "mosip_master");
        assertEquals(2, noLang.exit(), noLang::toString);
        assertTrue(noLang.err().contains("upgrade.primaryLanguageCode"), noLang::toString);

        String yaml = Files.readString(h.config);
        Files.writeString(h.config, yaml + "upgrade:\n  primaryLanguageCode: English\n");
        CliHarness.Run bad = h.run("upgrade", "--dry-run", "--databases", "mosip_master");
        assertEquals(2, bad.exit(), bad::toString);
        assertTrue(bad.err().contains("upgrade.primaryLanguageCode"), bad::toString);
        // the option wins over a bad config value
        Files.writeString(h.config, yaml + "upgrade:\n  primaryLanguageCode: xyz\n  shareDomain: a=b\n");
        CliHarness.Run dryWrongLang = h.run("upgrade", "--dry-run", "--databases", "mosip_master", "--primary-language", "eng");
        assertEquals(0, dryWrongLang.exit(), dryWrongLang::toString);

        Files.writeString(h.config, yaml + "upgrade:\n  primaryLanguageCode: eng\n");
        CliHarness.Run up = h.run("upgrade", "--databases", "mosip_master");
        assertEquals(0, up.exit(), up::toString);
        CliHarness.Run v = h.run("verify", "--schema", "1.2.0.1", "--databases", "mosip_master");
        assertEquals(0, v.exit(), v::toString);
        assertTrue(v.out().contains("_migr_bkp"), v::toString);
        pair.target().dropDatabase("mosip_master");
    }

    private static boolean exists(PgServer s, String db, String sql) throws Exception {
        try (var c = s.connect(db); var rs = c.createStatement().executeQuery(sql)) {
            return rs.next();
        }
    }
}
