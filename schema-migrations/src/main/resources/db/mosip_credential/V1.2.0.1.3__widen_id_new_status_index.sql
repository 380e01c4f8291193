-- mosip_credential: MOSIP step 1.2.0.1-B3. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = credential;
-- MOSIP runs this step connected as sysadmin; we run it as the migrating superuser, so nothing ends owned by sysadmin.
ALTER TABLE credential.credential_transaction ALTER COLUMN id TYPE varchar(64);
CREATE INDEX IF NOT EXISTS cred_tran_new_status_cr_dtimes ON credential.credential_transaction USING btree (cr_dtimes)
    WHERE status_code::text = 'NEW'::text;
