package org.mosipmigrate.schema;

import org.mosipmigrate.testkit.PgServer;

/** The V2 PMS seed rows every 1.1.5.5 site has (MOSIP's pms B1 depends on them). Written from upgrade-steps.md. */
final class PmsSeed {
    private PmsSeed() {
    }

    static void load(PgServer s) throws Exception {
        s.execute("mosip_pms", "SET search_path = pms",
                "INSERT INTO partner_type (code, partner_description, is_active, is_policy_required, cr_by, cr_dtimes) "
                        + "VALUES ('Credential_Partner', 'Credential partner', true, true, 'seed', now()) ON CONFLICT DO NOTHING",
                "INSERT INTO policy_group (id, name, descr, user_id, is_active, cr_by, cr_dtimes) "
                        + "VALUES ('mpolicygroup-default', 'default', 'default', 'seed', true, 'seed', now()) ON CONFLICT DO NOTHING",
                "INSERT INTO partner (id, policy_group_id, name, address, contact_no, email_id, certificate_alias, user_id, partner_type_code, "
                        + "approval_status, is_active, cr_by, cr_dtimes) SELECT p, 'mpolicygroup-default', p, 'addr', '1', p || '@x', null, p, "
                        + "'Credential_Partner', 'approved', true, 'seed', now() FROM unnest(ARRAY['mpartner-default-print','mpartner-default-auth']) p "
                        + "ON CONFLICT DO NOTHING",
                "INSERT INTO auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date, "
                        + "valid_to_date, is_active, cr_by, cr_dtimes) SELECT p, 'mpolicygroup-default', p, p, "
                        + "'{\"dataSharePolicies\":{\"shareDomain\":\"datashare-service\",\"encryptionType\":\"none\"}}', 'DataShare', '1.0', 'x', "
                        + "now(), now() + interval '10 years', true, 'seed', now() FROM unnest(ARRAY['mpolicy-default-qrcode','mpolicy-default-euin',"
                        + "'mpolicy-default-reprint','mpolicy-default-auth']) p ON CONFLICT DO NOTHING");
    }
}
