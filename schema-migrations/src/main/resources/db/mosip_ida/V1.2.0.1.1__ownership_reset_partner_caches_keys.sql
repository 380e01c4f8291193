-- mosip_ida: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = ida;
SELECT pg_temp.mm_reset_ownership('ida', 'idauser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
-- The five partner/policy cache tables are re-created empty (IDA fills them again from PMS events).
DROP TABLE IF EXISTS ida.api_key_data;
DROP TABLE IF EXISTS ida.partner_data;
DROP TABLE IF EXISTS ida.partner_mapping;
DROP TABLE IF EXISTS ida.policy_data;
DROP TABLE IF EXISTS ida.misp_license_data;
CREATE TABLE ida.api_key_data (
    api_key_id varchar(36) NOT NULL,
    api_key_commence_on timestamp NOT NULL,
    api_key_expires_on timestamp,
    api_key_status varchar(36) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.api_key_data ADD CONSTRAINT api_key_data_pk PRIMARY KEY (api_key_id);
CREATE INDEX IF NOT EXISTS ind_akd_apkeyid ON ida.api_key_data USING btree (api_key_id);
CREATE TABLE ida.partner_data (
    partner_id varchar(36) NOT NULL,
    partner_name varchar(128) NOT NULL,
    certificate_data bytea,
    partner_status varchar(36) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.partner_data ADD CONSTRAINT partner_data_pk PRIMARY KEY (partner_id);
CREATE INDEX IF NOT EXISTS ind_pd_pid ON ida.partner_data USING btree (partner_id);
CREATE TABLE ida.partner_mapping (
    partner_id varchar(36) NOT NULL,
    policy_id varchar(36) NOT NULL,
    api_key_id varchar(36) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.partner_mapping ADD CONSTRAINT partner_mapping_pk PRIMARY KEY (partner_id, policy_id, api_key_id);
CREATE INDEX IF NOT EXISTS ind_pm_pid ON ida.partner_mapping USING btree (partner_id);
CREATE TABLE ida.policy_data (
    policy_id varchar(36) NOT NULL,
    policy_data bytea NOT NULL,
    policy_name varchar(128) NOT NULL,
    policy_status varchar(36) NOT NULL,
    policy_description varchar(256),
    policy_commence_on timestamp NOT NULL,
    policy_expires_on timestamp,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.policy_data ADD CONSTRAINT policy_data_pk PRIMARY KEY (policy_id);
CREATE INDEX IF NOT EXISTS ind_pl_pid ON ida.policy_data USING btree (policy_id);
CREATE TABLE ida.misp_license_data (
    misp_id varchar(36) NOT NULL,
    license_key varchar(128) NOT NULL,
    misp_commence_on timestamp NOT NULL,
    misp_expires_on timestamp,
    misp_status varchar(36) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.misp_license_data ADD CONSTRAINT misp_license_data_pk PRIMARY KEY (misp_id);
CREATE INDEX IF NOT EXISTS ind_mld_lk ON ida.misp_license_data USING btree (license_key);
CREATE TABLE ida.anonymous_profile (
    id varchar(36) NOT NULL,
    profile varchar NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.anonymous_profile ADD CONSTRAINT pk_profile PRIMARY KEY (id);

ALTER TABLE ida.uin_auth_lock ADD COLUMN unlock_expiry_datetime timestamp;
ALTER TABLE ida.uin_auth_lock ALTER COLUMN is_deleted SET DEFAULT false;
ALTER TABLE ida.identity_cache ADD COLUMN identity_expiry timestamp;

SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT cert_thumbprint, partner_domain, count(*) AS copies, string_agg(cert_id, ',' ORDER BY cert_id) AS cert_ids
       FROM ida.ca_cert_store WHERE cert_thumbprint IS NOT NULL AND partner_domain IS NOT NULL
      GROUP BY cert_thumbprint, partner_domain HAVING count(*) > 1 ORDER BY 1, 2$q$,
  'UNIQUE cert_thumbprint_unique(cert_thumbprint, partner_domain) cannot be added to ida.ca_cert_store: the same CA certificate is stored more than once in a partner domain',
  'keep one row per (cert_thumbprint, partner_domain) in ida.ca_cert_store (delete the other cert_ids listed), then run upgrade again');
ALTER TABLE ida.ca_cert_store ADD CONSTRAINT cert_thumbprint_unique UNIQUE (cert_thumbprint, partner_domain);

ALTER TABLE ida.key_alias ADD COLUMN uni_ident varchar(50);
ALTER TABLE ida.key_alias ADD CONSTRAINT uni_ident_const UNIQUE (uni_ident);
ALTER TABLE ida.key_policy_def ADD COLUMN pre_expire_days smallint;
ALTER TABLE ida.key_policy_def ADD COLUMN access_allowed varchar(1024);
-- fresh 1.2.0.1 keeps ida.key_policy_def_h with the same two columns (MOSIP's chain drops the table in B4; we keep it, see B4)
ALTER TABLE ida.key_policy_def_h ADD COLUMN pre_expire_days smallint;
ALTER TABLE ida.key_policy_def_h ADD COLUMN access_allowed varchar(1024);

UPDATE ida.key_policy_def SET access_allowed = 'NA',
       pre_expire_days = CASE app_id WHEN 'ROOT' THEN 90 WHEN 'BASE' THEN 30 ELSE 60 END
 WHERE app_id IN ('ROOT', 'BASE', 'IDA');
