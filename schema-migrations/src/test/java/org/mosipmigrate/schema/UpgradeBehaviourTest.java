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

    /**
     * MOSIP's step finds the modules by their English names and moves templates by module id: the French and Arabic rows move
     * with the English ones (module_name becomes the English name, as MOSIP writes it). Before issue 17 only English rows moved.
     */
    @Test
    void masterTemplatesMoveBetweenRegistrationClientAndPreRegistrationInEveryLanguage() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_MASTER, 5);
        String ts = "'2021-03-04 10:11:12'";
        List<String> sql = new java.util.ArrayList<>();
        String[][] modules = {{"tt-mod-rc", "Registration Client", "Client d'inscription", "عميل التسجيل"},
                {"tt-mod-pre", "Pre-Registration", "Pré-inscription", "التسجيل المسبق"},
                {"tt-mod-ida", "ID Authentication", "Authentification d'identité", "مصادقة الهوية"}};
        String[] langs = {"eng", "fra", "ara"};
        for (int l = 0; l < langs.length; l++) {
            sql.add("INSERT INTO master.template_file_format (code, descr, lang_code, is_active, cr_by, cr_dtimes) VALUES ('tt-html', 'html', '"
                    + langs[l] + "', true, 'a', " + ts + ")");
            for (String[] m : modules) {
                sql.add("INSERT INTO master.module_detail (id, name, lang_code, is_active, cr_by, cr_dtimes) VALUES ('" + m[0] + "', "
                        + org.mosipmigrate.core.pg.Sql.literal(m[1 + l]) + ", '" + langs[l] + "', true, 'a', " + ts + ")");
            }
        }
        String[][] templates = {
                {"tt-1", "email-notification", "tt-mod-rc"},                    // RC template of another kind -> Pre-Registration
                {"tt-2", "reg-consent-template", "tt-mod-rc"},                  // consent stays with Registration Client
                {"tt-3", "reg-ack-template-part1", "tt-mod-pre"},               // ack parts go (back) to Registration Client
                {"tt-4", "reg-android-preview-template-part2", "tt-mod-ida"},
                {"tt-5", "auth-email-content", "tt-mod-ida"}};                  // untouched
        for (String[] t : templates) {
            for (int l = 0; l < langs.length; l++) {
                String moduleName = java.util.Arrays.stream(modules).filter(m -> m[0].equals(t[2])).findFirst().orElseThrow()[1 + l];
                sql.add("INSERT INTO master.template_type (code, descr, lang_code, is_active, cr_by, cr_dtimes) VALUES ('" + t[1] + "', 'd', '"
                        + langs[l] + "', true, 'a', " + ts + ") ON CONFLICT DO NOTHING");
                sql.add("INSERT INTO master.template (id, name, file_format_code, file_txt, module_id, module_name, template_typ_code, lang_code, "
                        + "is_active, cr_by, cr_dtimes) VALUES ('" + t[0] + "', 'n', 'tt-html', 'body of " + t[0] + " " + langs[l] + "', '" + t[2] + "', "
                        + org.mosipmigrate.core.pg.Sql.literal(moduleName) + ", '" + t[1] + "', '" + langs[l] + "', true, 'a', " + ts + ")");
            }
        }
        s.execute("mosip_master", sql.toArray(String[]::new));

        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_MASTER), "1.2.0.1");

        List<String> after = new java.util.ArrayList<>();
        try (Connection c = s.connect("mosip_master"); ResultSet rs = c.createStatement().executeQuery(
                "SELECT concat_ws('|', id, lang_code, module_id, module_name, coalesce(upd_by, '-'), file_txt) FROM master.template "
                        + "WHERE id LIKE 'tt-%' ORDER BY id, lang_code")) {
            while (rs.next()) {
                after.add(rs.getString(1));
            }
        }
        List<String> expected = new java.util.ArrayList<>();
        for (String lang : new String[] {"ara", "eng", "fra"}) {
            expected.add("tt-1|" + lang + "|tt-mod-pre|Pre-Registration|superadmin|body of tt-1 " + lang);
        }
        for (String lang : new String[] {"ara", "eng", "fra"}) {
            expected.add("tt-2|" + lang + "|tt-mod-rc|Registration Client|superadmin|body of tt-2 " + lang);
        }
        for (String lang : new String[] {"ara", "eng", "fra"}) {
            expected.add("tt-3|" + lang + "|tt-mod-rc|Registration Client|superadmin|body of tt-3 " + lang);
        }
        for (String lang : new String[] {"ara", "eng", "fra"}) {
            expected.add("tt-4|" + lang + "|tt-mod-rc|Registration Client|superadmin|body of tt-4 " + lang);
        }
        expected.add("tt-5|ara|tt-mod-ida|مصادقة الهوية|-|body of tt-5 ara");
        expected.add("tt-5|eng|tt-mod-ida|ID Authentication|-|body of tt-5 eng");
        expected.add("tt-5|fra|tt-mod-ida|Authentification d'identité|-|body of tt-5 fra");
        assertEquals(expected, after);
        assertEquals(15, count("mosip_master", "SELECT count(*) FROM master.template_migr_bkp WHERE id LIKE 'tt-%' AND upd_by IS NULL"),
                "the V2 templates are kept as they were");
    }

    /** status lists every database, a missing one too (hotlist is created by upgrade), and never fails on it (issue 17). */
    @Test
    void statusListsEveryDatabaseWithItsStateAndMissingOnesToo() throws Exception {
        s.dropDatabase("mosip_hotlist");
        V2Data.prepare(s, MosipDatabase.MOSIP_KERNEL, 3);
        SchemaUpgrader up = SchemaTestSupport.upgrader(s, "eng");
        var all = up.status(List.of(MosipDatabase.values()), "1.2.0.1");
        assertEquals(MosipDatabase.values().length, all.size());
        var hotlist = all.stream().filter(x -> x.db().equals("mosip_hotlist")).findFirst().orElseThrow();
        assertEquals("missing", hotlist.state());
        assertEquals(List.of("1.2.0.1-B1", "1.2.0.1-B2", "1.2.0.1"), hotlist.pending().stream().map(SchemaUpgrader.StepInfo::step).toList());
        assertEquals("baseline", all.stream().filter(x -> x.db().equals("mosip_kernel")).findFirst().orElseThrow().state());
        up.upgrade(List.of(MosipDatabase.MOSIP_KERNEL), "1.2.0.1-B1");
        assertEquals("step 1.2.0.1-B1", up.status(List.of(MosipDatabase.MOSIP_KERNEL), "1.2.0.1").get(0).state());
        up.upgrade(List.of(MosipDatabase.MOSIP_KERNEL), "1.2.0.1");
        assertEquals("done", up.status(List.of(MosipDatabase.MOSIP_KERNEL), "1.2.0.1").get(0).state());
        assertEquals("missing", up.status(List.of(MosipDatabase.MOSIP_HOTLIST), "1.2.0.1").get(0).state());
    }

    /** The dry run of pms on a restored database (no mosip_migrate schema yet) rehearses B1's fold; nothing stays (issue 17). */
    @Test
    void pmsDryRunWorksOnARestoredDatabase() throws Exception {
        V2Data.prepare(s, MosipDatabase.MOSIP_PMS, 5);
        try (Connection c = s.connect("mosip_pms")) {
            assertTrue(!SchemaUpgrader.exists(c, "SELECT 1 FROM pg_namespace WHERE nspname = 'mosip_migrate'"), "as restored: no history schema");
        }
        var dry = SchemaTestSupport.upgrader(s, "eng").dryRun(List.of(MosipDatabase.MOSIP_PMS), "1.2.0.1").get(0);
        assertNull(dry.firstFailure(), dry.firstFailure());
        assertEquals(5, dry.steps().size());
        try (Connection c = s.connect("mosip_pms")) {
            assertTrue(!SchemaUpgrader.exists(c, "SELECT 1 FROM pg_namespace WHERE nspname = 'mosip_migrate'"), "the dry run left nothing behind");
            assertTrue(!SchemaUpgrader.exists(c, "SELECT 1 FROM pg_tables WHERE tablename = 'device_detail'"));
        }
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

    /** A role the upgrade creates without a password names the real config key (issue 17: it named schema.newRolePasswordEnv). */
    @Test
    void aRoleCreatedWithoutPasswordNamesTheRealConfigKey() throws Exception {
        s.dropDatabase("mosip_hotlist");
        s.execute("postgres", "DROP ROLE IF EXISTS hotlistuser");
        List<String> messages = new java.util.ArrayList<>();
        new SchemaUpgrader(SchemaTestSupport.target(s), new UpgradeSettings("eng", null, null, null, java.util.Map.of()), messages::add)
                .upgrade(List.of(MosipDatabase.MOSIP_HOTLIST), "1.2.0.1");
        String created = messages.stream().filter(m -> m.startsWith("created role hotlistuser")).findFirst().orElseThrow(() -> new AssertionError(messages));
        assertTrue(created.contains("upgrade.newRolePasswordEnv") && !created.contains("schema."), created);
        assertEquals("Hotlist data related logs and the data is stored in this database",
                one("postgres", "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'mosip_hotlist'"), "MOSIP's comment");
        assertEquals("{\"search_path=hotlist, pg_catalog, public\"}", one("postgres", "SELECT setconfig::text FROM pg_db_role_setting s "
                + "JOIN pg_database d ON d.oid = s.setdatabase WHERE d.datname = 'mosip_hotlist' AND s.setrole = 0"), "MOSIP's search_path");
    }

    private String one(String db, String sql) throws Exception {
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            assertTrue(rs.next(), sql);
            return rs.getString(1);
        }
    }

    private long count(String db, String sql) throws Exception {
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
