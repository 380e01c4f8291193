-- mosip_ida: MOSIP step 1.2.0.1-B6. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = ida;
ALTER TABLE ida.credential_event_store ALTER COLUMN credential_transaction_id TYPE varchar(64);
DROP INDEX IF EXISTS ida.ind_otphsh;
CREATE INDEX IF NOT EXISTS ind_refid ON ida.otp_transaction USING btree (ref_id, status_code);
