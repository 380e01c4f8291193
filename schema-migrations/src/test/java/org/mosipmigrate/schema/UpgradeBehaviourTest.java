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
