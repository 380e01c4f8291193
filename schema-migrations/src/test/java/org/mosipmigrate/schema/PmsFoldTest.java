package org.mosipmigrate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/**
 * pms B1 device fold (PmsB1DeviceFold) on real PostgreSQL 16: V2 mosip_pms, mosip_authdevice and mosip_regdevice built by
 * `schema init --version 1.1.5.5` (SchemaInit), realistic devices in both sources (one device present in both with identical
 * content, one id colliding with different content, one device with a type pair outside 1.2.0.1's six), then upgrade pms.
 * Every source row is either in pms or in mosip_migrate.pms_device_fold_report; approval_status of ftp_chip_detail derived as
 * upgrade-steps.md says.
 */
class PmsFoldTest {
    private final PgServer s = PgServers.production().target();
    private static final String TS = "'2021-03-04 10:11:12'";

    @Test
    void devicesOfBothSourcesAreFoldedAndSkippedRowsReported() throws Exception {
        new SchemaInit(SchemaTestSupport.target(s), SchemaTestSupport.LOG)
                .init(List.of(MosipDatabase.MOSIP_PMS, MosipDatabase.MOSIP_AUTHDEVICE, MosipDatabase.MOSIP_REGDEVICE), "1.1.5.5", true);
        PmsSeed.load(s);

        // authdevice
        source("mosip_authdevice", "authdevice",
                List.of(dev("ad-fin-1", "prov-a", "Finger", "Slap", "MantraA", "MFS100", "approved", true),
                        dev("ad-face-1", "prov-a", "Face", "Full face", "MantraA", "FaceCam1", "approved", true),
                        dev("ad-iris-1", "prov-b", "Iris", "Double", "IriTech", "IriShield", "pending", false),
                        dev("shared-dev-1", "prov-c", "Finger", "Single", "Secugen", "Hamster", "approved", true),
                        dev("coll-dev-1", "prov-d", "Iris", "Single", "IriTech", "MK2120", "approved", true)),
                List.of(sbi("sbi-ad-1", "ad-fin-1", "1.0.1"), sbi("sbi-ad-2", "ad-face-1", "2.0.0"), sbi("sbi-ad-3", "ad-iris-1", "0.9.0"),
                        sbi("shared-sbi-1", "shared-dev-1", "1.2.3"), sbi("sbi-coll-a", "coll-dev-1", "3.0.0")),
                List.of(sbiH("sbi-ad-1", "ad-fin-1", "1.0.0", "'2021-01-01 00:00:00'"), sbiH("sbi-ad-1", "ad-fin-1", "1.0.1", "'2021-02-01 00:00:00'"),
                        sbiH("shared-sbi-1", "shared-dev-1", "1.2.3", "'2021-01-05 00:00:00'")),
                List.of(ftp("ftp-ad-nocert", "ftp-a", "Intel", "SGX1", null, true), ftp("ftp-ad-inactive", "ftp-a", "Intel", "SGX2", "alias-2", false),
                        ftp("ftp-ad-active", "ftp-a", "Intel", "SGX3", "alias-3", true), ftp("shared-ftp-1", "ftp-s", "Qualcomm", "QTEE", "alias-s", true)));
        // regdevice: shared-* identical to authdevice; coll-dev-1 same id, different content; unk-dev-1 with a pair 1.2.0.1 lacks
        source("mosip_regdevice", "regdevice",
                List.of(dev("rd-fin-1", "prov-e", "Finger", "Touchless", "Tech5", "T5-TL", "approved", true),
                        dev("rd-face-1", "prov-e", "Face", "Full face", "Tech5", "T5-FC", "approved", true),
                        dev("shared-dev-1", "prov-c", "Finger", "Single", "Secugen", "Hamster", "approved", true),
                        dev("coll-dev-1", "prov-f", "Finger", "Slap", "Cogent", "CS500", "approved", true),
                        dev("unk-dev-1", "prov-e", "Finger", "Palm", "Tech5", "T5-PALM", "approved", true)),
                List.of(sbi("sbi-rd-1", "rd-fin-1", "5.0.0"), sbi("sbi-rd-2", "rd-face-1", "5.0.1"), sbi("shared-sbi-1", "shared-dev-1", "1.2.3"),
                        sbi("sbi-coll-r", "coll-dev-1", "7.0.0"), sbi("sbi-unk-1", "unk-dev-1", "1.0.0")),
                List.of(sbiH("sbi-rd-1", "rd-fin-1", "5.0.0", "'2021-01-09 00:00:00'"), sbiH("shared-sbi-1", "shared-dev-1", "1.2.3", "'2021-01-05 00:00:00'")),
                List.of(ftp("ftp-rd-active", "ftp-r", "ARM", "TZ1", "alias-r", true), ftp("shared-ftp-1", "ftp-s", "Qualcomm", "QTEE", "alias-s", true)));

        Map<String, Integer> sourceRows = new TreeMap<>();
        for (String t : List.of("device_detail", "secure_biometric_interface", "secure_biometric_interface_h", "ftp_chip_detail")) {
            sourceRows.put(t, (int) (count("mosip_authdevice", "SELECT count(*) FROM authdevice." + t)
                    + count("mosip_regdevice", "SELECT count(*) FROM regdevice." + t)));
        }
        assertEquals(Map.of("device_detail", 10, "secure_biometric_interface", 10, "secure_biometric_interface_h", 5, "ftp_chip_detail", 6), sourceRows);

        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_PMS), "1.2.0.1");

        // device_detail: 10 source rows = 7 moved + 1 identical duplicate + 2 reported
        assertEquals(List.of("ad-face-1|prov-a|Face|Full face|MantraA|FaceCam1|approved",
                        "ad-fin-1|prov-a|Finger|Slap|MantraA|MFS100|approved",
                        "ad-iris-1|prov-b|Iris|Double|IriTech|IriShield|pending",
                        "coll-dev-1|prov-d|Iris|Single|IriTech|MK2120|approved",
                        "rd-face-1|prov-e|Face|Full face|Tech5|T5-FC|approved",
                        "rd-fin-1|prov-e|Finger|Touchless|Tech5|T5-TL|approved",
                        "shared-dev-1|prov-c|Finger|Single|Secugen|Hamster|approved"),
                rows("SELECT concat_ws('|', id, dprovider_id, dtype_code, dstype_code, make, model, approval_status) FROM pms.device_detail ORDER BY id"));

        // SBIs (no device_detail_id any more: provider_id/partner_org_name of their device)
        assertEquals(List.of("sbi-ad-1|prov-a|1.0.1", "sbi-ad-2|prov-a|2.0.0", "sbi-ad-3|prov-b|0.9.0", "sbi-coll-a|prov-d|3.0.0",
                        "sbi-coll-r|prov-f|7.0.0", "sbi-rd-1|prov-e|5.0.0", "sbi-rd-2|prov-e|5.0.1", "sbi-unk-1|prov-e|1.0.0",
                        "shared-sbi-1|prov-c|1.2.3"),
                rows("SELECT concat_ws('|', id, provider_id, sw_version) FROM pms.secure_biometric_interface ORDER BY id"));
        assertEquals(List.of("sbi-ad-1|2021-01-01 00:00:00|1.0.0", "sbi-ad-1|2021-02-01 00:00:00|1.0.1", "sbi-rd-1|2021-01-09 00:00:00|5.0.0",
                        "shared-sbi-1|2021-01-05 00:00:00|1.2.3"),
                rows("SELECT concat_ws('|', id, eff_dtimes, sw_version) FROM pms.secure_biometric_interface_h ORDER BY id, eff_dtimes"));
        assertEquals(1, count("mosip_pms", "SELECT count(*) FROM pms.secure_biometric_interface WHERE id = 'shared-sbi-1' "
                + "AND sw_binary_hash = decode('0a0b0c', 'hex')"), "bytea content carried over");

        // links: only to devices that were moved from the same source
        assertEquals(List.of("ad-face-1|sbi-ad-2", "ad-fin-1|sbi-ad-1", "ad-iris-1|sbi-ad-3", "coll-dev-1|sbi-coll-a",
                        "rd-face-1|sbi-rd-2", "rd-fin-1|sbi-rd-1", "shared-dev-1|shared-sbi-1"),
                rows("SELECT concat_ws('|', device_detail_id, sbi_id) FROM pms.device_detail_sbi").stream().sorted().toList());

        // ftp_chip_detail with approval_status derived from certificate_alias / is_active
        assertEquals(List.of("ftp-ad-active|approved", "ftp-ad-inactive|pending_approval", "ftp-ad-nocert|pending_cert_upload",
                        "ftp-rd-active|approved", "shared-ftp-1|approved"),
                rows("SELECT concat_ws('|', id, approval_status) FROM pms.ftp_chip_detail ORDER BY id"));

        // skipped rows are reported (by source, table, id and reason), identical duplicates are not
        List<String> report = rows("SELECT concat_ws('|', source_db, table_name, id) FROM mosip_migrate.pms_device_fold_report").stream().sorted().toList();
        assertEquals(List.of("mosip_regdevice|device_detail_sbi|coll-dev-1|sbi-coll-r", "mosip_regdevice|device_detail_sbi|unk-dev-1|sbi-unk-1",
                "mosip_regdevice|device_detail|coll-dev-1", "mosip_regdevice|device_detail|unk-dev-1"), report);
        assertTrue(one("SELECT reason FROM mosip_migrate.pms_device_fold_report WHERE id = 'coll-dev-1'").contains("id collision"));
        assertTrue(one("SELECT reason FROM mosip_migrate.pms_device_fold_report WHERE id = 'unk-dev-1'").contains("Finger/Palm"));
        // the skipped row itself is kept in the report, as a JSON object of every column (issue 17: it was not valid JSON)
        assertEquals("jsonb", one("SELECT data_type FROM information_schema.columns WHERE table_schema = 'mosip_migrate' "
                + "AND table_name = 'pms_device_fold_report' AND column_name = 'row_json'"));
        com.fasterxml.jackson.databind.JsonNode skipped = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(one("SELECT row_json::text FROM mosip_migrate.pms_device_fold_report WHERE id = 'coll-dev-1'"));
        assertEquals(java.util.Set.of("id", "dprovider_id", "dtype_code", "dstype_code", "make", "model", "partner_org_name", "approval_status",
                "is_active", "cr_by", "cr_dtimes", "upd_by", "upd_dtimes", "is_deleted", "del_dtimes"), fieldNames(skipped));
        assertEquals("CS500", skipped.get("model").asText());
        assertEquals("Cogent", skipped.get("make").asText());
        assertTrue(skipped.get("is_active").isBoolean() && skipped.get("is_active").asBoolean());
        assertTrue(skipped.get("upd_by").isNull(), "NULLs are kept");
        assertEquals("2021-03-04T10:11:12", skipped.get("cr_dtimes").asText());
        com.fasterxml.jackson.databind.JsonNode link = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                one("SELECT row_json::text FROM mosip_migrate.pms_device_fold_report WHERE table_name = 'device_detail_sbi' AND id LIKE 'coll-dev-1%'"));
        assertEquals("sbi-coll-r", link.get("sbi_id").asText());

        // nothing lost: every source row is in pms or in the report
        for (String[] t : new String[][] {{"device_detail", "id"}, {"secure_biometric_interface", "id"}, {"ftp_chip_detail", "id"}}) {
            TreeSet<String> src = new TreeSet<>();
            src.addAll(rowsIn("mosip_authdevice", "SELECT " + t[1] + " FROM authdevice." + t[0]));
            src.addAll(rowsIn("mosip_regdevice", "SELECT " + t[1] + " FROM regdevice." + t[0]));
            TreeSet<String> there = new TreeSet<>(rows("SELECT " + t[1] + " FROM pms." + t[0]));
            there.addAll(rows("SELECT id FROM mosip_migrate.pms_device_fold_report WHERE table_name = '" + t[0] + "'"));
            assertEquals(src, there, t[0]);
        }
        // the sources are left unchanged
        assertEquals(5, count("mosip_regdevice", "SELECT count(*) FROM regdevice.device_detail"));
    }

    @Test
    void sameDeviceUnderDifferentIdsKeepsTheFirstAndRepointsTheSecondSourcesLinks() throws Exception {
        new SchemaInit(SchemaTestSupport.target(s), SchemaTestSupport.LOG)
                .init(List.of(MosipDatabase.MOSIP_PMS, MosipDatabase.MOSIP_AUTHDEVICE, MosipDatabase.MOSIP_REGDEVICE), "1.1.5.5", true);
        PmsSeed.load(s);
        source("mosip_authdevice", "authdevice", List.of(dev("ad-x", "prov-a", "Finger", "Slap", "MantraA", "MFS100", "approved", true)),
                List.of(sbi("sbi-ad-x", "ad-x", "1.0.0")), List.of(),
                List.of(ftp("ftp-ad-x", "ftp-a", "Intel", "SGX1", "a", true)));
        // the same physical device model and chip under other ids, with their own SBI (and history)
        source("mosip_regdevice", "regdevice", List.of(dev("rd-x", "prov-a", "Finger", "Slap", "MantraA", "MFS100", "pending", true)),
                List.of(sbi("sbi-rd-x", "rd-x", "2.0.0")), List.of(sbiH("sbi-rd-x", "rd-x", "2.0.0", "'2021-01-09 00:00:00'")),
                List.of(ftp("ftp-rd-x", "ftp-a", "Intel", "SGX1", "b", true)));

        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(MosipDatabase.MOSIP_PMS), "1.2.0.1");

        assertEquals("1.2.0.1", SchemaTestSupport.upgrader(s, "eng").status(List.of(MosipDatabase.MOSIP_PMS), "1.2.0.1").get(0).current());
        assertEquals(List.of("ad-x|approved"), rows("SELECT concat_ws('|', id, approval_status) FROM pms.device_detail ORDER BY id"));
        assertEquals(List.of("sbi-ad-x", "sbi-rd-x"), rows("SELECT id FROM pms.secure_biometric_interface ORDER BY id"), "both SBIs moved");
        assertEquals(List.of("sbi-rd-x"), rows("SELECT id FROM pms.secure_biometric_interface_h ORDER BY id"));
        assertEquals(List.of("ad-x|sbi-ad-x", "ad-x|sbi-rd-x"),
                rows("SELECT concat_ws('|', device_detail_id, sbi_id) FROM pms.device_detail_sbi ORDER BY sbi_id"),
                "the second source's SBI is linked to the kept device");
        assertEquals(List.of("ftp-ad-x"), rows("SELECT id FROM pms.ftp_chip_detail"));

        assertEquals(List.of("mosip_regdevice|device_detail|rd-x", "mosip_regdevice|ftp_chip_detail|ftp-rd-x"),
                rows("SELECT concat_ws('|', source_db, table_name, id) FROM mosip_migrate.pms_device_fold_report ORDER BY table_name"),
                "the device and chip not moved are reported, the re-pointed link is not a loss");
        String reason = one("SELECT reason FROM mosip_migrate.pms_device_fold_report WHERE id = 'rd-x'");
        assertTrue(reason.contains("uk_devdtl_id") && reason.contains("kept ad-x") && reason.contains("mosip_authdevice"), reason);
        assertEquals("pending", new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(one("SELECT row_json::text FROM mosip_migrate.pms_device_fold_report WHERE id = 'rd-x'")).get("approval_status").asText(),
                "the row not moved is kept whole in the report");
        assertTrue(one("SELECT reason FROM mosip_migrate.pms_device_fold_report WHERE id = 'ftp-rd-x'").contains("uk_fcdtl_id"));
    }

    private static java.util.Set<String> fieldNames(com.fasterxml.jackson.databind.JsonNode n) {
        java.util.Set<String> out = new java.util.TreeSet<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private record Dev(String id, String provider, String type, String subtype, String make, String model, String approval, boolean active) {
    }

    private static Dev dev(String id, String provider, String type, String subtype, String make, String model, String approval, boolean active) {
        return new Dev(id, provider, type, subtype, make, model, approval, active);
    }

    private static String sbi(String id, String device, String version) {
        return "INSERT INTO secure_biometric_interface (id, sw_binary_hash, sw_version, device_detail_id, sw_cr_dtimes, sw_expiry_dtimes, "
                + "approval_status, is_active, cr_by, cr_dtimes) VALUES ('" + id + "', decode('0a0b0c', 'hex'), '" + version + "', '" + device
                + "', " + TS + ", '2031-03-04 00:00:00', 'approved', true, 'partner-admin', " + TS + ")";
    }

    private static String sbiH(String id, String device, String version, String eff) {
        return "INSERT INTO secure_biometric_interface_h (id, sw_binary_hash, sw_version, device_detail_id, sw_cr_dtimes, sw_expiry_dtimes, "
                + "approval_status, is_active, cr_by, cr_dtimes, eff_dtimes) VALUES ('" + id + "', decode('0a0b0c', 'hex'), '" + version + "', '"
                + device + "', " + TS + ", '2031-03-04 00:00:00', 'approved', true, 'partner-admin', " + TS + ", " + eff + ")";
    }

    private static String ftp(String id, String ftpId, String make, String model, String alias, boolean active) {
        return "INSERT INTO ftp_chip_detail (id, foundational_trust_provider_id, make, model, certificate_alias, partner_org_name, is_active, "
                + "cr_by, cr_dtimes) VALUES ('" + id + "', '" + ftpId + "', '" + make + "', '" + model + "', "
                + (alias == null ? "NULL" : "'" + alias + "'") + ", 'Org " + ftpId + "', " + active + ", 'partner-admin', " + TS + ")";
    }

    private void source(String db, String schema, List<Dev> devices, List<String> sbis, List<String> history, List<String> ftps) throws Exception {
        List<String> sql = new ArrayList<>();
        sql.add("SET search_path = " + schema);
        for (String[] t : new String[][] {{"Finger", "Slap"}, {"Finger", "Single"}, {"Finger", "Touchless"}, {"Finger", "Palm"}, {"Face", "Full face"},
                {"Iris", "Single"}, {"Iris", "Double"}}) {
            sql.add("INSERT INTO reg_device_type (code, name, descr, is_active, cr_by, cr_dtimes) VALUES ('" + t[0] + "', '" + t[0] + "', '"
                    + t[0] + "', true, 'admin', " + TS + ") ON CONFLICT DO NOTHING");
            sql.add("INSERT INTO reg_device_sub_type (code, dtyp_code, name, descr, is_active, cr_by, cr_dtimes) VALUES ('" + t[1] + "', '"
                    + t[0] + "', '" + t[1] + "', '" + t[1] + "', true, 'admin', " + TS + ") ON CONFLICT DO NOTHING");
        }
        for (String f : List.of("ftp-a", "ftp-r", "ftp-s")) {
            sql.add("INSERT INTO foundational_trust_provider (id, is_active, cr_by, cr_dtimes) VALUES ('" + f + "', true, 'admin', " + TS + ")");
        }
        for (Dev d : devices) {
            sql.add("INSERT INTO device_detail (id, dprovider_id, dtype_code, dstype_code, make, model, partner_org_name, approval_status, is_active, "
                    + "cr_by, cr_dtimes) VALUES ('" + d.id() + "', '" + d.provider() + "', '" + d.type() + "', '" + d.subtype() + "', '" + d.make()
                    + "', '" + d.model() + "', 'Org " + d.provider() + "', '" + d.approval() + "', " + d.active() + ", 'partner-admin', " + TS + ")");
        }
        sql.addAll(sbis);
        sql.addAll(history);
        sql.addAll(ftps);
        s.execute(db, sql.toArray(String[]::new));
    }

    private List<String> rows(String sql) throws Exception {
        return rowsIn("mosip_pms", sql);
    }

    private List<String> rowsIn(String db, String sql) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private String one(String sql) throws Exception {
        List<String> r = rows(sql);
        assertEquals(1, r.size(), sql);
        return r.get(0);
    }

    private long count(String db, String sql) throws Exception {
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
