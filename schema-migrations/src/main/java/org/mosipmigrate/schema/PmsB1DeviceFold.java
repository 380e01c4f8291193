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
 * a jsonb object: column name to value, timestamps as ISO text, bytea as "\\x..." hex, NULLs kept) and in the progress
 * output; identical duplicates are counted once. The same device (provider, type, subtype, make,
 * model: pms's uk_devdtl_id) or chip (uk_fcdtl_id) registered in both sources under different ids keeps the first
 * source's row; the second is reported and its SBI links are re-pointed to the kept device, so no SBI loses its device.
 * The source databases are left unchanged.
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

    /**
     * Checksum of the SQL parts and of this class's version tag, so an edited step is detected by validate. The tag changes
     * only when the fold itself gives another result for an input it accepted before ("fold-v1": the unique-key rule only
     * turned a failed, rolled-back step into a reported skip). Part 1 changed with MOSIP's seed rows and MATCH FULL keys
     * (issue 17), so databases upgraded by an earlier build are refused by validate, with the hint to upgrade a fresh restore.
     */
    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(SchemaUpgrader.resource(PART1).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        crc.update(SchemaUpgrader.resource(PART2).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        crc.update("fold-v2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
            // the dry run executes this step on a restored database that has no history schema yet (rolled back with it)
            st.execute("CREATE SCHEMA IF NOT EXISTS " + MosipDatabase.HISTORY_SCHEMA);
            st.execute("CREATE TABLE IF NOT EXISTS " + MosipDatabase.HISTORY_SCHEMA + ".pms_device_fold_report (source_db text, table_name text, "
                    + "id text, reason text, row_json jsonb, recorded timestamptz DEFAULT now())");
        }
        Set<String> pairs = new HashSet<>();
        try (Statement st = pms.createStatement(); ResultSet rs = st.executeQuery("SELECT dtyp_code || '/' || code FROM pms.reg_device_sub_type")) {
            while (rs.next()) {
                pairs.add(rs.getString(1));
            }
        }
        FoldState state = new FoldState();
        for (String db : SOURCES) {
            if (!exists(db)) {
                progress.info("mosip_pms B1: " + db + " is not on the target; nothing to move from it");
                continue;
            }
            String schema = db.substring("mosip_".length());
            Set<String> skippedDevices = new HashSet<>();
            Map<String, String> sameDeviceAs = new HashMap<>(); // this source's device id -> id of the same device already moved
            try (Connection src = target.open(db)) {
                src.setReadOnly(true);
                state.copy(src, pms, db, new FoldTable("device_detail", "SELECT d.* FROM " + schema + ".device_detail d ORDER BY d.id", "id",
                        DEVICE_UNIQUE, row -> {
                            String pair = row.get("dtype_code") + "/" + row.get("dstype_code");
                            return pairs.contains(pair) ? null : "device type/subtype " + pair + " is not one of 1.2.0.1's " + pairs;
                        }), skippedDevices, sameDeviceAs);
                String sbiCols = "s.id, s.sw_binary_hash, s.sw_version, s.sw_cr_dtimes, s.sw_expiry_dtimes, s.approval_status, s.is_active, s.cr_by, "
                        + "s.cr_dtimes, s.upd_by, s.upd_dtimes, s.is_deleted, s.del_dtimes, d.dprovider_id AS provider_id, d.partner_org_name";
                state.copy(src, pms, db, new FoldTable("secure_biometric_interface", "SELECT " + sbiCols + " FROM " + schema
                        + ".secure_biometric_interface s JOIN " + schema + ".device_detail d ON d.id = s.device_detail_id ORDER BY s.id", "id",
                        null, row -> null), new HashSet<>(), null);
                state.copy(src, pms, db, new FoldTable("secure_biometric_interface_h", "SELECT " + sbiCols.replace("s.cr_dtimes,", "s.cr_dtimes, s.eff_dtimes,")
                        + " FROM " + schema + ".secure_biometric_interface_h s JOIN " + schema + ".device_detail d ON d.id = s.device_detail_id "
                        + "ORDER BY s.id, s.eff_dtimes", "id,eff_dtimes", null, row -> null), new HashSet<>(), null);
                state.copy(src, pms, db, new FoldTable("device_detail_sbi", "SELECT d.dprovider_id, d.partner_org_name, d.id AS device_detail_id, "
                        + "s.id AS sbi_id, s.is_active, s.cr_by, s.cr_dtimes, s.upd_by, s.upd_dtimes, s.is_deleted, s.del_dtimes FROM " + schema
                        + ".secure_biometric_interface s JOIN " + schema + ".device_detail d ON d.id = s.device_detail_id ORDER BY s.id",
                        "device_detail_id,sbi_id", null, row -> {
                            String device = String.valueOf(row.get("device_detail_id"));
                            if (sameDeviceAs.containsKey(device)) {
                                row.put("device_detail_id", sameDeviceAs.get(device)); // the link follows the device that was kept
                                return null;
                            }
                            return skippedDevices.contains(device) ? "its device " + device + " was not moved" : null;
                        }), new HashSet<>(), null);
                state.copy(src, pms, db, new FoldTable("ftp_chip_detail", "SELECT f.id, f.foundational_trust_provider_id, f.make, f.model, "
                        + "f.certificate_alias, f.partner_org_name, f.is_active, f.cr_by, f.cr_dtimes, f.upd_by, f.upd_dtimes, f.is_deleted, "
                        + "f.del_dtimes FROM " + schema + ".ftp_chip_detail f ORDER BY f.id", "id", FTP_UNIQUE, row -> null), new HashSet<>(), null);
            }
        }
        return new Report(state.moved, state.skipped);
    }

    /** pms's UNIQUE keys that two sources can both hold under different ids (each source alone already enforces them). */
    private static final UniqueKey DEVICE_UNIQUE = new UniqueKey("uk_devdtl_id", List.of("dprovider_id", "dtype_code", "dstype_code", "make", "model"));
    private static final UniqueKey FTP_UNIQUE = new UniqueKey("uk_fcdtl_id", List.of("foundational_trust_provider_id", "make", "model"));

    private record UniqueKey(String constraint, List<String> columns) {
        /** null when a column is NULL: PostgreSQL's UNIQUE lets NULLs repeat, so such rows cannot collide. */
        String of(Map<String, Object> row) {
            StringBuilder key = new StringBuilder();
            for (String c : columns) {
                Object v = row.get(c);
                if (v == null) {
                    return null;
                }
                key.append(key.length() == 0 ? "" : "|").append(v);
            }
            return key.toString();
        }
    }

    /** A rule may rewrite the row (a link re-pointed) and returns why the row must not move, or null. */
    private interface Rule {
        String reject(Map<String, Object> row);
    }

    private record FoldTable(String table, String select, String keyColumns, UniqueKey unique, Rule rule) {
    }

    /** What has moved so far, across both sources: ids and unique keys per table, counts, and the skipped rows. */
    private static final class FoldState {
        final Map<String, Integer> moved = new java.util.LinkedHashMap<>();
        final List<String> skipped = new ArrayList<>();
        final Map<String, Map<String, String>> rowById = new HashMap<>(); // table -> key -> row json
        final Map<String, Map<String, String>> idByUnique = new HashMap<>(); // table -> unique key -> "id from db"

        /**
         * Moves one table of one source. A row whose unique key another source's row already holds under another id is the
         * same device (or chip) registered twice: it is not moved, it is reported, and {@code sameAs} maps its id to the kept
         * one so its SBI links follow. Rows that are not moved are added to {@code notMoved}.
         */
        void copy(Connection src, Connection pms, String db, FoldTable t, Set<String> notMoved, Map<String, String> sameAs) throws SQLException {
            Map<String, String> ids = rowById.computeIfAbsent(t.table(), k -> new HashMap<>());
            Map<String, String> uniques = idByUnique.computeIfAbsent(t.table(), k -> new HashMap<>());
            int n = 0;
            try (Statement st = src.createStatement()) {
                st.setFetchSize(1000);
                try (ResultSet rs = st.executeQuery(t.select())) {
                    ResultSetMetaData md = rs.getMetaData();
                    List<String> cols = new ArrayList<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        cols.add(md.getColumnLabel(i));
                    }
                    String insert = "INSERT INTO pms." + t.table() + " (" + String.join(", ", cols) + ") VALUES ("
                            + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")";
                    try (PreparedStatement ins = pms.prepareStatement(insert)) {
                        while (rs.next()) {
                            Map<String, Object> row = new java.util.LinkedHashMap<>();
                            for (int i = 1; i <= cols.size(); i++) {
                                row.put(cols.get(i - 1), rs.getObject(i));
                            }
                            String sourceJson = json(row);
                            String sourceKey = key(row, t.keyColumns());
                            String reason = t.rule().reject(row);
                            String key = key(row, t.keyColumns());
                            String json = json(row);
                            if (reason == null && ids.containsKey(key)) {
                                if (ids.get(key).equals(json)) {
                                    continue; // the same row in both sources: moved once
                                }
                                reason = "id collision: " + t.table() + " " + key + " already moved from another source with different content";
                            }
                            String unique = t.unique() == null ? null : t.unique().of(row);
                            if (reason == null && unique != null && uniques.containsKey(unique)) {
                                String keptId = uniques.get(unique).split(" ", 2)[0];
                                reason = "same " + t.unique().columns() + " (" + unique + ", " + t.unique().constraint() + ") as " + t.table()
                                        + " " + uniques.get(unique) + ": not moved; kept " + keptId
                                        + (sameAs != null ? ", this device's SBI links now point to it" : "");
                                if (sameAs != null) {
                                    sameAs.put(sourceKey, keptId);
                                }
                            }
                            if (reason != null) {
                                notMoved.add(sourceKey); // so rows that hang on it (device_detail_sbi) are not linked to another source's row
                                record(pms, db, t.table(), sourceKey, reason, sourceJson);
                                skipped.add(db + "." + t.table() + " " + sourceKey + ": " + reason);
                                continue;
                            }
                            ids.put(key, json);
                            if (unique != null) {
                                uniques.put(unique, key + " from " + db);
                            }
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
            moved.merge(t.table(), n, Integer::sum);
        }

        private static String key(Map<String, Object> row, String keyColumns) {
            StringBuilder key = new StringBuilder();
            for (String k : keyColumns.split(",")) {
                key.append(key.length() == 0 ? "" : "|").append(row.get(k));
            }
            return key.toString();
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper ROW_JSON = org.mosipmigrate.core.json.Json.LINE.copy()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS);

    /**
     * The row as one JSON object, for comparing rows of both sources and for the report: every column with its value, NULLs
     * kept, bytea as "\\x" + hex (byte[].toString() is an identity hash, never equal), timestamps and dates as ISO text.
     */
    private static Object jsonValue(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Number) {
            return v;
        }
        if (v instanceof byte[] b) {
            return "\\x" + java.util.HexFormat.of().formatHex(b);
        }
        if (v instanceof java.sql.Timestamp t) {
            return t.toLocalDateTime().toString();
        }
        if (v instanceof java.sql.Date d) {
            return d.toLocalDate().toString();
        }
        return v.toString();
    }

    static String json(Map<String, Object> row) {
        Map<String, Object> text = new java.util.LinkedHashMap<>();
        row.forEach((k, v) -> text.put(k, jsonValue(v)));
        try {
            return ROW_JSON.writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a device row as JSON: " + e.getMessage(), e);
        }
    }

    private static void record(Connection pms, String db, String table, String id, String reason, String row) throws SQLException {
        try (PreparedStatement ps = pms.prepareStatement("INSERT INTO " + MosipDatabase.HISTORY_SCHEMA
                + ".pms_device_fold_report (source_db, table_name, id, reason, row_json) VALUES (?, ?, ?, ?, ?::jsonb)")) {
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
