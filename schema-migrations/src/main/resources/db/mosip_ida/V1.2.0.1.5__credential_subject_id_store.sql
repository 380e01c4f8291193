-- mosip_ida: MOSIP step 1.2.0.1-B5. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = ida;
CREATE TABLE ida.cred_subject_id_store (
    id varchar(36) NOT NULL,
    id_vid_hash varchar(128) NOT NULL,
    token_id varchar(128) NOT NULL,
    cred_subject_id varchar(2000) NOT NULL,
    csid_key_hash varchar(128) NOT NULL,
    oidc_client_id varchar(128),
    csid_status varchar(36),
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.cred_subject_id_store ADD CONSTRAINT key_hash_unique UNIQUE (id_vid_hash, csid_key_hash);
CREATE INDEX IF NOT EXISTS ind_csid_key_hash ON ida.cred_subject_id_store USING btree (csid_key_hash);
INSERT INTO ida.key_policy_def (app_id, key_validity_duration, is_active, cr_by, cr_dtimes, pre_expire_days, access_allowed)
SELECT v.app_id, 1095, true, 'mosipadmin', now(), 60, 'NA'
  FROM (VALUES ('IDA_VCI_EXCHANGE')) AS v(app_id)
 WHERE NOT EXISTS (SELECT 1 FROM ida.key_policy_def k WHERE k.app_id = v.app_id);
