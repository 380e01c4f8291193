-- mosip_master: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = master;
SELECT pg_temp.mm_reset_ownership('master', 'masteruser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
SELECT pg_temp.mm_fail_if_rows($q$SELECT 'upgrade.primaryLanguageCode = ' || quote_literal('${primaryLanguageCode}') WHERE '${primaryLanguageCode}' !~ '^[a-z]{3}$'$q$,
  'the primary language code is missing or not 3 lower-case letters',
  'set upgrade.primaryLanguageCode in the config (e.g. eng) or pass --primary-language, then run upgrade again');

-- Data preconditions (checked before anything changes)
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT usr_id, string_agg(zone_code, ',' ORDER BY zone_code) AS zones FROM master.zone_user GROUP BY usr_id HAVING count(*) > 1 ORDER BY usr_id$q$,
  'master.zone_user maps users to several zones; 1.2.0.1 keys zone_user by usr_id alone (one zone per user)',
  'keep one zone per listed user in master.zone_user (delete the other rows, or move them to zone_user_h), then run upgrade again');
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT key_index, count(*) AS machines, string_agg(id, ',' ORDER BY id) AS ids FROM master.machine_master
      WHERE key_index IS NOT NULL AND (lang_code = '${primaryLanguageCode}' OR lang_code IS NULL) GROUP BY key_index HAVING count(DISTINCT name) > 1 ORDER BY 1$q$,
  'master.machine_master: several machines share a key_index; 1.2.0.1 adds UNIQUE uq_machm_key_index',
  'give each listed machine its own key_index (re-register the machine) or deactivate and delete the stale ones, then run upgrade again');
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT sign_key_index, count(*) AS machines, string_agg(id, ',' ORDER BY id) AS ids FROM master.machine_master
      WHERE sign_key_index IS NOT NULL AND (lang_code = '${primaryLanguageCode}' OR lang_code IS NULL) GROUP BY sign_key_index HAVING count(DISTINCT name) > 1 ORDER BY 1$q$,
  'master.machine_master: several machines share a sign_key_index; 1.2.0.1 adds UNIQUE uq_machm_skey_index',
  'give each listed machine its own sign_key_index or delete the stale ones, then run upgrade again');
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT id, location_code, lang_code FROM master.loc_holiday WHERE holiday_date IS NULL ORDER BY id$q$,
  'master.loc_holiday rows without holiday_date; 1.2.0.1 keys holidays by (holiday_date, location_code, lang_code)',
  'set holiday_date of the listed holidays or delete them, then run upgrade again');

SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT id, id_version, id_attr_json IS NULL AS no_ui_spec FROM master.identity_schema WHERE id_version IS NULL OR id_attr_json IS NULL ORDER BY id$q$,
  'master.identity_schema rows without id_version or id_attr_json: 1.2.0.1 builds ui_spec (version and json_spec NOT NULL) from them',
  'fill id_version and id_attr_json of the listed identity schemas (or delete unused drafts), then run upgrade again');

ALTER TABLE master.template_type ALTER COLUMN code TYPE varchar(64);
ALTER TABLE master.template ALTER COLUMN template_typ_code TYPE varchar(64);

CREATE TABLE master.template_migr_bkp AS TABLE master.template;
ALTER TABLE master.template DROP CONSTRAINT IF EXISTS fk_tmplt_moddtl;
-- As MOSIP's step: the two modules are found by their English names, then templates move by module id, so the rows of
-- every language move (module_name becomes the English name, as MOSIP writes it).
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT name, string_agg(DISTINCT id, ',' ORDER BY id) AS ids FROM master.module_detail WHERE name IN ('Registration Client', 'Pre-Registration')
      GROUP BY name HAVING count(DISTINCT id) > 1$q$,
  'master.module_detail names a module Registration Client or Pre-Registration under several ids; B1 moves templates between these two modules',
  'keep one module id per name in master.module_detail (rename the other module), then run upgrade again');
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT m.missing, count(*) AS templates FROM master.template t
       CROSS JOIN LATERAL (SELECT 'Pre-Registration' AS missing WHERE t.module_id IN (SELECT id FROM master.module_detail WHERE name = 'Registration Client')
                                AND NOT EXISTS (SELECT 1 FROM master.module_detail WHERE name = 'Pre-Registration')
                           UNION ALL
                           SELECT 'Registration Client' WHERE (t.template_typ_code IN ('reg-dashboard-template', 'reg-consent-template')
                                    OR t.template_typ_code LIKE 'reg-preview-template-part%' OR t.template_typ_code LIKE 'reg-ack-template-part%'
                                    OR t.template_typ_code LIKE 'reg-android-ack-template-part%' OR t.template_typ_code LIKE 'reg-android-preview-template-part%')
                                AND NOT EXISTS (SELECT 1 FROM master.module_detail WHERE name = 'Registration Client')) m
      GROUP BY m.missing$q$,
  'master.module_detail lacks the module that B1 moves templates to (MOSIP''s step would leave those templates without a module)',
  'add the module (English name Registration Client / Pre-Registration) to master.module_detail as MOSIP''s seed data has it, then run upgrade again');
UPDATE master.template t SET module_id = pre.id, module_name = 'Pre-Registration', upd_by = 'superadmin', upd_dtimes = now() AT TIME ZONE 'UTC'
  FROM (SELECT DISTINCT id FROM master.module_detail WHERE name = 'Pre-Registration') pre,
       (SELECT DISTINCT id FROM master.module_detail WHERE name = 'Registration Client') rc
 WHERE t.module_id = rc.id;
UPDATE master.template t SET module_id = rc.id, module_name = 'Registration Client', upd_by = 'superadmin', upd_dtimes = now() AT TIME ZONE 'UTC'
  FROM (SELECT DISTINCT id FROM master.module_detail WHERE name = 'Registration Client') rc
 WHERE t.template_typ_code IN ('reg-dashboard-template', 'reg-consent-template')
    OR t.template_typ_code LIKE 'reg-preview-template-part%' OR t.template_typ_code LIKE 'reg-ack-template-part%'
    OR t.template_typ_code LIKE 'reg-android-ack-template-part%' OR t.template_typ_code LIKE 'reg-android-preview-template-part%';

ALTER TABLE master.blacklisted_words DROP CONSTRAINT pk_blwrd_code;
CREATE TABLE master.blocklisted_words (
    word varchar(128) NOT NULL,
    descr varchar(256),
    lang_code varchar(3),
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE master.blocklisted_words ADD CONSTRAINT pk_blwrd_code PRIMARY KEY (word);
-- (the V2 table keeps its rows; only primary-language words move over)
INSERT INTO master.blocklisted_words (word, descr, lang_code, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
SELECT DISTINCT ON (word) word, descr, lang_code, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes
  FROM master.blacklisted_words WHERE lang_code = '${primaryLanguageCode}' OR lang_code IS NULL ORDER BY word, cr_dtimes DESC;

CREATE TABLE master.identity_schema_migr_bkp AS TABLE master.identity_schema;
CREATE TABLE master.ui_spec (
    id varchar(36) NOT NULL,
    version numeric(5,3) NOT NULL,
    domain varchar(36) NOT NULL,
    title varchar(64) NOT NULL,
    description varchar(256) NOT NULL,
    type varchar(36) NOT NULL,
    json_spec varchar NOT NULL,
    identity_schema_id varchar(36) NOT NULL,
    identity_schema_version numeric(5,3) NOT NULL,
    effective_from timestamp,
    status_code varchar(36) NOT NULL,
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean,
    del_dtimes timestamp
);
ALTER TABLE master.ui_spec ADD CONSTRAINT ui_spec_pk PRIMARY KEY (id);
ALTER TABLE master.ui_spec ADD CONSTRAINT unq_dmn_type_vrsn_ischmid UNIQUE (domain, type, version, identity_schema_id);
INSERT INTO master.ui_spec (id, version, domain, title, description, type, json_spec, identity_schema_id, identity_schema_version,
    effective_from, status_code, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
SELECT id, id_version, 'registration-client', coalesce(title, id), coalesce(description, ''), 'schema', id_attr_json, id, id_version,
       effective_from, coalesce(status_code, CASE WHEN is_active THEN 'PUBLISHED' ELSE 'DRAFT' END), is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes
  FROM master.identity_schema;
ALTER TABLE master.identity_schema DROP COLUMN id_attr_json;

ALTER TABLE master.bulkupload_transaction ALTER COLUMN upload_description TYPE varchar;

CREATE TABLE master.biometric_type_migr_bkp AS TABLE master.biometric_type;
ALTER TABLE master.biometric_attribute DROP CONSTRAINT fk_bmattr_bmtyp;
DELETE FROM master.biometric_type WHERE lang_code <> '${primaryLanguageCode}';
ALTER TABLE master.biometric_type DROP CONSTRAINT pk_bmtyp_code;
ALTER TABLE master.biometric_type ADD CONSTRAINT pk_bmtyp_code PRIMARY KEY (code);
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT DISTINCT a.bmtyp_code FROM master.biometric_attribute a WHERE NOT EXISTS (SELECT 1 FROM master.biometric_type t WHERE t.code = a.bmtyp_code)$q$,
  'master.biometric_attribute refers to biometric types that exist only in non-primary languages',
  'add the listed biometric_type codes in the primary language in V2 (or remove the attributes), then run upgrade again');
ALTER TABLE master.biometric_attribute ADD CONSTRAINT fk_bmattr_bmtyp FOREIGN KEY (bmtyp_code) REFERENCES master.biometric_type (code);

CREATE TABLE master.reg_exceptional_holiday_migr_bkp AS TABLE master.reg_exceptional_holiday;
ALTER TABLE master.reg_exceptional_holiday DROP CONSTRAINT IF EXISTS fk_regeh_regcntr;
DELETE FROM master.reg_exceptional_holiday WHERE lang_code <> '${primaryLanguageCode}';

ALTER TABLE master.user_detail ALTER COLUMN lang_code DROP NOT NULL, ALTER COLUMN status_code DROP NOT NULL, ALTER COLUMN name DROP NOT NULL;
ALTER TABLE master.user_detail_h ALTER COLUMN lang_code DROP NOT NULL, ALTER COLUMN status_code DROP NOT NULL;
ALTER TABLE master.user_detail DROP CONSTRAINT IF EXISTS fk_usrdtl_center;
-- uin, email and mobile of operators are not kept by 1.2.0.1 (their values stay in the V2 backup set)
ALTER TABLE master.user_detail DROP COLUMN uin, DROP COLUMN email, DROP COLUMN mobile;
ALTER TABLE master.user_detail_h DROP COLUMN uin, DROP COLUMN email, DROP COLUMN mobile;
ALTER TABLE master.app_authentication_method ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.app_role_priority ALTER COLUMN lang_code DROP NOT NULL;

ALTER TABLE master.zone_user DROP CONSTRAINT IF EXISTS fk_zoneuser_zone;
ALTER TABLE master.zone_user DROP CONSTRAINT pk_zoneuser;
ALTER TABLE master.zone_user ALTER COLUMN zone_code DROP NOT NULL;
ALTER TABLE master.zone_user ADD CONSTRAINT pk_zoneuser PRIMARY KEY (usr_id);

CREATE TABLE master.device_spec_migr_bkp AS TABLE master.device_spec;
CREATE TABLE master.device_type_migr_bkp AS TABLE master.device_type;
CREATE TABLE master.device_master_migr_bkp AS TABLE master.device_master;
ALTER TABLE master.device_master DROP CONSTRAINT IF EXISTS fk_devicem_zone, DROP CONSTRAINT IF EXISTS fk_devicem_dspec,
    DROP CONSTRAINT IF EXISTS fk_devicem_center;
ALTER TABLE master.device_spec DROP CONSTRAINT IF EXISTS fk_dspec_dtyp;
DELETE FROM master.device_type WHERE lang_code <> '${primaryLanguageCode}';
DELETE FROM master.device_spec WHERE lang_code <> '${primaryLanguageCode}';
DELETE FROM master.device_master WHERE lang_code <> '${primaryLanguageCode}';
DELETE FROM master.device_master_h WHERE lang_code <> '${primaryLanguageCode}';
ALTER TABLE master.device_type DROP CONSTRAINT pk_dtyp_code;
ALTER TABLE master.device_type ADD CONSTRAINT pk_dtyp_code PRIMARY KEY (code);
ALTER TABLE master.device_spec DROP CONSTRAINT pk_dspec_code;
ALTER TABLE master.device_spec ADD CONSTRAINT pk_dspec_code PRIMARY KEY (id);
ALTER TABLE master.device_master DROP CONSTRAINT pk_devicem_id;
ALTER TABLE master.device_master ADD CONSTRAINT pk_devicem_id PRIMARY KEY (id);
ALTER TABLE master.device_master_h DROP CONSTRAINT pk_devicem_h_id;
ALTER TABLE master.device_master_h ADD CONSTRAINT pk_devicem_h_id PRIMARY KEY (id, eff_dtimes);
ALTER TABLE master.device_spec ADD CONSTRAINT fk_dspec_dtyp FOREIGN KEY (dtyp_code) REFERENCES master.device_type (code);
ALTER TABLE master.device_master ADD CONSTRAINT fk_devicem_dspec FOREIGN KEY (dspec_id) REFERENCES master.device_spec (id);

CREATE TABLE master.machine_spec_migr_bkp AS TABLE master.machine_spec;
CREATE TABLE master.machine_type_migr_bkp AS TABLE master.machine_type;
CREATE TABLE master.machine_master_migr_bkp AS TABLE master.machine_master;
ALTER TABLE master.machine_master DROP CONSTRAINT IF EXISTS fk_machm_mspec, DROP CONSTRAINT IF EXISTS fk_machm_zone,
    DROP CONSTRAINT IF EXISTS fk_machm_center;
ALTER TABLE master.machine_spec DROP CONSTRAINT IF EXISTS fk_mspec_mtyp;
DELETE FROM master.machine_type WHERE lang_code <> '${primaryLanguageCode}';
DELETE FROM master.machine_spec WHERE lang_code <> '${primaryLanguageCode}';
DELETE FROM master.machine_master WHERE lang_code <> '${primaryLanguageCode}';
DELETE FROM master.machine_master_h WHERE lang_code <> '${primaryLanguageCode}';
ALTER TABLE master.machine_type DROP CONSTRAINT pk_mtyp_code;
ALTER TABLE master.machine_type ADD CONSTRAINT pk_mtyp_code PRIMARY KEY (code);
ALTER TABLE master.machine_spec DROP CONSTRAINT pk_mspec_code;
ALTER TABLE master.machine_spec ADD CONSTRAINT pk_mspec_code PRIMARY KEY (id);
ALTER TABLE master.machine_master DROP CONSTRAINT pk_machm_id;
ALTER TABLE master.machine_master ADD CONSTRAINT pk_machm_id PRIMARY KEY (id);
ALTER TABLE master.machine_master_h DROP CONSTRAINT pk_machm_h_id;
ALTER TABLE master.machine_master_h ADD CONSTRAINT pk_machm_h_id PRIMARY KEY (id, eff_dtimes);
ALTER TABLE master.machine_spec ADD CONSTRAINT fk_mspec_mtyp FOREIGN KEY (mtyp_code) REFERENCES master.machine_type (code);
ALTER TABLE master.machine_master ADD CONSTRAINT fk_machm_mspec FOREIGN KEY (mspec_id) REFERENCES master.machine_spec (id);

-- one machine per name: the others are copied to machine_master_migr_dupes (with the group size in column count, as MOSIP's) and removed
CREATE TABLE master.machine_master_migr_dupes AS
SELECT m.*, g.count FROM master.machine_master m
  JOIN (SELECT name, count(*) AS count FROM master.machine_master GROUP BY name HAVING count(*) > 1) g ON g.name = m.name;
DELETE FROM master.machine_master m USING master.machine_master k WHERE k.name = m.name AND k.id < m.id;
ALTER TABLE master.machine_master ADD CONSTRAINT uq_machm_name UNIQUE (name);
ALTER TABLE master.machine_master ADD CONSTRAINT uq_machm_key_index UNIQUE (key_index);
ALTER TABLE master.machine_master ADD CONSTRAINT uq_machm_skey_index UNIQUE (sign_key_index);

ALTER TABLE master.batch_job_execution_params ALTER COLUMN string_val TYPE varchar(5000);

CREATE TABLE master.permitted_local_config (
    code varchar(128) NOT NULL,
    name varchar(128) NOT NULL,
    config_type varchar(128) NOT NULL,
    is_active boolean NOT NULL,
    cr_by varchar(32) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(32),
    upd_dtimes timestamp,
    is_deleted boolean,
    del_dtimes timestamp
);
ALTER TABLE master.permitted_local_config ADD CONSTRAINT permitted_local_config_pk PRIMARY KEY (code);

CREATE TABLE master.loc_holiday_migr_bkp AS TABLE master.loc_holiday;
CREATE TABLE master.loc_holiday_migr_dupes AS
SELECT h.*, g.count FROM master.loc_holiday h
  JOIN (SELECT holiday_date, location_code, lang_code, count(*) AS count FROM master.loc_holiday
         GROUP BY holiday_date, location_code, lang_code HAVING count(*) > 1) g
    ON g.holiday_date = h.holiday_date AND g.location_code = h.location_code AND g.lang_code = h.lang_code;
DELETE FROM master.loc_holiday h USING master.loc_holiday k
 WHERE k.holiday_date = h.holiday_date AND k.location_code = h.location_code AND k.lang_code = h.lang_code AND k.id < h.id;
ALTER TABLE master.loc_holiday DROP CONSTRAINT pk_lochol_id;
ALTER TABLE master.loc_holiday ALTER COLUMN holiday_date SET NOT NULL;
ALTER TABLE master.loc_holiday ADD CONSTRAINT pk_lochol_id PRIMARY KEY (holiday_date, location_code, lang_code);

ALTER TABLE master.app_authentication_method DROP CONSTRAINT IF EXISTS fk_appauthm_authmeth;
CREATE TABLE master.authentication_method_migr_bkp AS TABLE master.authentication_method;
DELETE FROM master.authentication_method WHERE lang_code <> '${primaryLanguageCode}';
ALTER TABLE master.authentication_method DROP CONSTRAINT pk_authm_code;
ALTER TABLE master.authentication_method ADD CONSTRAINT pk_authm_code PRIMARY KEY (code);

CREATE INDEX IF NOT EXISTS idx_location_cr_dtimes ON master.location USING btree (cr_dtimes);
CREATE INDEX IF NOT EXISTS idx_mac_master_cr_dtimes ON master.machine_master USING btree (cr_dtimes);
CREATE INDEX IF NOT EXISTS idx_mac_master_cntr_id ON master.machine_master USING btree (regcntr_id);
CREATE INDEX IF NOT EXISTS idx_mac_master_regcntr_id ON master.machine_master USING btree (regcntr_id);
CREATE INDEX IF NOT EXISTS idx_device_master_cntr_id ON master.device_master USING btree (regcntr_id);
CREATE INDEX IF NOT EXISTS idx_user_detail_cntr_id ON master.user_detail USING btree (regcntr_id);
CREATE INDEX IF NOT EXISTS idx_reg_centr_loc_code ON master.registration_center USING btree (holiday_loc_code);
CREATE INDEX IF NOT EXISTS idx_app_val_doc_cr_dtimes ON master.applicant_valid_document USING btree (cr_dtimes);
CREATE INDEX IF NOT EXISTS idx_app_val_doc_upd_dtimes ON master.applicant_valid_document USING btree (upd_dtimes);

CREATE TABLE master.ca_cert_store_migr_bkp AS TABLE master.ca_cert_store;
ALTER TABLE master.ca_cert_store DROP COLUMN IF EXISTS signed_cert_data, DROP COLUMN IF EXISTS key_usage,
    DROP COLUMN IF EXISTS organization_name;

CREATE TABLE master.reg_working_nonworking_migr_bkp AS TABLE master.reg_working_nonworking;
ALTER TABLE master.reg_working_nonworking DROP CONSTRAINT IF EXISTS fk_rwn_daycode, DROP CONSTRAINT IF EXISTS fk_rwn_regcntr;
DELETE FROM master.reg_working_nonworking WHERE lang_code <> '${primaryLanguageCode}';

-- not in MOSIP's chain: dynamic_field as in a fresh 1.2.0.1 install (PK named pk_dynamic_id, no UNIQUE (name, lang_code))
ALTER TABLE master.dynamic_field RENAME CONSTRAINT pk_schfld_id TO pk_dynamic_id;
ALTER TABLE master.dynamic_field DROP CONSTRAINT IF EXISTS uk_schfld_name;

-- lang_code becomes optional once it left the keys
ALTER TABLE master.biometric_type ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.reg_exceptional_holiday ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.device_type ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.device_spec ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.device_master ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.device_master_h ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.machine_type ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.machine_spec ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.machine_master ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.machine_master_h ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.authentication_method ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE master.reg_working_nonworking ALTER COLUMN lang_code DROP NOT NULL;
