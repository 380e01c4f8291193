package org.mosipmigrate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mosipmigrate.schema.catalog.SchemaCatalog;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/**
 * Rows loaded before the upgrade are all there after it: per V2 table, row count and an order-independent
 * digest of the V2 columns that 1.2.0.1 still has (renamed columns followed). Tables a step changes on purpose
 * are compared where their rows went (master: the *_migr_bkp copy; prereg: the *_to_be_deleted table) or
 * checked for the intended change only (seed rows added).
 */
class DataPreservationTest {
    /** db.table -> where its V2 rows are after the upgrade (a renamed table), or the column renames old=new. */
    static final Map<String, String> RENAMED_TABLES = Map.of(
            "mosip_prereg.prid_seq", "prid_seq_to_be_deleted", "mosip_prereg.transaction_type", "transaction_type_to_be_deleted",
            "mosip_prereg.language_transliteration", "language_transliteration_to_be_deleted", "mosip_prereg.prid_seed", "prid_seed_to_be_deleted",
            "mosip_prereg.pre_registration_transaction", "pre_registration_transaction_to_be_deleted",
            "mosip_keymgr.key_policy_def_h", "key_policy_def_h_migr_bkp");
    static final Map<String, Map<String, String>> RENAMED_COLUMNS = Map.of(
            "mosip_regprc.registration", Map.of("id", "reg_id", "reg_type", "process"),
            "mosip_regprc.registration_list", Map.of("id", "workflow_instance_id", "reg_type", "process"));
    /** Tables where a step adds reference rows: V2 rows must all still be there (subset), counts may grow. */
    static final List<String> SEEDED = List.of("mosip_regprc.transaction_type", "mosip_pms.partner_type",
            "mosip_pms.partner_policy_credential_type", "mosip_keymgr.key_policy_def", "mosip_ida.key_policy_def",
            // pms B1 adds MOSIP's certificate-sharing and digital-card partner sets (issue 17)
            "mosip_pms.partner", "mosip_pms.partner_h", "mosip_pms.policy_group", "mosip_pms.auth_policy", "mosip_pms.auth_policy_h",
            "mosip_pms.partner_policy", "mosip_pms.partner_policy_request", "mosip_pms.partner_policy_bioextract");

    @ParameterizedTest
    @EnumSource(value = MosipDatabase.class, names = {"MOSIP_AUTHDEVICE", "MOSIP_REGDEVICE", "MOSIP_HOTLIST", "MOSIP_RESIDENT"},
            mode = EnumSource.Mode.EXCLUDE)
    void everyV2RowSurvives(MosipDatabase d) throws Exception {
        PgServer s = PgServers.production().target();
        V2Data.prepare(s, d, 30);
        SchemaCatalog v2 = SchemaCatalog.expected("1.1.5.5", d.dbName());
        SchemaCatalog v3facts = SchemaCatalog.expected("1.2.0.1", d.dbName());
        // plan per V2 table: where its rows end up and which of its columns are compared (old name -> new name)
        Map<String, String> whereTo = new TreeMap<>();
        Map<String, Map<String, String>> columns = new TreeMap<>();
        for (var t : v2.tables().values()) {
            String key = d.dbName() + "." + t.name();
            boolean backedUp = d == MosipDatabase.MOSIP_MASTER && MASTER_BACKED_UP.contains(t.name());
            String dest = RENAMED_TABLES.getOrDefault(key, backedUp ? t.name() + "_migr_bkp" : t.name());
            var in3 = v3facts.tables().get(t.name());
            Map<String, String> ren = RENAMED_COLUMNS.getOrDefault(key, Map.of());
            Map<String, String> cols = new java.util.LinkedHashMap<>();
            for (var col : t.columns()) {
                String n = ren.getOrDefault(col.name(), col.name());
                boolean rewritten = key.equals("mosip_pms.auth_policy") && col.name().equals("policy_file_id"); // shareDomain rewrite, checked below
                if (!rewritten && (!dest.equals(t.name()) || (in3 != null && in3.columnsByName().containsKey(n)))) {
                    cols.put(col.name(), n);
                }
            }
            whereTo.put(t.name(), dest);
            columns.put(t.name(), cols);
        }
        Map<String, String> before = new TreeMap<>();
        Map<String, List<String>> beforeRows = new TreeMap<>();
        try (Connection c = s.connect(d.dbName())) {
            for (String t : whereTo.keySet()) {
                before.put(t, digest(c, d.schema(), t, List.copyOf(columns.get(t).keySet())));
                if (SEEDED.contains(d.dbName() + "." + t)) {
                    beforeRows.put(t, rowDigests(c, d.schema(), t, List.copyOf(columns.get(t).keySet())));
                }
            }
        }
        SchemaTestSupport.upgrader(s, "eng").upgrade(List.of(d), "1.2.0.1");
        List<String> lost = new ArrayList<>();
        try (Connection c = s.connect(d.dbName())) {
            for (String t : whereTo.keySet()) {
                String key = d.dbName() + "." + t;
                if (SEEDED.contains(key)) {
                    List<String> after = new ArrayList<>(rowDigests(c, d.schema(), whereTo.get(t), List.copyOf(columns.get(t).values())));
                    for (String row : beforeRows.get(t)) {
                        if (!after.remove(row)) {
                            lost.add(key + ": a V2 row is gone (md5 " + row + ")");
                        }
                    }
                    assertTrue(!beforeRows.get(t).isEmpty(), key + " had V2 rows to check");
                    continue;
                }
                String after = digest(c, d.schema(), whereTo.get(t), List.copyOf(columns.get(t).values()));
                if (!after.equals(before.get(t))) {
                    lost.add(key + " -> " + whereTo.get(t) + ": before " + before.get(t) + ", after " + after);
                }
            }
        }
        assertEquals(List.of(), lost, d.dbName() + ": rows changed or lost");
        if (d == MosipDatabase.MOSIP_PMS) {
            try (Connection c = s.connect(d.dbName())) {
                assertEquals(0, count(c, "SELECT count(*) FROM pms.auth_policy WHERE policy_file_id LIKE '%\"shareDomain\":\"datashare-service\"%'"));
                assertEquals(4, count(c, "SELECT count(*) FROM pms.auth_policy WHERE policy_file_id LIKE '%\"shareDomain\":\"datashare.datashare\"%' "
                        + "AND id IN ('mpolicy-default-qrcode', 'mpolicy-default-euin', 'mpolicy-default-reprint', 'mpolicy-default-auth')"),
                        "the V2 seed policies' shareDomain rewritten");
            }
        }
    }

    /** master tables B1 copies to *_migr_bkp before deleting rows (the V2 rows are compared there). */
    static final java.util.Set<String> MASTER_BACKED_UP = java.util.Set.of("authentication_method", "biometric_type", "ca_cert_store", "device_master",
            "device_spec", "device_type", "identity_schema", "loc_holiday", "machine_master", "machine_spec", "machine_type",
            "reg_exceptional_holiday", "reg_working_nonworking", "template");

    static long count(Connection c, String sql) throws Exception {
        try (ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** md5 of each row over {@code cols} (a multiset, as a list). */
    static List<String> rowDigests(Connection c, String schema, String table, List<String> cols) throws Exception {
        String row = cols.isEmpty() ? "''" : "concat_ws('|', " + String.join(", ", cols.stream().map(x -> "coalesce(\"" + x + "\"::text, '<null>')").toList()) + ")";
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.createStatement().executeQuery("SELECT md5(" + row + ") FROM \"" + schema + "\".\"" + table + "\"")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    static String digest(Connection c, String schema, String table, List<String> cols) throws Exception {
        String row = cols.isEmpty() ? "''" : "concat_ws('|', " + String.join(", ", cols.stream().map(x -> "\"" + x + "\"::text").toList()) + ")";
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*), coalesce(md5(string_agg(md5(" + row + "), '' ORDER BY md5(" + row
                + "))), '-') FROM \"" + schema + "\".\"" + table + "\"")) {
            rs.next();
            return rs.getLong(1) + ":" + rs.getString(2);
        }
    }
}
