package org.mosipmigrate.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.mosipmigrate.core.run.Progress;

/**
 * pms 1.1.5.5 -> 1.2.0.1-B1, in one transaction on mosip_pms: part 1 SQL (new device tables, reference rows,
 * partner_policy.label), then the fold of mosip_authdevice and mosip_regdevice (read-only connections; authdevice
 * first, as MOSIP does), then part 2 SQL (ftp_chip_detail.approval_status). Rows that cannot move are not fatal:
 * an id already taken by the other source (with different content), and devices whose (type, subtype) is not one of
 * 1.2.0.1's six pairs, are skipped and recorded in {@code mosip_migrate.pms_device_fold_report} (with the whole row as
 * JSON) and in the progress output; identical duplicates are counted once. The source databases are left unchanged.
 */
final class PmsB1DeviceFold implements JavaMigration {
    static final String PART1 = "steps/mosip_pms/B1-part1-structure.sql";
    static final String PART2 = "steps/mosip_pms/B1-part2-approval-status.sql";
    static final List<String> SOURCES = List.of("mosip_authdevice", "mosip_regdevice");

    private final TargetDatabases target;
    private final Progress progress;

    PmsB1DeviceFold(TargetDatabases target, Progress progress) {
        this.target = target;
        this.progress = progress;
    }

    /** What the fold did: rows moved per table and source, and the skipped rows with their reason. */
    record Report(Map<String, Integer> moved, List<String> skipped) {
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("1.2.0.1.1");
    }

    @Override
    public String getDescription() {
        return "ownership reset device fold from authdevice regdevice";
    }

    /** Checksum of the SQL parts and of this class's version tag, so an edited step is detected by validate. */
    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(SchemaUpgrader.resource(PART1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        crc.update(SchemaUpgrader.resource(PART2).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        crc.update("fold-v1".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection pms = context.getConnection();
        try (Statement st = pms.createStatement()) {
            st.execute(SchemaUpgrader.resource(PART1));
        }
        Report r = fold(pms);
        try (Statement st = pms.createStatement()) {
            st.execute(SchemaUpgrader.resource(PART2));
        }
        progress.info("mosip_pms B1: moved " + r.moved() + "; skipped " + r.skipped().size()
                + (r.skipped().isEmpty() ? "" : " (see mosip_migrate.pms_device_fold_report): " + String.join("; ", r.skipped().stream().limit(5).toList())));
    }

    Report fold(Connection pms) throws SQLException {
        try (Statement st = pms.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS " + MosipDatabase.HISTORY_SCHEMA + ".pms_device_fold_report (source_db text, table_name text, "
                    + "id text, reason text, row_json text, recorded timestamptz DEFAULT now())");
        }
        Set<String> pairs = new HashSet<>();
        try (Statement st = pms.createStatement(); ResultSet rs = st.executeQuery("SELECT dtyp_code || '/' || code FROM pms.reg_device_sub_type")) {
            while (rs.next()) {
                pairs.add(rs.getString(1));
            }
        }
        Map<String, Integer> moved = new java.util.LinkedHashMap<>();
        List<String> skipped = new ArrayList<>();
        Map<String, Map<String, String>> seen = new HashMap<>(); // table -> id -> row json
        for (String db : SOURCES) {
            if (!exists(db)) {
                progress.info("mosip_pms B1: " + db + " is not on the target; nothing to move from it");
                continue;
            }
            String schema = db.substring("mosip_".length());
            Set<String> skippedDevices = new HashSet<>();
            try (Connection src = target.open(db)) {
                src.setReadOnly(true);
                copy(src, pms, db, "device_detail", "SELECT d.* FROM " + schema + ".device_detail d ORDER BY d.id", "id",
                        row -> {
                            String pair = row.get("dtype_code") + "/" + row.get("dstype_code");
                            if (!pairs.contains(pair)) {
                                return "device type/subtype " + pair + " is not one of 1.2.0.1's " + pairs;
                            }
                            return null;
                        }, moved, skipped, seen, skippedDevices);
                String sbiCols = "s.id, s.sw_binary_hash, s.sw_version, s.sw_cr_dtimes, s.sw_expiry_dtimes, s.approval_status, s.is_active, s.cr_by, "
                        + "s.cr_dtimes, s.upd_by, s.upd_dtimes, s.is_deleted, s.del_dtimes, d.dprovider_id AS provider_id, d.partner_org_name";
                copy(src, pms, db, "secure_biometric_interface", "SELECT " + sbiCols + " FROM " + schema + ".secure_biometric_interface s JOIN "
                        + schema + ".device_detail d ON d.id = s.device_detail_id ORDER BY s.id", "id", row -> null, moved, skipped, seen, new HashSet<>());
                copy(src, pms, db, "secure_biometric_interface_h", "SELECT " + sbiCols.replace("s.cr_dtimes,", "s.cr_dtimes, s.eff_dtimes,")
                        + " FROM " + schema + ".secure_biometric_interface_h s JOIN " + schema + ".device_detail d ON d.id = s.device_detail_id "
                        + "ORDER BY s.id, s.eff_dtimes", "id,eff_dtimes", row -> null, moved, skipped, seen, new HashSet<>());
                copy(src, pms, db, "device_detail_sbi", "SELECT d.dprovider_id, d.partner_org_name, d.id AS device_detail_id, s.id AS sbi_id, "
                        + "s.is_active, s.cr_by, s.cr_dtimes, s.upd_by, s.upd_dtimes, s.is_deleted, s.del_dtimes FROM " + schema
                        + ".secure_biometric_interface s JOIN " + schema + ".device_detail d ON d.id = s.device_detail_id ORDER BY s.id",
                        "device_detail_id,sbi_id", row -> skippedDevices.contains(String.valueOf(row.get("device_detail_id")))
                                ? "its device " + row.get("device_detail_id") + " was not moved" : null, moved, skipped, seen, new HashSet<>());
                copy(src, pms, db, "ftp_chip_detail", "SELECT f.id, f.foundational_trust_provider_id, f.make, f.model, f.certificate_alias, "
                        + "f.partner_org_name, f.is_active, f.cr_by, f.cr_dtimes, f.upd_by, f.upd_dtimes, f.is_deleted, f.del_dtimes FROM " + schema
                        + ".ftp_chip_detail f ORDER BY f.id", "id", row -> null, moved, skipped, seen, new HashSet<>());
            }
        }
        return new Report(moved, skipped);
    }

    private interface Rule {
        String reject(Map<String, Object> row);
    }

    private void copy(Connection src, Connection pms, String db, String table, String select, String keyColumns, Rule rule,
                      Map<String, Integer> moved, List<String> skipped, Map<String, Map<String, String>> seen,
                      Set<String> notMoved) throws SQLException {
        Map<String, String> ids = seen.computeIfAbsent(table, k -> new HashMap<>());
        int n = 0;
        try (Statement st = src.createStatement()) {
            st.setFetchSize(1000);
            try (ResultSet rs = st.executeQuery(select)) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> cols = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    cols.add(md.getColumnLabel(i));
                }
                String insert = "INSERT INTO pms." + table + " (" + String.join(", ", cols) + ") VALUES ("
                        + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")";
                try (PreparedStatement ins = pms.prepareStatement(insert)) {
                    while (rs.next()) {
                        Map<String, Object> row = new java.util.LinkedHashMap<>();
                        for (int i = 1; i <= cols.size(); i++) {
                            row.put(cols.get(i - 1), rs.getObject(i));
                        }
                        StringBuilder key = new StringBuilder();
                        for (String k : keyColumns.split(",")) {
                            key.append(key.length() == 0 ? "" : "|").append(row.get(k));
                        }
                        String json = json(row);
                        String reason = rule.reject(row);
                        if (reason == null && ids.containsKey(key.toString())) {
                            if (ids.get(key.toString()).equals(json)) {
                                continue; // the same row in both sources: moved once
                            }
                            reason = "id collision: " + table + " " + key + " already moved from another source with different content";
                        }
                        if (reason != null) {
                            notMoved.add(key.toString()); // so rows that hang on it (device_detail_sbi) are not linked to another source's row
                            record(pms, db, table, key.toString(), reason, json);
                            skipped.add(db + "." + table + " " + key + ": " + reason);
                            continue;
                        }
                        ids.put(key.toString(), json);
                        for (int i = 1; i <= cols.size(); i++) {
                            ins.setObject(i, row.get(cols.get(i - 1)));
                        }
                        ins.addBatch();
                        if (++n % 500 == 0) {
                            ins.executeBatch();
                        }
                    }
                    ins.executeBatch();
                }
            }
        }
        moved.merge(table, n, Integer::sum);
    }

    /** The row as text for comparison and the report; bytea as hex (byte[].toString() is an identity hash, never equal). */
    private static String json(Map<String, Object> row) {
        Map<String, Object> text = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> text.put(k, v instanceof byte[] b ? "\\x" + java.util.HexFormat.of().formatHex(b) : v));
        return text.toString();
    }

    private static void record(Connection pms, String db, String table, String id, String reason, String row) throws SQLException {
        try (PreparedStatement ps = pms.prepareStatement("INSERT INTO " + MosipDatabase.HISTORY_SCHEMA
                + ".pms_device_fold_report (source_db, table_name, id, reason, row_json) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, db);
            ps.setString(2, table);
            ps.setString(3, id);
            ps.setString(4, reason);
            ps.setString(5, row);
            ps.executeUpdate();
        }
    }

    private boolean exists(String db) throws SQLException {
        try (Connection c = target.open("postgres")) {
            return SchemaUpgrader.exists(c, "SELECT 1 FROM pg_database WHERE datname = " + org.mosipmigrate.core.pg.Sql.literal(db));
        }
    }
}
