-- mosip_pms 1.1.5.5 -> 1.2.0.1-B1, part 1 (structure and reference rows), run by PmsB1DeviceFold in the step's transaction.
SET LOCAL search_path = pms;
SELECT pg_temp.mm_reset_ownership('pms', 'pmsuser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
CREATE TABLE pms.reg_device_type (
    code varchar(36) NOT NULL,
    name varchar(64) NOT NULL,
    descr varchar(512),
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE pms.reg_device_type ADD CONSTRAINT pk_rdtyp_code PRIMARY KEY (code);
CREATE TABLE pms.reg_device_sub_type (
    code varchar(36) NOT NULL,
    dtyp_code varchar(36) NOT NULL,
    name varchar(64) NOT NULL,
    descr varchar(512),
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE pms.reg_device_sub_type ADD CONSTRAINT pk_rdstyp_code PRIMARY KEY (code, dtyp_code);
CREATE TABLE pms.device_detail (
    id varchar(36) NOT NULL,
    dprovider_id varchar(36) NOT NULL,
    dtype_code varchar(36) NOT NULL,
    dstype_code varchar(36) NOT NULL,
    make varchar(36) NOT NULL,
    model varchar(36) NOT NULL,
    partner_org_name varchar(128),
    approval_status varchar(36) NOT NULL,
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE pms.device_detail ADD CONSTRAINT pk_devdtl_id PRIMARY KEY (id);
ALTER TABLE pms.device_detail ADD CONSTRAINT uk_devdtl_id UNIQUE (dprovider_id, dtype_code, dstype_code, make, model);
CREATE TABLE pms.device_detail_sbi (
    dprovider_id varchar(36) NOT NULL,
    partner_org_name varchar(128),
    device_detail_id varchar(36) NOT NULL,
    sbi_id varchar(36) NOT NULL,
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
CREATE TABLE pms.ftp_chip_detail (
    id varchar(36) NOT NULL,
    foundational_trust_provider_id varchar(36) NOT NULL,
    make varchar(36),
    model varchar(36),
    certificate_alias varchar(36),
    partner_org_name varchar(128),
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE pms.ftp_chip_detail ADD CONSTRAINT pk_fcdtl_id PRIMARY KEY (id);
ALTER TABLE pms.ftp_chip_detail ADD CONSTRAINT uk_fcdtl_id UNIQUE (foundational_trust_provider_id, make, model);
CREATE TABLE pms.secure_biometric_interface (
    id varchar(36) NOT NULL,
    sw_binary_hash bytea NOT NULL,
    sw_version varchar(64) NOT NULL,
    sw_cr_dtimes timestamp,
    sw_expiry_dtimes timestamp,
    approval_status varchar(36) NOT NULL,
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp,
    provider_id varchar(36),
    partner_org_name varchar(128)
);
ALTER TABLE pms.secure_biometric_interface ADD CONSTRAINT pk_sbi_id PRIMARY KEY (id);
CREATE TABLE pms.secure_biometric_interface_h (
    id varchar(36) NOT NULL,
    sw_binary_hash bytea NOT NULL,
    sw_version varchar(64) NOT NULL,
    sw_cr_dtimes timestamp,
    sw_expiry_dtimes timestamp,
    approval_status varchar(36) NOT NULL,
    is_active boolean NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp,
    eff_dtimes timestamp NOT NULL,
    provider_id varchar(36),
    partner_org_name varchar(128)
);
ALTER TABLE pms.secure_biometric_interface_h ADD CONSTRAINT pk_mdsh_id PRIMARY KEY (id, eff_dtimes);
ALTER TABLE pms.reg_device_sub_type ADD CONSTRAINT fk_rdstyp_dtype_code FOREIGN KEY (dtyp_code) REFERENCES pms.reg_device_type (code);
ALTER TABLE pms.device_detail ADD CONSTRAINT fk_devdtl_id FOREIGN KEY (dtype_code, dstype_code) REFERENCES pms.reg_device_sub_type (dtyp_code, code);

-- label := policy_api_key (the primary key, so never NULL)
ALTER TABLE pms.partner_policy ADD COLUMN label varchar(36);
UPDATE pms.partner_policy SET label = policy_api_key;
ALTER TABLE pms.partner_policy ALTER COLUMN label SET NOT NULL;
ALTER TABLE pms.partner ADD COLUMN lang_code varchar(36);
ALTER TABLE pms.partner_h ADD COLUMN lang_code varchar(36);

-- device types of 1.2.0.1 (the tables are new here, so nothing is replaced in pms; authdevice/regdevice type rows stay behind)
INSERT INTO pms.reg_device_type (code, name, descr, is_active, cr_by, cr_dtimes) VALUES
  ('Finger', 'Finger', 'Finger print', true, 'mosip-migrate', now()),
  ('Face', 'Face', 'Face', true, 'mosip-migrate', now()),
  ('Iris', 'Iris', 'Iris', true, 'mosip-migrate', now());
INSERT INTO pms.reg_device_sub_type (code, dtyp_code, name, descr, is_active, cr_by, cr_dtimes) VALUES
  ('Slap', 'Finger', 'Slap', 'Slap', true, 'mosip-migrate', now()),
  ('Single', 'Finger', 'Single', 'Single', true, 'mosip-migrate', now()),
  ('Touchless', 'Finger', 'Touchless', 'Touchless', true, 'mosip-migrate', now()),
  ('Single', 'Iris', 'Single', 'Single', true, 'mosip-migrate', now()),
  ('Double', 'Iris', 'Double', 'Double', true, 'mosip-migrate', now()),
  ('Full face', 'Face', 'Full face', 'Full face', true, 'mosip-migrate', now());

-- MOSIP empties partner_policy_credential_type and reseeds 4 rows: ours keeps the V2 rows and adds the seed rows that are
-- missing (PmsB1DeviceFold reports how many V2 rows MOSIP's step would have discarded).
INSERT INTO pms.partner_policy_credential_type (part_id, policy_id, credential_type, is_active, cr_by, cr_dtimes)
SELECT v.part_id, v.policy_id, v.credential_type, true, 'mosip-migrate', now()
  FROM (VALUES ('mpartner-default-print', 'mpolicy-default-qrcode', 'qrcode'), ('mpartner-default-print', 'mpolicy-default-euin', 'euin'),
               ('mpartner-default-print', 'mpolicy-default-reprint', 'reprint'), ('mpartner-default-auth', 'mpolicy-default-auth', 'auth'))
       AS v(part_id, policy_id, credential_type)
 WHERE EXISTS (SELECT 1 FROM pms.partner p WHERE p.id = v.part_id) AND EXISTS (SELECT 1 FROM pms.auth_policy a WHERE a.id = v.policy_id)
ON CONFLICT DO NOTHING;

INSERT INTO pms.partner_type (code, partner_description, is_policy_required, is_active, cr_by, cr_dtimes)
SELECT v.code, v.code, false, true, 'mosip-migrate', now()
  FROM (VALUES ('Internal_Partner'), ('Print_Partner'), ('SDK_Partner')) AS v(code)
ON CONFLICT DO NOTHING;
