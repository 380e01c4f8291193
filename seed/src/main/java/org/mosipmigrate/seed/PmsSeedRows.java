package org.mosipmigrate.seed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.mosipmigrate.core.pg.Sql;

/**
 * The PMS rows every V2 (1.1.5.5) site has from MOSIP's seed data and that the pms upgrade step relies on: partner
 * type {@code Credential_Partner}, the default policy group, partners {@code mpartner-default-print}/{@code -auth} and
 * policies {@code mpolicy-default-qrcode/-euin/-reprint/-auth}. Written from docs/upgrade-steps facts; fixed
 * timestamps keep them deterministic.
 */
public final class PmsSeedRows {
    private PmsSeedRows() {
    }

    /** The statements, with {@code shareDomain} as the policies' datashare domain. */
    public static List<String> sql(String shareDomain) {
        String policy = "{\"dataSharePolicies\":{\"shareDomain\":\"" + shareDomain + "\",\"encryptionType\":\"none\"}}";
        return List.of(
                "INSERT INTO pms.partner_type (code, partner_description, is_active, is_policy_required, cr_by, cr_dtimes) "
                        + "VALUES ('Credential_Partner', 'Credential partner', true, true, 'seed', timestamp '2021-01-01 00:00:00') ON CONFLICT DO NOTHING",
                "INSERT INTO pms.policy_group (id, name, descr, user_id, is_active, cr_by, cr_dtimes) "
                        + "VALUES ('mpolicygroup-default', 'default', 'default', 'seed', true, 'seed', timestamp '2021-01-01 00:00:00') ON CONFLICT DO NOTHING",
                "INSERT INTO pms.partner (id, policy_group_id, name, address, contact_no, email_id, certificate_alias, user_id, partner_type_code, "
                        + "approval_status, is_active, cr_by, cr_dtimes) SELECT p, 'mpolicygroup-default', p, 'addr', '1', p || '@x', null, p, "
                        + "'Credential_Partner', 'approved', true, 'seed', timestamp '2021-01-01 00:00:00' "
                        + "FROM unnest(ARRAY['mpartner-default-print','mpartner-default-auth']) p ON CONFLICT DO NOTHING",
                "INSERT INTO pms.auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date, "
                        + "valid_to_date, is_active, cr_by, cr_dtimes) SELECT p, 'mpolicygroup-default', p, p, " + Sql.literal(policy) + ", 'DataShare', '1.0', 'x', "
                        + "timestamp '2021-01-01 00:00:00', timestamp '2031-01-01 00:00:00', true, 'seed', timestamp '2021-01-01 00:00:00' "
                        + "FROM unnest(ARRAY['mpolicy-default-qrcode','mpolicy-default-euin','mpolicy-default-reprint','mpolicy-default-auth']) p "
                        + "ON CONFLICT DO NOTHING");
    }

    public static void load(Connection c, String shareDomain) throws SQLException {
        try (Statement st = c.createStatement()) {
            for (String s : sql(shareDomain)) {
                st.execute(s);
            }
        }
    }
}
