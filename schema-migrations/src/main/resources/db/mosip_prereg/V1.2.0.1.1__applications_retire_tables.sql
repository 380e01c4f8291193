-- mosip_prereg: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = prereg;
SELECT pg_temp.mm_reset_ownership('prereg', 'prereguser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
CREATE TABLE prereg.applications (
    application_id varchar(36) NOT NULL,
    booking_type varchar(256) NOT NULL,
    booking_status_code varchar(256),
    application_status_code varchar(256),
    regcntr_id varchar(10),
    appointment_date date,
    booking_date date,
    slot_from_time time,
    slot_to_time time,
    contact_info varchar(256),
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp
);
ALTER TABLE prereg.applications ADD CONSTRAINT appid_pk PRIMARY KEY (application_id);

CREATE TABLE prereg.anonymous_profile (
    id varchar(36) NOT NULL,
    profile varchar NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean,
    del_dtimes timestamp
);
ALTER TABLE prereg.anonymous_profile ADD CONSTRAINT anonymous_profile_pkey PRIMARY KEY (id);

ALTER TABLE prereg.reg_appointment DROP CONSTRAINT IF EXISTS fk_rappmnt_id;
ALTER TABLE prereg.processed_prereg_list DROP CONSTRAINT IF EXISTS pprlst_pregtrn_fk;
CREATE INDEX IF NOT EXISTS idx_app_demo_cr_by ON prereg.applicant_demographic USING btree (cr_by);
CREATE INDEX IF NOT EXISTS idx_app_demo_prid ON prereg.applicant_demographic USING btree (prereg_id);

-- Tables 1.2.0.1 no longer uses: kept (renamed) until `mosip-migrate cleanup --apply` backs them up and drops them.
ALTER TABLE prereg.prid_seq RENAME TO prid_seq_to_be_deleted;
ALTER TABLE prereg.transaction_type RENAME TO transaction_type_to_be_deleted;
ALTER TABLE prereg.language_transliteration RENAME TO language_transliteration_to_be_deleted;
ALTER TABLE prereg.prid_seed RENAME TO prid_seed_to_be_deleted;
ALTER TABLE prereg.pre_registration_transaction RENAME TO pre_registration_transaction_to_be_deleted;

-- One application per pre-registration. Where V2 holds several appointments for one prereg_id, the latest booking is used
-- (all reg_appointment rows stay in place).
INSERT INTO prereg.applications (application_id, booking_type, booking_status_code, application_status_code, regcntr_id,
    appointment_date, booking_date, slot_from_time, slot_to_time, contact_info, cr_by, cr_dtimes, upd_by, upd_dtimes)
SELECT d.prereg_id, 'NEW_PREREGISTRATION', d.status_code,
       CASE WHEN d.status_code = 'Application_Incomplete' THEN 'DRAFT' ELSE 'SUBMITTED' END,
       a.regcntr_id, a.appointment_date, a.booking_dtimes::date, a.slot_from_time, a.slot_to_time, d.cr_appuser_id,
       d.cr_by, d.cr_dtimes, d.upd_by, d.upd_dtimes
  FROM prereg.applicant_demographic d
  LEFT JOIN (SELECT DISTINCT ON (prereg_id) * FROM prereg.reg_appointment ORDER BY prereg_id, booking_dtimes DESC, id DESC) a
         ON a.prereg_id = d.prereg_id;
