-- mosip_keymgr: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = keymgr;
SELECT pg_temp.mm_reset_ownership('keymgr', 'keymgruser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
-- Sites deployed from the keymanager repository's 1.1.5.5 DDL lack key_alias.cert_thumbprint (commons 1.1.5.5 has it,
-- 1.2.0.1 needs it, MOSIP's chain never adds it): add it when absent, so both V2 variants end equal to 1.2.0.1.
ALTER TABLE keymgr.key_alias ADD COLUMN IF NOT EXISTS cert_thumbprint varchar(100);

SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT cert_thumbprint, partner_domain, count(*) AS copies, string_agg(cert_id, ',' ORDER BY cert_id) AS cert_ids
       FROM keymgr.ca_cert_store WHERE cert_thumbprint IS NOT NULL AND partner_domain IS NOT NULL
      GROUP BY cert_thumbprint, partner_domain HAVING count(*) > 1 ORDER BY 1, 2$q$,
  'UNIQUE cert_thumbprint_unique(cert_thumbprint, partner_domain) cannot be added to keymgr.ca_cert_store: the same CA certificate is stored more than once in a partner domain',
  'keep one row per (cert_thumbprint, partner_domain) in keymgr.ca_cert_store (delete the other cert_ids listed, after checking no key refers to them), then run upgrade again');
ALTER TABLE keymgr.ca_cert_store ADD CONSTRAINT cert_thumbprint_unique UNIQUE (cert_thumbprint, partner_domain);

ALTER TABLE keymgr.key_alias ADD COLUMN uni_ident varchar(50);
ALTER TABLE keymgr.key_alias ADD CONSTRAINT uni_ident_const UNIQUE (uni_ident);

ALTER TABLE keymgr.key_policy_def ADD COLUMN pre_expire_days smallint;
ALTER TABLE keymgr.key_policy_def ADD COLUMN access_allowed varchar(1024);

INSERT INTO keymgr.key_policy_def (app_id, key_validity_duration, is_active, cr_by, cr_dtimes, pre_expire_days, access_allowed)
SELECT v.app_id, 1095, true, 'mosipadmin', now(), 60, 'NA'
  FROM (VALUES ('ADMIN_SERVICES'), ('RESIDENT'), ('COMPLIANCE_TOOLKIT')) AS v(app_id)
 WHERE NOT EXISTS (SELECT 1 FROM keymgr.key_policy_def k WHERE k.app_id = v.app_id);

UPDATE keymgr.key_policy_def
   SET access_allowed = 'NA',
       pre_expire_days = CASE app_id WHEN 'ROOT' THEN 1125 WHEN 'BASE' THEN 30 WHEN 'PMS' THEN 395 ELSE 60 END
 WHERE app_id IN ('PRE_REGISTRATION', 'REGISTRATION', 'REGISTRATION_PROCESSOR', 'ID_REPO', 'KERNEL', 'ADMIN_SERVICES', 'RESIDENT',
                  'COMPLIANCE_TOOLKIT', 'DIGITAL_CARD', 'ROOT', 'BASE', 'PMS');

-- key policies IDA, DATASHARE and CREDENTIAL_SERVICE move out of the key manager in 1.2.0.1
DELETE FROM keymgr.key_policy_def WHERE app_id IN ('IDA', 'DATASHARE', 'CREDENTIAL_SERVICE');
