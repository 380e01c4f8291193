package org.mosipmigrate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/** Status, dry run, step-wise --to, data preconditions (rows named, step rolled back), keymgr without cert_thumbprint. */
class UpgradeBehaviourTest {
    private final PgServer s = PgServers.production().target();

    @Test
    void statusDryRunAndStepwiseUpgrade() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_REGPRC, 10);
        SchemaUpgrader up = SchemaTestSupport.upgrader(s, "eng");
        var st = up.status(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1").get(0);
        assertEquals("1.1.5.5", st.current());
        assertEquals(List.of("1.2.0.1-B1", "1.2.0.1-B2", "1.2.0.1-B3", "1.2.0.1"), st.pending().stream().map(SchemaUpgrader.StepInfo::step).toList());

        var dry = up.dryRun(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1").get(0);
        assertNull(dry.firstFailure());
        assertEquals(4, dry.steps().size());
        assertTrue(SchemaTestSupport.live(s, MosipDatabase.MOSIP_REGPRC).tables().get("registration").columnsByName().containsKey("id"),
                "dry run rolled back");
        try (Connection c = s.connect("mosip_regprc")) {
            assertTrue(!SchemaUpgrader.hasHistory(c), "dry run leaves no history");
        }
        assertEquals("1.2.0.1-B1", up.upgrade(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1-B1").get(0).to());
        assertEquals(List.of("1.2.0.1-B2", "1.2.0.1-B3", "1.2.0.1"),
                up.status(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1").get(0).pending().stream().map(SchemaUpgrader.StepInfo::step).toList());
        assertEquals("1.2.0.1", up.upgrade(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1").get(0).to());
    }

    @Test
    void orphanRegistrationsAreNamedAndTheStepRollsBack() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_REGPRC, 10);
        s.execute("mosip_regprc", "DELETE FROM regprc.registration_list WHERE reg_id IN (SELECT id FROM regprc.registration ORDER BY id LIMIT 2)");
        SchemaUpgrader up = SchemaTestSupport.upgrader(s, "eng");
        var dry = up.dryRun(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1").get(0);
        assertTrue(dry.firstFailure().contains("without a registration_list row"), dry.firstFailure());
        MigrateException e = assertThrows(MigrateException.class, () -> up.upgrade(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1"));
        assertEquals(ErrorCode.UPGRADE_FAILED, e.code());
        assertTrue(e.getMessage().contains("mosip_regprc") && e.getMessage().contains("2 rows"), e.getMessage());
        assertTrue(e.hint().contains("registration_list"), e.hint());
        assertTrue(SchemaTestSupport.live(s, MosipDatabase.MOSIP_REGPRC).tables().get("registration").columnsByName().containsKey("id"),
                "B1 committed nothing");
        assertEquals("1.1.5.5", up.status(List.of(MosipDatabase.MOSIP_REGPRC), "1.2.0.1").get(0).current());
    }

    @Test
    void masterNeedsThePrimaryLanguageAndKeepsOnlyItsRows() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_MASTER, 10);
        MigrateException e = assertThrows(MigrateException.class,
                () -> SchemaTestSupport.upgrader(s, null).upgrade(List.of(MosipDatabase.MOSIP_MASTER), "1.2.0.1"));
        assertEquals(ErrorCode.CONFIG, e.code());
        long before = count("mosip_master", "SELECT count(*) FROM master.machine_type");
        s.execute("mosip_master", "UPDATE master.machine_type SET lang_code = 'eng' WHERE code IN (SELECT code FROM master.machine_type ORDER BY code LIMIT 2)");
        long eng = count("mosip_master", "SELECT count(*) FROM master.machine_type WHERE lang_code = 'eng'");
        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_MASTER), "1.2.0.1");
        assertEquals(eng, count("mosip_master", "SELECT count(*) FROM master.machine_type"));
        assertEquals(before, count("mosip_master", "SELECT count(*) FROM master.machine_type_migr_bkp"), "every V2 row backed up first");
    }

    @Test
    void masterTemplatesMoveBetweenRegistrationClientAndPreRegistration() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_MASTER, 5);
        String ts = "'2021-03-04 10:11:12'";
        List<String> sql = new java.util.ArrayList<>();
        sql.add("INSERT INTO master.template_file_format (code, descr, lang_code, is_active, cr_by, cr_dtimes) VALUES ('tt-html', 'html', 'eng', true, 'a', " + ts + ")");
        sql.add("INSERT INTO master.module_detail (id, name, lang_code, is_active, cr_by, cr_dtimes) VALUES "
                + "('tt-mod-rc', 'Registration Client', 'eng', true, 'a', " + ts + "), ('tt-mod-pre', 'Pre-Registration', 'eng', true, 'a', " + ts + "), "
                + "('tt-mod-ida', 'ID Authentication', 'eng', true, 'a', " + ts + ")");
        String[][] templates = {
                {"tt-1", "email-notification", "tt-mod-rc", "Registration Client"},    // RC template of another kind -> Pre-Registration
                {"tt-2", "reg-consent-template", "tt-mod-rc", "Registration Client"},  // consent stays with Registration Client
                {"tt-3", "reg-ack-template-part1", "tt-mod-pre", "Pre-Registration"},   // ack parts go (back) to Registration Client
                {"tt-4", "reg-android-preview-template-part2", "tt-mod-ida", "ID Authentication"},
                {"tt-5", "auth-email-content", "tt-mod-ida", "ID Authentication"}};    // untouched
        for (String[] t : templates) {
            sql.add("INSERT INTO master.template_type (code, descr, lang_code, is_active, cr_by, cr_dtimes) VALUES ('" + t[1] + "', 'd', 'eng', true, 'a', "
                    + ts + ") ON CONFLICT DO NOTHING");
            sql.add("INSERT INTO master.template (id, name, file_format_code, file_txt, module_id, module_name, template_typ_code, lang_code, is_active, "
                    + "cr_by, cr_dtimes) VALUES ('" + t[0] + "', 'n', 'tt-html', 'body of " + t[0] + "', '" + t[2] + "', '" + t[3] + "', '" + t[1]
                    + "', 'eng', true, 'a', " + ts + ")");
        }
        s.execute("mosip_master", sql.toArray(String[]::new));

        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_MASTER), "1.2.0.1");

        List<String> after = new java.util.ArrayList<>();
        try (Connection c = s.connect("mosip_master"); ResultSet rs = c.createStatement().executeQuery(
                "SELECT concat_ws('|', id, module_id, module_name, coalesce(upd_by, '-'), file_txt) FROM master.template WHERE id LIKE 'tt-%' ORDER BY id")) {
            while (rs.next()) {
                after.add(rs.getString(1));
            }
        }
        assertEquals(List.of("tt-1|tt-mod-pre|Pre-Registration|superadmin|body of tt-1",
                "tt-2|tt-mod-rc|Registration Client|superadmin|body of tt-2",
                "tt-3|tt-mod-rc|Registration Client|superadmin|body of tt-3",
                "tt-4|tt-mod-rc|Registration Client|superadmin|body of tt-4",
                "tt-5|tt-mod-ida|ID Authentication|-|body of tt-5"), after);
        assertEquals(5, count("mosip_master", "SELECT count(*) FROM master.template_migr_bkp WHERE id LIKE 'tt-%' AND upd_by IS NULL"),
                "the V2 templates are kept as they were");
    }

    @Test
    void keymgrWithoutCertThumbprintEndsEqualToFresh() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_KEYMGR, 10);
        s.execute("mosip_keymgr", "ALTER TABLE keymgr.key_alias DROP COLUMN cert_thumbprint");
        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_KEYMGR), "1.2.0.1");
        assertEquals(org.mosipmigrate.schema.catalog.KnownDifferences.of("mosip_keymgr").stream().map(k -> k.key()).toList(),
                SchemaTestSupport.diff(s, MosipDatabase.MOSIP_KEYMGR, "1.2.0.1").stream().map(x -> x.key()).toList());
    }

    @Test
    void duplicateCaCertificatesAreNamed() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_KEYMGR, 10);
        s.execute("mosip_keymgr", "UPDATE keymgr.ca_cert_store SET cert_thumbprint = 'same', partner_domain = 'AUTH'");
        MigrateException e = assertThrows(MigrateException.class,
                () -> SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_KEYMGR), "1.2.0.1"));
        assertTrue(e.getMessage().contains("cert_thumbprint_unique") && e.getMessage().contains("same"), e.getMessage());
    }

    @Test
    void modifiedMigrationIsDetected() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_KERNEL, 5);
        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_KERNEL), "1.2.0.1");
        s.execute("mosip_kernel", "UPDATE mosip_migrate.flyway_schema_history SET checksum = checksum + 1 WHERE version = '1.2.0.1.1'");
        MigrateException e = assertThrows(MigrateException.class,
                () -> SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_KERNEL), "1.2.0.1"));
        assertTrue(e.getMessage().contains("differ from the packaged ones"), e.getMessage());
    }

    @Test
    void hotlistAndResidentAreCreatedIdempotentlyWithoutPasswords() throws Exception {
        s.dropDatabase("mosip_resident");
        s.execute("postgres", "DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'residentuser') THEN DROP OWNED BY residentuser; END IF; END $$");
        s.execute("postgres", "CREATE DATABASE mosip_resident");
        SchemaInit init = new SchemaInit(SchemaTestSupport.target(s), SchemaTestSupport.LOG);
        // a V3 postgres-init already created the tables (without our history)
        try (Connection c = s.connect("mosip_resident")) {
            c.createStatement().execute(SchemaUpgrader.resource("fresh/mosip_resident/1.2.0.1.sql"));
        }
        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_RESIDENT), "1.2.0.1");
        assertEquals(List.of(), SchemaTestSupport.diff(s, MosipDatabase.MOSIP_RESIDENT, "1.2.0.1"));
        assertEquals(0, count("postgres", "SELECT count(*) FROM pg_authid WHERE rolname = 'residentuser' AND rolpassword IS NOT NULL"));
        assertTrue(init != null);
    }

    private long count(String db, String sql) throws Exception {
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
