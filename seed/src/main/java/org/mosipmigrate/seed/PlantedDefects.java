package org.mosipmigrate.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mosipmigrate.core.pg.Sql;

/**
 * The runbook's known V2 problems, planted by {@code seed-v2 --defects} so that preflight has something to find.
 * Each defect carries the id of the preflight finding that must report it. Planting is plain SQL on rows the
 * seed made (deterministic: the first rows by key), after keys and foreign keys exist.
 */
public final class PlantedDefects {
    /** One planted problem: the preflight finding id that reports it, the database, and what was done. */
    public record Defect(String findingId, String db, String what, List<String> sql) {
    }

    /** Every defect, by database. */
    public static final List<Defect> ALL = List.of(
            new Defect("CA_CERT_DUPLICATES", "mosip_keymgr",
                    "2 CA certificates stored twice with the same (cert_thumbprint, partner_domain) in keymgr.ca_cert_store",
                    List.of(duplicateRows("keymgr", "ca_cert_store", "cert_id", "'dup-' || cert_id", 2))),
            new Defect("CA_CERT_DUPLICATES", "mosip_ida",
                    "1 CA certificate stored twice with the same (cert_thumbprint, partner_domain) in ida.ca_cert_store",
                    List.of(duplicateRows("ida", "ca_cert_store", "cert_id", "'dup-' || cert_id", 1))),
            new Defect("USER_ID_CASE_DUPLICATES", "mosip_master",
                    "2 operators whose user id exists again in another letter case in master.user_detail",
                    List.of(duplicateRows("master", "user_detail", "id", "initcap(id)", 2))),
            new Defect("PACKETS_STUCK", "mosip_regprc",
                    "3 packets left between stages (PROCESSING / REPROCESS / RESUMABLE) in regprc.registration",
                    List.of("UPDATE regprc.registration r SET status_code = s.status, latest_trn_status_code = s.trn, reg_stage_name = s.stage, "
                            + "latest_trn_type_code = s.trn_type FROM (SELECT id, (ARRAY['PROCESSING', 'REPROCESS', 'RESUMABLE'])[row_number() OVER (ORDER BY id)] AS status, "
                            + "(ARRAY['IN_PROGRESS', 'REPROCESS', 'ERROR'])[row_number() OVER (ORDER BY id)] AS trn, "
                            + "(ARRAY['BioDedupeStage', 'UinGeneratorStage', 'PacketValidatorStage'])[row_number() OVER (ORDER BY id)] AS stage, "
                            + "(ARRAY['BIOGRAPHIC_VERIFICATION', 'UIN_GENERATOR', 'VALIDATE_PACKET'])[row_number() OVER (ORDER BY id)] AS trn_type "
                            + "FROM regprc.registration WHERE status_code = 'PROCESSED' ORDER BY id LIMIT 3) s WHERE r.id = s.id")),
            new Defect("POLICY_SHARE_DOMAIN", "mosip_pms",
                    "2 partner policies whose shareDomain still points at datashare-service in pms.auth_policy",
                    List.of("UPDATE pms.auth_policy SET policy_file_id = replace(policy_file_id, '\"shareDomain\":\"datashare.datashare\"', "
                            + "'\"shareDomain\":\"datashare-service\"') WHERE id IN (SELECT id FROM pms.auth_policy "
                            + "WHERE policy_file_id LIKE '%datashare.datashare%' ORDER BY id LIMIT 2)")),
            new Defect("PARTNER_THUMBPRINT_MISMATCH", "mosip_ida",
                    "1 partner certificate whose thumbprint in ida.key_alias differs from keymgr.key_alias (same ref_id)",
                    List.of("UPDATE ida.key_alias SET cert_thumbprint = encode(sha256(convert_to('renewed-' || id, 'UTF8')), 'hex') "
                            + "WHERE id = (SELECT id FROM ida.key_alias WHERE app_id = 'IDA' AND ref_id <> '' ORDER BY ref_id LIMIT 1)")),
            new Defect("PARTNER_CERT_EXPIRED", "mosip_keymgr",
                    "1 partner certificate that expired on 2023-06-30 in keymgr.partner_cert_store",
                    List.of("UPDATE keymgr.partner_cert_store SET cert_not_after = timestamp '2023-06-30 00:00:00' "
                            + "WHERE cert_id = (SELECT min(cert_id) FROM keymgr.partner_cert_store)")));

    private PlantedDefects() {
    }

    public static List<Defect> of(String db) {
        return ALL.stream().filter(d -> d.db().equals(db)).toList();
    }

    /** Plants the defects of {@code db} on its connection. */
    public static void plant(Connection c, String db) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (Defect d : of(db)) {
                for (String sql : d.sql()) {
                    st.execute(sql);
                }
            }
        }
    }

    /** Copies of the first {@code n} rows (by key) with the key column rewritten by {@code newKey}; every other column identical. */
    private static String duplicateRows(String schema, String table, String keyColumn, String newKey, int n) {
        MosipCatalog.Table t = MosipCatalog.v2Tables("mosip_" + schema).stream().filter(x -> x.name().equals(table)).findFirst().orElseThrow();
        List<String> columns = t.columns().stream().map(MosipCatalog.Column::name).toList();
        String select = columns.stream().map(c -> c.equals(keyColumn) ? newKey : Sql.ident(c)).collect(Collectors.joining(", "));
        return "INSERT INTO " + Sql.qualified(schema, table) + " (" + Sql.columnList(columns) + ") SELECT " + select + " FROM "
                + Sql.qualified(schema, table) + " WHERE " + Sql.ident(keyColumn) + " IN (SELECT " + Sql.ident(keyColumn) + " FROM "
                + Sql.qualified(schema, table) + " ORDER BY 1 LIMIT " + n + ")";
    }

    /** Number of defects per finding id (for a summary). */
    public static Map<String, Long> countByFinding() {
        return ALL.stream().collect(Collectors.groupingBy(Defect::findingId, java.util.TreeMap::new, Collectors.counting()));
    }
}
