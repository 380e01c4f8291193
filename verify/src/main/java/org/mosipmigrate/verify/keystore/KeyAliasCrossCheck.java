package org.mosipmigrate.verify.keystore;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.set.KeystoreObject;

/**
 * {@code verify --only keystores --cross-check-db}: the entries of a restored keymanager keystore against the rows
 * of {@code <schema>.key_alias} in the target database. Matching rule (keymanager stores a key under a random UUID
 * that is both the keystore label/alias and {@code key_alias.id}):
 * <ul>
 *   <li>the keystore's objects are those verify lists (every PKCS#11 object of a token: private, public and secret
 *       keys and certificates, with or without a certificate beside a key pair); objects under one alias (a private key,
 *       its public key and its certificate) count once, and match the row whose {@code key_alias.id} equals the alias
 *       (case-insensitive). The alias is the label; an unlabelled object (SunPKCS11 gives a private key only a CKA_ID)
 *       takes the label of an object with the same id, else its id as text;</li>
 *   <li>rows with {@code is_deleted = true} are ignored; rows whose id is also in {@code <schema>.key_store} are
 *       keys keymanager keeps (encrypted) in the database, not in the keystore, and are not expected in it;</li>
 *   <li>a matched label with a {@code cert_thumbprint} but no certificate object in the keystore: a difference;</li>
 *   <li>for a matched label with a {@code cert_thumbprint} of 64 hex digits (SHA-256, colons and case ignored) that
 *       differs from the SHA-256 thumbprint of the certificate under that label: a difference; a thumbprint of another length
 *       (e.g. SHA-1) is not compared (note);</li>
 *   <li>a remaining row is "in key_alias only" (its key is gone), a remaining entry "in the keystore only"; both are
 *       differences, listed with app_id/ref_id or the entry's subject.</li>
 * </ul>
 */
public final class KeyAliasCrossCheck {
    public record AliasRow(String id, String appId, String refId, String certThumbprint) {
    }

    private KeyAliasCrossCheck() {
    }

    /**
     * The keymanager alias of an object: its label; for an unlabelled object (SunPKCS11 stores a private key with only a
     * CKA_ID) the label of another object with the same id, else the id as text.
     */
    static String alias(KeystoreObject e, Map<String, String> aliasOfId) {
        if (e.label() != null && !e.label().isEmpty()) {
            return e.label();
        }
        String byId = e.id() == null ? null : aliasOfId.get(e.token() + "/" + e.id());
        if (byId != null) {
            return byId;
        }
        return e.idText() != null ? e.idText() : e.id() == null ? "" : e.id();
    }

    /** Reads the rows the keystore should hold. */
    public static List<AliasRow> expectedRows(Connection c, String schema, String where) {
        try (var st = c.createStatement()) {
            Set<String> inDb = new HashSet<>();
            boolean keyStore;
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + schema + ".key_store') IS NOT NULL")) {
                rs.next();
                keyStore = rs.getBoolean(1);
            }
            if (keyStore) {
                try (ResultSet rs = st.executeQuery("SELECT id FROM " + schema + ".key_store")) {
                    while (rs.next()) {
                        inDb.add(rs.getString(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
            List<AliasRow> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT id, app_id, ref_id, cert_thumbprint FROM " + schema
                    + ".key_alias WHERE is_deleted IS NOT TRUE ORDER BY app_id, ref_id, id")) {
                while (rs.next()) {
                    if (!inDb.contains(rs.getString(1).toLowerCase(Locale.ROOT))) {
                        out.add(new AliasRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return out;
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, where + ": cannot read " + schema + ".key_alias: " + e.getMessage(),
                    "check the target keymanager database was restored and the user may read it", e);
        }
    }

    /** Adds one finding per key present on one side only or with a different certificate. */
    public static void compare(String label, List<KeystoreObject> objects, List<AliasRow> rows, List<String> findings, List<String> notes) {
        // one entry per alias: the object that carries a certificate thumbprint wins, else the first (private key first)
        Map<String, String> aliasOfId = new HashMap<>();
        for (KeystoreObject e : objects) {
            if (e.id() != null && e.label() != null && !e.label().isEmpty()) {
                aliasOfId.putIfAbsent(e.token() + "/" + e.id(), e.label());
            }
        }
        Map<String, KeystoreObject> entries = new LinkedHashMap<>();
        for (KeystoreObject e : objects) {
            String alias = alias(e, aliasOfId).toLowerCase(Locale.ROOT);
            KeystoreObject prev = entries.get(alias);
            if (prev == null || prev.certSha256() == null && e.certSha256() != null) {
                entries.put(alias, e);
            }
        }
        int matched = 0;
        int notCompared = 0;
        for (AliasRow r : rows) {
            KeystoreObject e = entries.remove(r.id().toLowerCase(Locale.ROOT));
            String who = "key_alias " + r.id() + " (app_id " + r.appId() + ", ref_id " + (r.refId() == null || r.refId().isEmpty() ? "-" : r.refId()) + ")";
            if (e == null) {
                findings.add(label + ": " + who + " is in key_alias only: the keystore has no entry with that label");
                continue;
            }
            matched++;
            String tp = r.certThumbprint() == null ? "" : r.certThumbprint().replace(":", "").toLowerCase(Locale.ROOT);
            if (tp.isEmpty()) {
                continue;
            }
            if (e.certSha256() == null) {
                findings.add(label + ": " + who + " has cert_thumbprint " + (tp.length() > 16 ? tp.substring(0, 16) + ".." : tp)
                        + ", but the keystore holds no certificate under that label (only " + e.describe() + ")");
                continue;
            }
            if (tp.length() != 64) {
                notCompared++;
            } else if (!tp.equals(e.certSha256().toLowerCase(Locale.ROOT))) {
                findings.add(label + ": " + who + ": cert_thumbprint " + tp.substring(0, 16) + ".. differs from the keystore certificate's "
                        + e.certSha256().substring(0, 16) + "..");
            }
        }
        for (KeystoreObject e : entries.values()) {
            findings.add(label + ": " + e.key() + " (" + e.describe() + ") is in the keystore only: no key_alias row");
        }
        int aliases = matched + entries.size();
        notes.add(label + ": cross-checked with key_alias: " + matched + " matched, " + rows.size() + " row(s) expected in the keystore, "
                + aliases + " alias(es) over " + objects.size() + " keystore object(s)"
                + (notCompared == 0 ? "" : ", " + notCompared + " cert_thumbprint(s) not SHA-256 (not compared)"));
    }
}
