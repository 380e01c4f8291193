package org.mosipmigrate.engine.preflight;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.schema.CaCertDuplicates;

/**
 * The runbook's data checks on the V2 databases (object-store-and-keys facts): duplicate CA certificate thumbprints
 * (keymgr and ida B1 add a UNIQUE constraint and fail on them), operator ids that collide case-insensitively, partner
 * certificate thumbprints that differ between keymanager and IDA, partner certificates that expired or expire soon,
 * partner policies still pointing at the V2 datashare service, and packets stuck between stages. Only reads; a check
 * whose database or table is missing is listed as skipped.
 */
final class MosipDataCheck implements Check {
    /** regprc.registration status codes after which MOSIP does nothing more with a packet. */
    static final List<String> FINAL_STATUSES = List.of("PROCESSED", "REJECTED", "FAILED", "REPROCESS_FAILED");
    /** A packet not in a final state whose last transaction is older than this is stuck, not in flight. */
    static final int STUCK_AFTER_HOURS = 24;

    @Override
    public String name() {
        return "mosip-data";
    }

    @Override
    public void run(PreflightContext ctx, Findings out) throws Exception {
        if (!ctx.sourceReachable()) {
            return;
        }
        List<String> skipped = new ArrayList<>();
        for (String db : List.of("mosip_keymgr", "mosip_ida")) {
            withTable(ctx, db, CaCertDuplicates.schemaOf(db) + ".ca_cert_store", skipped, c -> caCertDuplicates(c, db, out));
        }
        withTable(ctx, "mosip_master", "master.user_detail", skipped, c -> userIdCase(c, out));
        partnerThumbprints(ctx, out, skipped);
        withTable(ctx, "mosip_keymgr", "keymgr.partner_cert_store", skipped, c -> partnerCertExpiry(c, ctx.config().keystores().expiryWarningDays(), out));
        withTable(ctx, "mosip_pms", "pms.auth_policy", skipped, c -> shareDomain(c, shareDomainFrom(ctx), out));
        withTable(ctx, "mosip_regprc", "regprc.registration", skipped, c -> stuckPackets(c, out));
        if (!skipped.isEmpty()) {
            out.add(Finding.listing("MOSIP_DATA_SKIPPED", name(), Severity.INFO, "data checks that could not run (database or table absent)", skipped,
                    "include the database in source.postgres.databases if the V2 install has it"));
        }
    }

    @FunctionalInterface
    private interface OnDb {
        void run(Connection c) throws SQLException;
    }

    private static void withTable(PreflightContext ctx, String db, String table, List<String> skipped, OnDb body) throws SQLException {
        if (!ctx.sourceDatabases().contains(db)) {
            skipped.add(table + " (" + db + " is not in the move)");
            return;
        }
        try (Connection c = ctx.openSource(db)) {
            if (!exists(c, table)) {
                skipped.add(table + " (absent in " + db + ")");
                return;
            }
            body.run(c);
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        return PostgresCheck.query(c, "SELECT to_regclass(" + Sql.literal(table) + ") IS NOT NULL").equals("t");
    }

    private void caCertDuplicates(Connection c, String db, Findings out) throws SQLException {
        String schema = CaCertDuplicates.schemaOf(db);
        List<CaCertDuplicates.Group> groups = CaCertDuplicates.groups(c, schema);
        if (groups.isEmpty()) {
            return;
        }
        List<String> removable = CaCertDuplicates.removable(c, schema);
        long surplus = groups.stream().mapToLong(g -> g.certIds().size() - 1).sum();
        List<String> items = groups.stream().map(g -> db + " " + schema + ".ca_cert_store thumbprint " + abbreviate(g.thumbprint()) + " domain "
                + g.partnerDomain() + ": cert_id " + String.join(", ", g.certIds())).toList();
        String fix = "keep one row per (cert_thumbprint, partner_domain) and delete the others after saving them; "
                + (removable.size() == surplus ? "all " + surplus + " surplus row(s) are exact copies of a kept certificate: preflight --fix removes them "
                + "(saved first under <backupSet>/preflight-fixes/)"
                : removable.size() + " of " + surplus + " surplus row(s) are exact copies that preflight --fix removes; decide the others by hand "
                + "(they differ in content or are named as issuer_id)");
        out.add(new Finding("CA_CERT_DUPLICATES", name(), Severity.BLOCKING, db + ": duplicate (cert_thumbprint, partner_domain) rows in " + schema
                + ".ca_cert_store; the upgrade adds a UNIQUE constraint there and fails", groups.size(), items, fix, !removable.isEmpty()));
    }

    private void userIdCase(Connection c, Findings out) throws SQLException {
        List<String> items = new ArrayList<>();
        long groups = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT lower(id), string_agg(id, ', ' ORDER BY id), count(*) OVER () FROM master.user_detail "
                     + "WHERE is_active AND is_deleted IS NOT TRUE GROUP BY lower(id) HAVING count(*) > 1 ORDER BY 1 LIMIT " + Finding.MAX_ITEMS)) {
            while (rs.next()) {
                items.add("mosip_master master.user_detail: " + rs.getString(2));
                groups = rs.getLong(3);
            }
        }
        if (groups > 0) {
            out.add(new Finding("USER_ID_CASE_DUPLICATES", name(), Severity.BLOCKING, "active operator ids in master.user_detail that differ only in "
                    + "letter case; supervisor validation breaks after the upgrade", groups, items,
                    "keep one id of each group active: deactivate (is_active = false) or delete the others in V2 and in the identity provider", false));
        }
    }

    /** Keymanager PARTNER keys and IDA's copies must carry the same certificate (latest by expiry per ref_id). */
    private void partnerThumbprints(PreflightContext ctx, Findings out, List<String> skipped) throws SQLException {
        Map<String, String> keymgr = new TreeMap<>();
        Map<String, String> ida = new TreeMap<>();
        withTable(ctx, "mosip_keymgr", "keymgr.key_alias", skipped, c -> keymgr.putAll(latestThumbprints(c, "keymgr", "PARTNER")));
        withTable(ctx, "mosip_ida", "ida.key_alias", skipped, c -> ida.putAll(latestThumbprints(c, "ida", "IDA")));
        List<String> items = new ArrayList<>();
        for (Map.Entry<String, String> e : keymgr.entrySet()) {
            String other = ida.get(e.getKey());
            if (other != null && !normalize(other).equals(normalize(e.getValue()))) {
                items.add(e.getKey() + ": keymgr " + abbreviate(e.getValue()) + " vs ida " + abbreviate(other));
            }
        }
        if (!items.isEmpty()) {
            out.add(Finding.listing("PARTNER_THUMBPRINT_MISMATCH", name(), Severity.BLOCKING, "partner certificates whose thumbprint differs between "
                            + "keymgr.key_alias (app_id PARTNER) and ida.key_alias (app_id IDA), latest by expiry per ref_id", items,
                    "upload the partner's current certificate again through PMS so that IDA receives it, then check both key_alias rows agree"));
        }
    }

    private static Map<String, String> latestThumbprints(Connection c, String schema, String appId) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT ON (ref_id) ref_id, cert_thumbprint FROM " + schema + ".key_alias "
                + "WHERE app_id = ? AND coalesce(ref_id, '') <> '' AND cert_thumbprint IS NOT NULL AND is_deleted IS NOT TRUE "
                + "ORDER BY ref_id, key_expire_dtimes DESC NULLS LAST, key_gen_dtimes DESC NULLS LAST")) {
            ps.setString(1, appId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    /** The latest certificate per (subject, domain) must not be expired (blocking) nor expire within the warning days. */
    private void partnerCertExpiry(Connection c, int warningDays, Findings out) throws SQLException {
        List<String> expired = new ArrayList<>();
        List<String> expiring = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT cert_id, cert_subject, partner_domain, cert_not_after, cert_not_after < localtimestamp FROM "
                     + "(SELECT DISTINCT ON (cert_subject, partner_domain) * FROM keymgr.partner_cert_store WHERE is_deleted IS NOT TRUE "
                     + "ORDER BY cert_subject, partner_domain, cert_not_after DESC NULLS FIRST) latest "
                     + "WHERE cert_not_after < localtimestamp + " + warningDays + " * interval '1 day' ORDER BY cert_not_after")) {
            while (rs.next()) {
                String item = "cert_id " + rs.getString(1) + " (" + rs.getString(2) + ", " + rs.getString(3) + ") not after " + rs.getString(4);
                (rs.getBoolean(5) ? expired : expiring).add(item);
            }
        }
        if (!expired.isEmpty()) {
            out.add(Finding.listing("PARTNER_CERT_EXPIRED", name(), Severity.BLOCKING, "partner certificates in keymgr.partner_cert_store that have "
                    + "expired (latest per subject and domain)", expired, "renew or extend these partners' certificates through PMS before the move"));
        }
        if (!expiring.isEmpty()) {
            out.add(Finding.listing("PARTNER_CERT_EXPIRING", name(), Severity.WARNING, "partner certificates that expire within " + warningDays
                    + " days (keystores.expiryWarningDays)", expiring, "renew them before the move or plan their renewal on V3"));
        }
    }

    private void shareDomain(Connection c, String from, Findings out) throws SQLException {
        List<String> items = new ArrayList<>();
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT id, name, count(*) OVER () FROM pms.auth_policy WHERE is_deleted IS NOT TRUE "
                + "AND policy_file_id ~ ? ORDER BY id LIMIT " + Finding.MAX_ITEMS)) {
            ps.setString(1, "\"shareDomain\"\\s*:\\s*\"" + from.replaceAll("([^A-Za-z0-9])", "\\\\$1") + "\"");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add("pms.auth_policy " + rs.getString(1) + " (" + rs.getString(2) + ")");
                    count = rs.getLong(3);
                }
            }
        }
        if (count > 0) {
            out.add(new Finding("POLICY_SHARE_DOMAIN", name(), Severity.WARNING, "partner policies whose shareDomain is still " + from
                    + " (V3 expects datashare.datashare)", count, items, "mosip-migrate upgrade rewrites them in its pms final step (upgrade.shareDomain, "
                    + "default datashare-service=datashare.datashare); if you set upgrade.shareDomain to leave them, change them in PMS", false));
        }
    }

    private void stuckPackets(Connection c, Findings out) throws SQLException {
        String finals = String.join(", ", FINAL_STATUSES.stream().map(Sql::literal).toList());
        List<String> stuck = new ArrayList<>();
        long stuckCount = 0;
        long inFlight = 0;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, status_code, reg_stage_name, latest_trn_status_code, latest_trn_dtimes, "
                     + "coalesce(latest_trn_dtimes, upd_dtimes, cr_dtimes) < localtimestamp - interval '" + STUCK_AFTER_HOURS + " hours' AS old "
                     + "FROM regprc.registration WHERE status_code NOT IN (" + finals + ") AND is_deleted IS NOT TRUE ORDER BY latest_trn_dtimes NULLS FIRST, id")) {
            while (rs.next()) {
                if (rs.getBoolean(6)) {
                    stuckCount++;
                    if (stuck.size() < Finding.MAX_ITEMS) {
                        stuck.add(rs.getString(1) + ": " + rs.getString(2) + " at " + rs.getString(3) + " (last transaction " + rs.getString(4) + " at "
                                + rs.getString(5) + ")");
                    }
                } else {
                    inFlight++;
                }
            }
        }
        if (stuckCount > 0) {
            out.add(new Finding("PACKETS_STUCK", name(), Severity.BLOCKING, "packets between stages in regprc.registration (not in a final state, "
                    + "no transaction for more than " + STUCK_AFTER_HOURS + " hours)", stuckCount, stuck,
                    "process them before the move (reprocess or resume them in registration processor, or reject them); after the move they are "
                            + "reprocessed from their last stage", false));
        }
        if (inFlight > 0) {
            out.add(new Finding("PACKETS_IN_FLIGHT", name(), Severity.INFO, "packets being processed now (last transaction within "
                    + STUCK_AFTER_HOURS + " hours)", inFlight, List.of(), "stop registration intake and let them finish before the window", false));
        }
    }

    private static String shareDomainFrom(PreflightContext ctx) {
        String rule = ctx.config().upgrade().shareDomain();
        return rule == null || !rule.contains("=") ? "datashare-service" : rule.substring(0, rule.indexOf('='));
    }

    private static String normalize(String thumbprint) {
        return thumbprint.replace(":", "").toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String thumbprint) {
        return thumbprint == null ? "-" : thumbprint.length() > 16 ? thumbprint.substring(0, 16) + ".." : thumbprint;
    }
}
