-- mosip_regprc: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = regprc;
SELECT pg_temp.mm_reset_ownership('regprc', 'regprcuser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
-- Data preconditions, checked before anything changes (the step is one transaction either way).
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT r.id AS reg_id, r.reg_type, r.latest_trn_type_code, r.cr_dtimes FROM regprc.registration r
      WHERE NOT EXISTS (SELECT 1 FROM regprc.registration_list l WHERE l.reg_id = r.id) ORDER BY r.id$q$,
  'regprc.registration rows without a registration_list row for their reg_id: 1.2.0.1 keys registration by the workflow_instance_id taken from registration_list',
  'for each listed reg_id, restore its regprc.registration_list row from the V2 source (or, if the packet was never synced, delete the registration and its child rows after checking with the registration processor team), then run upgrade again');
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT x.reg_id, count(*) AS rows FROM regprc.individual_demographic_dedup x
      WHERE NOT EXISTS (SELECT 1 FROM regprc.registration_list l WHERE l.reg_id = x.reg_id) GROUP BY x.reg_id ORDER BY x.reg_id$q$,
  'regprc.individual_demographic_dedup rows whose reg_id has no registration_list row (their new key workflow_instance_id would be NULL)',
  'restore the registration_list rows of the listed reg_ids from the V2 source, or delete the orphan rows, then run upgrade again');
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT x.reg_id, count(*) AS rows FROM regprc.reg_manual_verification x
      WHERE NOT EXISTS (SELECT 1 FROM regprc.registration_list l WHERE l.reg_id = x.reg_id) GROUP BY x.reg_id ORDER BY x.reg_id$q$,
  'regprc.reg_manual_verification rows whose reg_id has no registration_list row (their new key workflow_instance_id would be NULL)',
  'restore the registration_list rows of the listed reg_ids from the V2 source, or delete the orphan rows, then run upgrade again');
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT x.reg_id, count(*) AS rows FROM regprc.reg_lost_uin_det x
      WHERE NOT EXISTS (SELECT 1 FROM regprc.registration_list l WHERE l.reg_id = x.reg_id) GROUP BY x.reg_id ORDER BY x.reg_id$q$,
  'regprc.reg_lost_uin_det rows whose reg_id has no registration_list row (their new key workflow_instance_id would be NULL)',
  'restore the registration_list rows of the listed reg_ids from the V2 source, or delete the orphan rows, then run upgrade again');
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT x.reg_id, count(*) AS rows FROM regprc.reg_bio_ref x
      WHERE NOT EXISTS (SELECT 1 FROM regprc.registration_list l WHERE l.reg_id = x.reg_id) GROUP BY x.reg_id ORDER BY x.reg_id$q$,
  'regprc.reg_bio_ref rows whose reg_id has no registration_list row (their new key workflow_instance_id would be NULL)',
  'restore the registration_list rows of the listed reg_ids from the V2 source, or delete the orphan rows, then run upgrade again');

ALTER TABLE regprc.individual_demographic_dedup DROP CONSTRAINT IF EXISTS fk_idemogd_reg;
ALTER TABLE regprc.reg_manual_verification DROP CONSTRAINT IF EXISTS fk_rmnlver_reg;
ALTER TABLE regprc.reg_bio_ref DROP CONSTRAINT IF EXISTS fk_regbrf_reg;
ALTER TABLE regprc.reg_bio_ref DROP CONSTRAINT IF EXISTS fk_regref_reg;
ALTER TABLE regprc.reg_lost_uin_det DROP CONSTRAINT IF EXISTS fk_rlostd_reg;
ALTER TABLE regprc.registration_transaction DROP CONSTRAINT IF EXISTS fk_regtrn_reg;

CREATE TABLE regprc.additional_info_request (
    additional_info_process varchar(64),
    reg_id varchar(39),
    workflow_instance_id varchar(36) NOT NULL,
    "timestamp" timestamp,
    additional_info_iteration integer,
    additional_info_req_id varchar(256) NOT NULL
);
ALTER TABLE regprc.additional_info_request ADD CONSTRAINT pk_addl_info_req PRIMARY KEY (workflow_instance_id, additional_info_req_id);
CREATE TABLE regprc.anonymous_profile (
    id varchar(39) NOT NULL,
    process_stage varchar(36) NOT NULL,
    profile varchar NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE regprc.anonymous_profile ADD CONSTRAINT pk_anonymous_id PRIMARY KEY (id);
CREATE TABLE regprc.reg_verification (
    workflow_instance_id varchar(36) NOT NULL,
    reg_id varchar(39) NOT NULL,
    verification_req_id varchar(39) NOT NULL,
    matched_type varchar(36),
    verification_usr_id varchar(256),
    response_text varchar(512),
    status_code varchar(36),
    reason_code varchar(36),
    status_comment varchar(256),
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean,
    del_dtimes timestamp
);
ALTER TABLE regprc.reg_verification ADD CONSTRAINT pk_reg_ver_id PRIMARY KEY (workflow_instance_id);

ALTER TABLE regprc.registration_list RENAME COLUMN id TO workflow_instance_id;
ALTER TABLE regprc.registration_list RENAME COLUMN reg_type TO process;
ALTER TABLE regprc.registration RENAME COLUMN id TO reg_id;
ALTER TABLE regprc.registration RENAME COLUMN reg_type TO process;

ALTER TABLE regprc.registration_list ADD COLUMN additional_info_req_id varchar(256), ADD COLUMN packet_id varchar,
    ADD COLUMN source varchar, ADD COLUMN ref_id varchar(512);
ALTER TABLE regprc.registration ADD COLUMN workflow_instance_id varchar(36), ADD COLUMN source varchar, ADD COLUMN iteration integer DEFAULT 1;
ALTER TABLE regprc.individual_demographic_dedup ADD COLUMN workflow_instance_id varchar(36), ADD COLUMN process varchar(36),
    ADD COLUMN iteration integer DEFAULT 1;
ALTER TABLE regprc.reg_manual_verification ADD COLUMN workflow_instance_id varchar(36);
ALTER TABLE regprc.reg_lost_uin_det ADD COLUMN workflow_instance_id varchar(36);
ALTER TABLE regprc.reg_bio_ref ADD COLUMN workflow_instance_id varchar(36), ADD COLUMN process varchar(36), ADD COLUMN iteration integer DEFAULT 1;

-- One workflow instance per reg_id. When V2 holds several registration_list rows for a reg_id, MOSIP takes an arbitrary
-- one; ours takes the newest (cr_dtimes, then workflow_instance_id), so the result is repeatable.
UPDATE regprc.registration_list SET packet_id = reg_id;
CREATE TEMP TABLE mm_regprc_wf ON COMMIT DROP AS
SELECT DISTINCT ON (reg_id) reg_id, workflow_instance_id FROM regprc.registration_list
 ORDER BY reg_id, cr_dtimes DESC NULLS LAST, workflow_instance_id DESC;
CREATE UNIQUE INDEX ON mm_regprc_wf (reg_id);
ANALYZE mm_regprc_wf;
UPDATE regprc.registration x SET workflow_instance_id = w.workflow_instance_id FROM mm_regprc_wf w WHERE w.reg_id = x.reg_id;
UPDATE regprc.individual_demographic_dedup x SET workflow_instance_id = w.workflow_instance_id FROM mm_regprc_wf w WHERE w.reg_id = x.reg_id;
UPDATE regprc.reg_manual_verification x SET workflow_instance_id = w.workflow_instance_id FROM mm_regprc_wf w WHERE w.reg_id = x.reg_id;
UPDATE regprc.reg_lost_uin_det x SET workflow_instance_id = w.workflow_instance_id FROM mm_regprc_wf w WHERE w.reg_id = x.reg_id;
UPDATE regprc.reg_bio_ref x SET workflow_instance_id = w.workflow_instance_id FROM mm_regprc_wf w WHERE w.reg_id = x.reg_id;

CREATE INDEX IF NOT EXISTS idx_rbioref_crdtimes ON regprc.reg_bio_ref USING btree (cr_dtimes);
CREATE INDEX IF NOT EXISTS idx_bio_ref_id ON regprc.reg_bio_ref USING btree (bio_ref_id);
DROP INDEX IF EXISTS regprc.idx_idemogd_namedobgender;
CREATE INDEX idx_idemogd_namedobgender ON regprc.individual_demographic_dedup USING btree (name, dob, gender);
CREATE INDEX IF NOT EXISTS idx_rmanvrn_reqid ON regprc.reg_manual_verification USING btree (request_id);
DROP INDEX IF EXISTS regprc.idx_rgstrn_ltstrbcode_ltststscode;
CREATE INDEX idx_rgstrn_ltstrbcode_ltststscode ON regprc.registration USING btree (latest_trn_dtimes, latest_trn_status_code);
CREATE INDEX IF NOT EXISTS idx_reg_latest_trn_dtimes ON regprc.registration USING btree (latest_trn_dtimes);
CREATE INDEX IF NOT EXISTS idx_rgstrnlst_pcktid ON regprc.registration_list USING btree (packet_id);
CREATE INDEX IF NOT EXISTS idx_rgstrnlst_aireqid ON regprc.registration_list USING btree (additional_info_req_id);
CREATE INDEX IF NOT EXISTS idx_reg_trn_reg_id ON regprc.registration_transaction USING btree (reg_id);
CREATE INDEX IF NOT EXISTS idx_reg_trn_status_code ON regprc.registration_transaction USING btree (status_code);
CREATE INDEX IF NOT EXISTS idx_reg_trn_trntypecode ON regprc.registration_transaction USING btree (trn_type_code);
CREATE INDEX IF NOT EXISTS idx_reg_trn_upd_dtimes ON regprc.registration_transaction USING btree (upd_dtimes);
CREATE INDEX IF NOT EXISTS idx_user_detail_cntr_id ON regprc.abis_request USING btree (bio_ref_id);
CREATE INDEX IF NOT EXISTS idx_abis_req_regtrn_id ON regprc.abis_request USING btree (ref_regtrn_id);

-- re-key on workflow_instance_id (same constraint names)
ALTER TABLE regprc.individual_demographic_dedup DROP CONSTRAINT pk_idemogd_id;
ALTER TABLE regprc.individual_demographic_dedup ALTER COLUMN workflow_instance_id SET NOT NULL;
ALTER TABLE regprc.individual_demographic_dedup ADD CONSTRAINT pk_idemogd_id PRIMARY KEY (workflow_instance_id, lang_code);
ALTER TABLE regprc.reg_bio_ref DROP CONSTRAINT pk_regbref_id;
ALTER TABLE regprc.reg_bio_ref ALTER COLUMN workflow_instance_id SET NOT NULL;
ALTER TABLE regprc.reg_bio_ref ADD CONSTRAINT pk_regbref_id PRIMARY KEY (bio_ref_id, workflow_instance_id);
ALTER TABLE regprc.reg_lost_uin_det DROP CONSTRAINT pk_rlostd;
ALTER TABLE regprc.reg_lost_uin_det ALTER COLUMN workflow_instance_id SET NOT NULL;
ALTER TABLE regprc.reg_lost_uin_det ADD CONSTRAINT pk_rlostd PRIMARY KEY (workflow_instance_id);
ALTER TABLE regprc.reg_manual_verification DROP CONSTRAINT pk_rmnlver_id;
ALTER TABLE regprc.reg_manual_verification ALTER COLUMN workflow_instance_id SET NOT NULL;
ALTER TABLE regprc.reg_manual_verification ADD CONSTRAINT pk_rmnlver_id PRIMARY KEY (workflow_instance_id, matched_ref_id, matched_ref_type);
ALTER TABLE regprc.registration DROP CONSTRAINT pk_reg_id CASCADE;
ALTER TABLE regprc.registration ALTER COLUMN workflow_instance_id SET NOT NULL;
ALTER TABLE regprc.registration ADD CONSTRAINT pk_reg_id PRIMARY KEY (workflow_instance_id);

ALTER TABLE regprc.individual_demographic_dedup ADD CONSTRAINT fk_idemogd_reg FOREIGN KEY (workflow_instance_id) REFERENCES regprc.registration (workflow_instance_id);
ALTER TABLE regprc.reg_manual_verification ADD CONSTRAINT fk_rmnlver_reg FOREIGN KEY (workflow_instance_id) REFERENCES regprc.registration (workflow_instance_id);
ALTER TABLE regprc.reg_bio_ref ADD CONSTRAINT fk_regbrf_reg FOREIGN KEY (workflow_instance_id) REFERENCES regprc.registration (workflow_instance_id);
ALTER TABLE regprc.reg_lost_uin_det ADD CONSTRAINT fk_rlostd_reg FOREIGN KEY (workflow_instance_id) REFERENCES regprc.registration (workflow_instance_id);

ALTER TABLE regprc.registration ADD COLUMN resume_timestamp timestamp, ADD COLUMN default_resume_action varchar(50),
    ADD COLUMN pause_rule_ids varchar(256), ADD COLUMN last_success_stage_name varchar(50);
ALTER TABLE regprc.registration_list ADD COLUMN name varchar, ADD COLUMN phone varchar, ADD COLUMN email varchar,
    ADD COLUMN center_id varchar, ADD COLUMN location_code varchar, ADD COLUMN registration_date date;

-- new transaction types (MOSIP inserts them unconditionally with lang 'eng'; ours skips codes that exist)
INSERT INTO regprc.transaction_type (code, descr, lang_code, is_active, cr_by, cr_dtimes)
SELECT v.code, 'transaction_done', 'eng', true, 'MOSIP_SYSTEM', now()
  FROM (VALUES ('VERIFICATION'), ('QUALITY_CLASSIFIER'), ('WORKFLOW_RESUME'), ('CMD_VALIDATION'), ('SUPERVISOR_VALIDATION'),
               ('OPERATOR_VALIDATION'), ('INTRODUCER_VALIDATION'), ('INTERNAL_WORKFLOW_ACTION'), ('BIOMETRIC_EXTRACTION'),
               ('FINALIZATION'), ('MANUAL_ADJUDICATION')) AS v(code)
 WHERE NOT EXISTS (SELECT 1 FROM regprc.transaction_type t WHERE t.code = v.code AND t.lang_code = 'eng');

CREATE TABLE regprc.crypto_salt (
    id integer NOT NULL,
    salt varchar(36) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp
);
ALTER TABLE regprc.crypto_salt ADD CONSTRAINT pk_rides PRIMARY KEY (id);

-- last_success_stage_name from the 118 rules of regprc-last-success-stage-map.csv, applied in file order
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE latest_trn_type_code = 'PACKET_RECEIVER' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE latest_trn_type_code = 'SECUREZONE_NOTIFICATION' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE latest_trn_type_code = 'UPLOAD_PACKET' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE latest_trn_type_code = 'VALIDATE_PACKET' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketClassifierStage' WHERE latest_trn_type_code = 'PACKET_CLASSIFICATION' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'QualityCheckerStage' WHERE latest_trn_type_code = 'QUALITY_CHECK' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'OSIValidatorStage' WHERE latest_trn_type_code = 'OSI_VALIDATE' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'ExternalStage' WHERE latest_trn_type_code = 'EXTERNAL_INTEGRATION' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE latest_trn_type_code = 'DEMOGRAPHIC_VERIFICATION' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE latest_trn_type_code = 'BIOGRAPHIC_VERIFICATION' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'ManualVerificationStage' WHERE latest_trn_type_code = 'MANUAL_VERIFICATION' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE latest_trn_type_code = 'UIN_GENERATOR' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PrintingStage' WHERE latest_trn_type_code = 'PRINT_SERVICE' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BiometricAuthenticationStage' WHERE latest_trn_type_code = 'BIOMETRIC_AUTHENTICATION' AND latest_trn_status_code IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'NEW' AND latest_trn_type_code = 'SECUREZONE_NOTIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'NEW' AND latest_trn_type_code = 'UPLOAD_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'NEW' AND latest_trn_type_code = 'VALIDATE_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_CLASSIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketClassifierStage' WHERE process = 'NEW' AND latest_trn_type_code = 'QUALITY_CHECK' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'QualityCheckerStage' WHERE process = 'NEW' AND latest_trn_type_code = 'OSI_VALIDATE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'OSIValidatorStage' WHERE process = 'NEW' AND latest_trn_type_code = 'EXTERNAL_INTEGRATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'ExternalStage' WHERE process = 'NEW' AND latest_trn_type_code = 'DEMOGRAPHIC_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE process = 'NEW' AND latest_trn_type_code = 'BIOGRAPHIC_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'NEW' AND latest_trn_type_code = 'MANUAL_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'NEW' AND latest_trn_type_code = 'UIN_GENERATOR' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PRINT_SERVICE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'SecurezoneNotificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketUploaderStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketValidatorStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketClassifierStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketClassifierStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'QualityCheckerStage';
UPDATE regprc.registration SET last_success_stage_name = 'QualityCheckerStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'OSIValidatorStage';
UPDATE regprc.registration SET last_success_stage_name = 'OSIValidatorStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'ExternalStage';
UPDATE regprc.registration SET last_success_stage_name = 'ExternalStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'DemoDedupeStage';
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'BioDedupeStage';
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'ManualVerificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'UinGeneratorStage';
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'NEW' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PrintingStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'SECUREZONE_NOTIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'UPLOAD_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'VALIDATE_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_CLASSIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketClassifierStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'QUALITY_CHECK' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'QualityCheckerStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'OSI_VALIDATE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'OSIValidatorStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'BIOMETRIC_AUTHENTICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BiometricAuthenticationStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'DEMOGRAPHIC_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'BIOGRAPHIC_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'MANUAL_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'UIN_GENERATOR' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PRINT_SERVICE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'SecurezoneNotificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketUploaderStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketValidatorStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketClassifierStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketClassifierStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'QualityCheckerStage';
UPDATE regprc.registration SET last_success_stage_name = 'QualityCheckerStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'OSIValidatorStage';
UPDATE regprc.registration SET last_success_stage_name = 'OSIValidatorStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'BiometricAuthenticationStage';
UPDATE regprc.registration SET last_success_stage_name = 'BiometricAuthenticationStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'DemoDedupeStage';
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'BioDedupeStage';
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'ManualVerificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'UinGeneratorStage';
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PrintingStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'LOST' AND latest_trn_type_code = 'SECUREZONE_NOTIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'LOST' AND latest_trn_type_code = 'UPLOAD_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'LOST' AND latest_trn_type_code = 'VALIDATE_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_CLASSIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketClassifierStage' WHERE process = 'LOST' AND latest_trn_type_code = 'QUALITY_CHECK' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'QualityCheckerStage' WHERE process = 'LOST' AND latest_trn_type_code = 'OSI_VALIDATE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'OSIValidatorStage' WHERE process = 'LOST' AND latest_trn_type_code = 'BIOGRAPHIC_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'LOST' AND latest_trn_type_code = 'MANUAL_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'LOST' AND latest_trn_type_code = 'UIN_GENERATOR' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PRINT_SERVICE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'SecurezoneNotificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketUploaderStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketValidatorStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketClassifierStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketClassifierStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'QualityCheckerStage';
UPDATE regprc.registration SET last_success_stage_name = 'QualityCheckerStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'OSIValidatorStage';
UPDATE regprc.registration SET last_success_stage_name = 'OSIValidatorStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'BioDedupeStage';
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'ManualVerificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'BioDedupeStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'UinGeneratorStage';
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'LOST' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PrintingStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'SECUREZONE_NOTIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'UPLOAD_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'VALIDATE_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'DEMOGRAPHIC_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'MANUAL_VERIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'UIN_GENERATOR' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'PRINT_SERVICE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'SecurezoneNotificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketUploaderStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketValidatorStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketValidatorStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'DemoDedupeStage';
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'ManualVerificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'DemoDedupeStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'UinGeneratorStage';
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'RES_UPDATE' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PrintingStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'RES_REPRINT' AND latest_trn_type_code = 'SECUREZONE_NOTIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'RES_REPRINT' AND latest_trn_type_code = 'UPLOAD_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'RES_REPRINT' AND latest_trn_type_code = 'PRINT_SERVICE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'RES_REPRINT' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'SecurezoneNotificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'RES_REPRINT' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketUploaderStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'RES_REPRINT' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PrintingStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'ACTIVATED' AND latest_trn_type_code = 'SECUREZONE_NOTIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'ACTIVATED' AND latest_trn_type_code = 'UPLOAD_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'ACTIVATED' AND latest_trn_type_code = 'UIN_GENERATOR' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'ACTIVATED' AND latest_trn_type_code = 'PRINT_SERVICE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'ACTIVATED' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'SecurezoneNotificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'ACTIVATED' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketUploaderStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'ACTIVATED' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'UinGeneratorStage';
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'ACTIVATED' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PrintingStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'DEACTIVATED' AND latest_trn_type_code = 'SECUREZONE_NOTIFICATION' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'DEACTIVATED' AND latest_trn_type_code = 'UPLOAD_PACKET' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'DEACTIVATED' AND latest_trn_type_code = 'UIN_GENERATOR' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'DEACTIVATED' AND latest_trn_type_code = 'PRINT_SERVICE' AND coalesce(latest_trn_status_code, '') NOT IN ('SUCCESS', 'PROCESSED');
UPDATE regprc.registration SET last_success_stage_name = 'PacketReceiverStage' WHERE process = 'DEACTIVATED' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'SecurezoneNotificationStage';
UPDATE regprc.registration SET last_success_stage_name = 'SecurezoneNotificationStage' WHERE process = 'DEACTIVATED' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PacketUploaderStage';
UPDATE regprc.registration SET last_success_stage_name = 'PacketUploaderStage' WHERE process = 'DEACTIVATED' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'UinGeneratorStage';
UPDATE regprc.registration SET last_success_stage_name = 'UinGeneratorStage' WHERE process = 'DEACTIVATED' AND latest_trn_type_code = 'PACKET_REPROCESS' AND reg_stage_name = 'PrintingStage';

DROP INDEX IF EXISTS regprc.idx_reg_verification_reqid;
DROP INDEX IF EXISTS regprc.idx_idemogd_namedob;
ALTER TABLE regprc.reg_bio_ref ALTER COLUMN process TYPE varchar;
CREATE INDEX IF NOT EXISTS idx_reglist_reg_id ON regprc.registration_list USING btree (reg_id);
