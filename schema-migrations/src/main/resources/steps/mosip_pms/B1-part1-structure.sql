-- mosip_pms 1.1.5.5 -> 1.2.0.1-B1, part 1 (structure and reference rows), run by PmsB1DeviceFold in the step's transaction.
SET LOCAL search_path = pms;
SELECT pg_temp.mm_reset_ownership('pms', 'pmsuser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
-- MOSIP's step adds partners of type Credential_Partner, which MOSIP's 1.1.5.5 seed data brings (its step fails on the FK without it)
SELECT pg_temp.mm_fail_if_rows(
  $q$SELECT 'Credential_Partner' AS missing_partner_type WHERE NOT EXISTS (SELECT 1 FROM pms.partner_type WHERE code = 'Credential_Partner')$q$,
  'pms.partner_type has no Credential_Partner row (MOSIP 1.1.5.5 seed data); 1.2.0.1-B1 adds the partners mpartner-default-cert and mpartner-default-digitalcard of that type',
  'add the partner type Credential_Partner as MOSIP''s 1.1.5.5 PMS seed data has it (is_policy_required true), then run upgrade again');
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
-- MATCH FULL as MOSIP declares both
ALTER TABLE pms.reg_device_sub_type ADD CONSTRAINT fk_rdstyp_dtype_code FOREIGN KEY (dtyp_code) REFERENCES pms.reg_device_type (code) MATCH FULL;
ALTER TABLE pms.device_detail ADD CONSTRAINT fk_devdtl_id FOREIGN KEY (dtype_code, dstype_code) REFERENCES pms.reg_device_sub_type (dtyp_code, code)
  MATCH FULL;

-- label := policy_api_key (the primary key, so never NULL)
ALTER TABLE pms.partner_policy ADD COLUMN label varchar(36);
UPDATE pms.partner_policy SET label = policy_api_key;
ALTER TABLE pms.partner_policy ALTER COLUMN label SET NOT NULL;
ALTER TABLE pms.partner ADD COLUMN lang_code varchar(36);
ALTER TABLE pms.partner_h ADD COLUMN lang_code varchar(36);

-- Seed rows of MOSIP's step, every value as its step inserts it; a row whose key exists already is left as it is.
-- The certificate-sharing partner set (created and valid from now, valid for 12 years).
INSERT INTO pms.policy_group (id, name, descr, user_id, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
VALUES ('mpolicygroup-default-cert', 'mpolicygroup-default-cert', 'mpolicygroup-default-cert', 'superadmin', true, 'superadmin', now(),
        'superadmin', now(), false, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.partner (id, policy_group_id, name, address, contact_no, email_id, certificate_alias, user_id, partner_type_code,
                         approval_status, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes, lang_code)
VALUES ('mpartner-default-cert', 'mpolicygroup-default-cert', 'mpartner-default-cert', 'mpartner-default-cert', '9232121212', 'info@mosip.io',
        NULL, 'mpartner-default-cert', 'Credential_Partner', 'approved', true, 'superadmin', now(), 'superadmin', now(), false, NULL, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.partner_h (id, eff_dtimes, policy_group_id, name, address, contact_no, email_id, certificate_alias, user_id, partner_type_code,
                           approval_status, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes, lang_code)
VALUES ('mpartner-default-cert', now(), 'mpolicygroup-default-cert', 'mpartner-default-cert', 'mpartner-default-cert', '9232121212', 'info@mosip.io',
        NULL, 'mpartner-default-cert', 'Credential_Partner', 'approved', true, 'superadmin', now(), 'superadmin', now(), false, NULL, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date, valid_to_date,
                             is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
VALUES ('mpolicy-default-cert', 'mpolicygroup-default-cert', 'mpolicy-default-cert', 'mpolicy-default-cert',
       '{"shareableAttributes":['
       || '{"attributeName":"fullName","source":[{"attribute":"fullName"}],"encrypted":true},'
       || '{"attributeName":"dateOfBirth","source":[{"attribute":"dateOfBirth"}],"encrypted":true},'
       || '{"attributeName":"gender","source":[{"attribute":"gender"}],"encrypted":true},'
       || '{"attributeName":"phone","source":[{"attribute":"phone"}],"encrypted":true},'
       || '{"attributeName":"email","source":[{"attribute":"email"}],"encrypted":true},'
       || '{"attributeName":"addressLine1","source":[{"attribute":"addressLine1"}],"encrypted":true},'
       || '{"attributeName":"addressLine2","source":[{"attribute":"addressLine2"}],"encrypted":true},'
       || '{"attributeName":"addressLine3","source":[{"attribute":"addressLine3"}],"encrypted":true},'
       || '{"attributeName":"region","source":[{"attribute":"region"}],"encrypted":true},'
       || '{"attributeName":"province","source":[{"attribute":"province"}],"encrypted":true},'
       || '{"attributeName":"city","source":[{"attribute":"city"}],"encrypted":true},'
       || '{"attributeName":"postalCode","source":[{"attribute":"postalCode"}],"encrypted":true},'
       || '{"attributeName":"individualBiometrics","group":"CBEFF","source":[{"attribute":"individualBiometrics"}],"encrypted":true,"format":"extraction"}'
       || '],"dataSharePolicies":{"typeOfShare":"Data Share","validForInMinutes":"30","transactionsAllowed":"2","encryptionType":"none",'
       || '"shareDomain":"datashare.datashare","source":"ID Repository"}}',
       'DataShare', '1', 'https://schemas.mosip.io/v1/auth-policy', now(), now() + interval '12 years', true, 'admin', now(), 'admin', now(), false, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, cr_dtimes, upd_by, upd_dtimes,
                                        is_deleted, del_dtimes)
VALUES ('mpartner_policy_cert_req', 'mpartner-default-cert', 'mpolicy-default-cert', now(), 'mpolicy-default-cert', 'approved', 'admin', now(),
        'admin', now(), NULL, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.partner_policy (policy_api_key, part_id, policy_id, valid_from_datetime, valid_to_datetime, is_active, cr_by, cr_dtimes, upd_by,
                                upd_dtimes, is_deleted, del_dtimes, label)
VALUES ('mpolicy_part_cert_api', 'mpartner-default-cert', 'mpolicy-default-cert', now(), now() + interval '12 years', true, 'admin', now(), 'admin',
        now(), false, NULL, 'mpolicy_part_cert_api')
ON CONFLICT DO NOTHING;

-- Device types and subtypes of 1.2.0.1 (the tables are new here; the authdevice/regdevice type rows stay behind).
INSERT INTO pms.reg_device_type (code, name, descr, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
SELECT code, code, descr, true, 'superadmin', timestamp '2022-12-16 12:30:14.100', NULL, NULL, false, NULL
  FROM (VALUES ('Finger', 'Fingerprint Biometric'), ('Face', 'Face Biometric'), ('Iris', 'Iris Biometric')) AS v(code, descr);
INSERT INTO pms.reg_device_sub_type (code, dtyp_code, name, descr, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
SELECT code, dtyp_code, code, descr, true, 'superadmin', timestamp '2022-12-16 12:30:14.100', NULL, NULL, false, NULL
  FROM (VALUES ('Slap', 'Finger', 'Fingerprint Slap'), ('Single', 'Finger', 'Fingerprint Single Finger'), ('Touchless', 'Finger', 'Touch Fingerprint'),
               ('Single', 'Iris', 'Single Iris'), ('Double', 'Iris', 'Double Iris'), ('Full face', 'Face', 'Full face')) AS v(code, dtyp_code, descr);

-- MOSIP empties partner_policy_credential_type and inserts these 4 rows: ours keeps the V2 rows and adds those of the 4 that are
-- missing (docs/schema-differences.md).
INSERT INTO pms.partner_policy_credential_type (part_id, policy_id, credential_type, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted,
                                                del_dtimes)
SELECT v.part_id, v.policy_id, v.credential_type, true, 'superadmin', timestamp '2022-12-16 12:30:14.100', NULL, NULL, false, NULL
  FROM (VALUES ('mpartner-default-print', 'mpolicy-default-qrcode', 'qrcode'), ('mpartner-default-print', 'mpolicy-default-euin', 'euin'),
               ('mpartner-default-print', 'mpolicy-default-reprint', 'reprint'), ('mpartner-default-auth', 'mpolicy-default-auth', 'auth'))
       AS v(part_id, policy_id, credential_type)
 WHERE EXISTS (SELECT 1 FROM pms.partner p WHERE p.id = v.part_id) AND EXISTS (SELECT 1 FROM pms.auth_policy a WHERE a.id = v.policy_id)
ON CONFLICT DO NOTHING;
