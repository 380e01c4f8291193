package org.mosipmigrate.schema;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Duplicate {@code (cert_thumbprint, partner_domain)} rows in {@code ca_cert_store} of mosip_keymgr and mosip_ida:
 * keymgr B1 and ida B1 add a UNIQUE constraint on these columns and fail on them (the runbook: back them up, keep one).
 *
 * <p>A row is <em>removable</em> when another row of the same group holds the same certificate (same data, subject,
 * issuer, issuer_id, validity, serial, CRL URI and deleted flag; only cert_id and the audit columns differ), it is not the
 * one kept (earliest cr_dtimes, then smallest cert_id), and no certificate names it as its issuer ({@code issuer_id} in
 * ca_cert_store, or partner_cert_store in keymgr). Removing such rows loses nothing: {@link #remove} saves them first.
 * Any other duplicate needs a person to decide.
 */
public final class CaCertDuplicates {
    /** One duplicate group: the pair and every cert_id holding it. */
    public record Group(String thumbprint, String partnerDomain, List<String> certIds) {
    }

    /** What {@link #remove} did in one database. */
    public record Removed(String db, String table, List<String> certIds, SavedRows.SavedFile saved) {
    }

    private static final String SAME_CERTIFICATE = "cert_thumbprint, partner_domain, cert_data, cert_subject, cert_issuer, issuer_id, "
            + "cert_not_before, cert_not_after, cert_serial_no, crl_uri, is_deleted";

    private CaCertDuplicates() {
    }

    /** Schema of the table in a database: keymgr or ida. */
    public static String schemaOf(String db) {
        return switch (db) {
            case "mosip_keymgr" -> "keymgr";
            case "mosip_ida" -> "ida";
            default -> throw new IllegalArgumentException(db + " has no ca_cert_store the upgrade constrains");
        };
    }

    /** Every duplicate group, ordered by thumbprint and domain (NULLs never collide under a UNIQUE constraint). */
    public static List<Group> groups(Connection c, String schema) throws SQLException {
        List<Group> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT cert_thumbprint, partner_domain, array_agg(cert_id ORDER BY cert_id) FROM " + schema
                     + ".ca_cert_store WHERE cert_thumbprint IS NOT NULL AND partner_domain IS NOT NULL GROUP BY 1, 2 HAVING count(*) > 1 ORDER BY 1, 2")) {
            while (rs.next()) {
                out.add(new Group(rs.getString(1), rs.getString(2), List.of((String[]) rs.getArray(3).getArray())));
            }
        }
        return out;
    }

    /** cert_ids {@link #remove} would delete (see the class comment), ordered. */
    public static List<String> removable(Connection c, String schema) throws SQLException {
        String issuers = "SELECT issuer_id FROM " + schema + ".ca_cert_store WHERE issuer_id IS NOT NULL"
                + (schema.equals("keymgr") ? " UNION SELECT issuer_id FROM keymgr.partner_cert_store WHERE issuer_id IS NOT NULL" : "");
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT cert_id FROM (SELECT cert_id, row_number() OVER (PARTITION BY " + SAME_CERTIFICATE
                     + " ORDER BY cr_dtimes NULLS LAST, cert_id) AS copy FROM " + schema + ".ca_cert_store "
                     + "WHERE cert_thumbprint IS NOT NULL AND partner_domain IS NOT NULL) d WHERE copy > 1 AND cert_id NOT IN (" + issuers + ") ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Called with what is about to be deleted, after the rows are saved and before the deletion commits (e.g. to record it). */
    @FunctionalInterface
    public interface BeforeCommit {
        void saved(Removed removed) throws Exception;
    }

    /**
     * Saves, then deletes the removable rows of {@code db}'s ca_cert_store, in one transaction under a lock that keeps
     * writers out, so the deleted rows are exactly the saved ones. {@code dir} is the fix directory (files go to
     * {@code dir/<db>/}). Returns null when nothing is removable.
     */
    public static Removed remove(Connection c, String db, Path dir, BackupKey key, int level, BeforeCommit beforeCommit) {
        String schema = schemaOf(db);
        String table = schema + ".ca_cert_store";
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("LOCK TABLE " + table + " IN SHARE ROW EXCLUSIVE MODE");
            }
            List<String> ids = removable(c, schema);
            if (ids.isEmpty()) {
                c.rollback();
                return null;
            }
            String list = String.join(", ", ids.stream().map(org.mosipmigrate.core.pg.Sql::literal).toList());
            SavedRows.SavedFile saved = SavedRows.copyOut(c, "COPY (SELECT * FROM " + table + " WHERE cert_id IN (" + list + ") ORDER BY cert_id) TO STDOUT",
                    dir, dir.resolve(db).resolve(SavedRows.fileName(schema, "ca_cert_store", key)), db, schema, "ca_cert_store", key, level);
            int deleted;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE cert_id = ANY (?)")) {
                Array a = c.createArrayOf("varchar", ids.toArray());
                ps.setArray(1, a);
                deleted = ps.executeUpdate();
            }
            if (deleted != ids.size() || saved.rows() != ids.size()) {
                c.rollback();
                throw new MigrateException(ErrorCode.RUNTIME, db + ": " + table + ": saved " + saved.rows() + " and would delete " + deleted
                        + " rows for " + ids.size() + " duplicates; nothing was deleted", "run preflight again; report this if it repeats");
            }
            Removed removed = new Removed(db, table, ids, saved);
            beforeCommit.saved(removed);
            c.commit();
            return removed;
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the connection is closed by the caller; the transaction did not commit
            }
            throw new MigrateException(ErrorCode.RUNTIME, db + ": removing duplicate rows of " + table + " failed, nothing was deleted: " + e.getMessage(),
                    "fix the cause and run preflight --fix again", e);
        }
    }
}
