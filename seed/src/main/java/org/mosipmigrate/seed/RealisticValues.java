package org.mosipmigrate.seed;

import java.util.Map;
import org.mosipmigrate.seed.MosipCatalog.Column;
import org.mosipmigrate.seed.MosipCatalog.Table;

/**
 * The values {@code seed-v2} gives the columns that MOSIP services and the runbook's checks read, instead of the
 * generic catalog-only ones: registration ids in MOSIP's RID format (centre, machine, counter, timestamp) shared by
 * regprc and idrepo, 10-digit UINs and 16-digit VIDs, UIN hashes that agree between idrepo and idmap, packets that
 * finished processing, partner keys whose thumbprints agree between keymanager and IDA, certificates valid until
 * 2031+, partner policies pointing at the V3 datashare domain. A clean seed therefore has none of the problems
 * preflight looks for; {@link PlantedDefects} adds them on purpose.
 *
 * <p>Templates: {@code {r}} is the 1-based row number (parenthesized), {@code {seed}} the seed. Every value is a
 * pure function of both, so the same seed gives the same bytes on any server (PostgreSQL 11+, for sha256()).
 */
public final class RealisticValues implements ValueOverrides {
    /** Registration id: 5-digit centre, 5-digit machine, 5-digit counter, then the packet's creation time (unique per row). */
    static final String RID = "'10001' || lpad((10001 + {r} % 9)::text, 5, '0') || lpad(({r} % 100000)::text, 5, '0') || "
            + "to_char(timestamp '2021-03-01 08:00:00' + {r} * interval '53 seconds', 'YYYYMMDDHH24MISS')";

    private static final String PACKET_TIME = "timestamp '2021-03-01 08:00:00' + {r} * interval '53 seconds'";
    private static final String REJECTED = "{r} % 29 = 0";
    private static final String UIN_HASH = "encode(sha256(convert_to('uin-' || {seed} || '-' || {r}, 'UTF8')), 'hex')";
    private static final String PARTNER_ROW = "{r} % 3 = 0";
    private static final String PARTNER_ID = "'mpartner-default-' || {r}";
    private static final String PARTNER_THUMBPRINT = "encode(sha256(convert_to('partner-cert-' || {seed} || '-' || {r}, 'UTF8')), 'hex')";
    private static final String DOMAIN = "(ARRAY['AUTH', 'DEVICE', 'FTM'])[1 + ({r} % 3)::int]";
    private static final String VALID_FROM = "timestamp '2021-01-01 00:00:00' + {r} * interval '1 day'";
    private static final String VALID_UNTIL = "timestamp '2031-01-01 00:00:00' + {r} * interval '1 day'";

    /** The JSON of a V2 data-share policy, already on the V3 datashare domain. */
    public static final String POLICY_JSON = "{\"dataSharePolicies\":{\"typeOfShare\":\"Data Share\",\"validForInMinutes\":\"30\","
            + "\"transactionsAllowed\":\"2\",\"encryptionType\":\"Partner Based\",\"shareDomain\":\"datashare.datashare\","
            + "\"source\":\"ID Repository\"},\"shareableAttributes\":[{\"attributeName\":\"fullName\",\"source\":[{\"attribute\":\"fullName\"}],"
            + "\"encrypted\":false}]}";

    private static final Map<String, String> TEMPLATES = Map.ofEntries(
            // regprc: every packet went through to printing (or was rejected by manual verification)
            Map.entry("mosip_regprc.registration.id", RID),
            Map.entry("mosip_regprc.registration.reg_type", "(ARRAY['NEW', 'NEW', 'NEW', 'NEW', 'NEW', 'UPDATE', 'LOST', 'RES_UPDATE'])[1 + ({r} % 8)::int]"),
            Map.entry("mosip_regprc.registration.status_code", "CASE WHEN " + REJECTED + " THEN 'REJECTED' ELSE 'PROCESSED' END"),
            Map.entry("mosip_regprc.registration.latest_trn_status_code", "CASE WHEN " + REJECTED + " THEN 'REJECTED' ELSE 'SUCCESS' END"),
            Map.entry("mosip_regprc.registration.latest_trn_type_code", "CASE WHEN " + REJECTED + " THEN 'MANUAL_VARIFICATION' ELSE 'PRINT_SERVICE' END"),
            Map.entry("mosip_regprc.registration.reg_stage_name", "CASE WHEN " + REJECTED + " THEN 'ManualVerificationStage' ELSE 'PrintingStage' END"),
            Map.entry("mosip_regprc.registration.pkt_cr_dtimes", PACKET_TIME),
            Map.entry("mosip_regprc.registration.latest_trn_dtimes", PACKET_TIME + " + interval '3 hours'"),
            // identities: resident r has UIN hash r in idrepo and its two VIDs in idmap; idrepo.uin.reg_id is resident r's RID
            Map.entry("mosip_idrepo.uin.uin_hash", UIN_HASH),
            Map.entry("mosip_idrepo.uin.reg_id", RID),
            Map.entry("mosip_idrepo.uin.status_code", "'ACTIVATED'"),
            Map.entry("mosip_idmap.vid.vid", "(5100000000000000 + {r}::bigint * 59)::text"),
            Map.entry("mosip_idmap.vid.uin_hash", UIN_HASH.replace("{r}", "(({r} - 1) / 2 + 1)")),
            Map.entry("mosip_idmap.vid.vidtyp_code", "CASE WHEN {r} % 2 = 0 THEN 'PERPETUAL' ELSE 'TEMPORARY' END"),
            Map.entry("mosip_idmap.vid.status_code", "'ACTIVE'"),
            Map.entry("mosip_kernel.uin.uin", "(1000000000 + {r}::bigint * 37)::text"),
            Map.entry("mosip_kernel.uin.uin_status", "'ASSIGNED'"),
            Map.entry("mosip_kernel.vid.vid", "(5000000000000000 + {r}::bigint * 53)::text"),
            Map.entry("mosip_kernel.vid.vid_status", "'ASSIGNED'"),
            Map.entry("mosip_credential.credential_transaction.status_code", "CASE WHEN {r} % 31 = 0 THEN 'FAILED' ELSE 'ISSUED' END"),
            Map.entry("mosip_audit.app_audit_log.app_name",
                    "(ARRAY['REGISTRATION_PROCESSOR', 'ID_REPOSITORY', 'ID_AUTHENTICATION', 'KERNEL', 'PRE_REGISTRATION'])[1 + ({r} % 5)::int]"),
            Map.entry("mosip_audit.app_audit_log.host_ip", "'10.' || ({r} % 7) || '.' || ({r} % 251) || '.' || ({r} % 13 + 1)"),
            // master: operators with lower-case ids; identity schemas have their UI attributes (master B1 builds ui_spec from them)
            Map.entry("mosip_master.user_detail.id", "'operator.' || lpad({r}::text, 6, '0')"),
            Map.entry("mosip_master.user_detail.status_code", "'ACT'"),
            Map.entry("mosip_master.identity_schema.id_attr_json", "'[{\"id\":\"fullName\",\"type\":\"simpleType\",\"required\":true}]'"),
            Map.entry("mosip_master.identity_schema.id_version", "{r} % 5 + 1"),
            // keys: keymanager's PARTNER keys and IDA's copies of the same partner certificates (same ref_id, same thumbprint)
            Map.entry("mosip_keymgr.key_alias.id", "md5('keymgr-key-' || {seed} || '-' || {r})::uuid::text"),
            Map.entry("mosip_keymgr.key_alias.app_id", "CASE WHEN " + PARTNER_ROW + " THEN 'PARTNER' ELSE (ARRAY['ROOT', 'KERNEL'])[1 + ({r} % 2)::int] END"),
            Map.entry("mosip_keymgr.key_alias.ref_id", "CASE WHEN " + PARTNER_ROW + " THEN " + PARTNER_ID + " ELSE '' END"),
            Map.entry("mosip_keymgr.key_alias.cert_thumbprint", PARTNER_THUMBPRINT),
            Map.entry("mosip_keymgr.key_alias.key_gen_dtimes", VALID_FROM),
            Map.entry("mosip_keymgr.key_alias.key_expire_dtimes", VALID_UNTIL),
            Map.entry("mosip_ida.key_alias.id", "md5('ida-key-' || {seed} || '-' || {r})::uuid::text"),
            Map.entry("mosip_ida.key_alias.app_id", "CASE WHEN " + PARTNER_ROW + " THEN 'IDA' ELSE (ARRAY['ROOT', 'IDA'])[1 + ({r} % 2)::int] END"),
            Map.entry("mosip_ida.key_alias.ref_id", "CASE WHEN " + PARTNER_ROW + " THEN " + PARTNER_ID + " ELSE '' END"),
            Map.entry("mosip_ida.key_alias.cert_thumbprint", PARTNER_THUMBPRINT),
            Map.entry("mosip_ida.key_alias.key_gen_dtimes", VALID_FROM),
            Map.entry("mosip_ida.key_alias.key_expire_dtimes", VALID_UNTIL),
            // certificates: distinct thumbprints per partner domain, valid until 2031 and later
            Map.entry("mosip_keymgr.partner_cert_store.cert_thumbprint", PARTNER_THUMBPRINT),
            Map.entry("mosip_keymgr.partner_cert_store.partner_domain", DOMAIN),
            Map.entry("mosip_keymgr.partner_cert_store.cert_subject", "'CN=' || " + PARTNER_ID + " || ',O=Partner Org ' || {r} || ',C=MO'"),
            Map.entry("mosip_keymgr.partner_cert_store.organization_name", "'Partner Org ' || {r}"),
            Map.entry("mosip_keymgr.partner_cert_store.cert_not_before", VALID_FROM),
            Map.entry("mosip_keymgr.partner_cert_store.cert_not_after", VALID_UNTIL),
            Map.entry("mosip_keymgr.ca_cert_store.cert_thumbprint", "encode(sha256(convert_to('keymgr-ca-' || {seed} || '-' || {r}, 'UTF8')), 'hex')"),
            Map.entry("mosip_keymgr.ca_cert_store.partner_domain", DOMAIN),
            Map.entry("mosip_keymgr.ca_cert_store.cert_not_before", VALID_FROM),
            Map.entry("mosip_keymgr.ca_cert_store.cert_not_after", VALID_UNTIL),
            Map.entry("mosip_ida.ca_cert_store.cert_thumbprint", "encode(sha256(convert_to('ida-ca-' || {seed} || '-' || {r}, 'UTF8')), 'hex')"),
            Map.entry("mosip_ida.ca_cert_store.partner_domain", DOMAIN),
            Map.entry("mosip_ida.ca_cert_store.cert_not_before", VALID_FROM),
            Map.entry("mosip_ida.ca_cert_store.cert_not_after", VALID_UNTIL),
            // partner policies already on the V3 datashare domain
            Map.entry("mosip_pms.auth_policy.policy_file_id", "'" + POLICY_JSON.replace("'", "''") + "'"),
            Map.entry("mosip_pms.auth_policy.policy_type", "CASE WHEN {r} % 2 = 0 THEN 'DataShare' ELSE 'Auth' END"));

    @Override
    public String expression(Table t, Column c, String row, long seed) {
        String template = TEMPLATES.get(t.db() + "." + t.name() + "." + c.name());
        return template == null ? null : "(" + template.replace("{r}", "(" + row + ")").replace("{seed}", "(" + seed + ")") + ")";
    }
}
