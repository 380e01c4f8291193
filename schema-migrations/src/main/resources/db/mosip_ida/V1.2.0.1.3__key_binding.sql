-- mosip_ida: MOSIP step 1.2.0.1-B3. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = ida;
ALTER TABLE ida.kyc_token_store ADD COLUMN request_trn_id varchar(64);
CREATE TABLE ida.ident_binding_cert_store (
    cert_id varchar(36) NOT NULL,
    id_vid_hash varchar(256) NOT NULL,
    token_id varchar(128) NOT NULL,
    certificate_data varchar NOT NULL,
    public_key_hash varchar(1024) NOT NULL,
    cert_thumbprint varchar(100) NOT NULL,
    partner_name varchar(128) NOT NULL,
    auth_factor varchar(100) NOT NULL,
    cert_expire timestamp NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.ident_binding_cert_store ADD CONSTRAINT uni_public_key_hash_const UNIQUE (public_key_hash);
-- MOSIP inserts these unconditionally (fails when re-run); ours skips existing app ids
INSERT INTO ida.key_policy_def (app_id, key_validity_duration, is_active, cr_by, cr_dtimes, pre_expire_days, access_allowed)
SELECT v.app_id, 1095, true, 'mosipadmin', now(), 60, 'NA'
  FROM (VALUES ('IDA_KYC_EXCHANGE'), ('IDA_KEY_BINDING')) AS v(app_id)
 WHERE NOT EXISTS (SELECT 1 FROM ida.key_policy_def k WHERE k.app_id = v.app_id);
