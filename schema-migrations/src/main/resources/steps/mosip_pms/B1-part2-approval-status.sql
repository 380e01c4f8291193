-- mosip_pms 1.2.0.1-B1, part 2 (after the device rows moved in), run by PmsB1DeviceFold in the step's transaction.
SET LOCAL search_path = pms;
ALTER TABLE pms.ftp_chip_detail ADD COLUMN approval_status varchar(36);
UPDATE pms.ftp_chip_detail SET approval_status = CASE WHEN certificate_alias IS NULL THEN 'pending_cert_upload'
                                                      WHEN NOT is_active THEN 'pending_approval' ELSE 'approved' END;
ALTER TABLE pms.ftp_chip_detail ALTER COLUMN approval_status SET NOT NULL;

-- Seed rows of MOSIP's step, every value as its step inserts it (fixed timestamps included); a row whose key exists is left as it is.
-- The digital card partner: partner, its history row, policy group, the policies digitalcard and PDFCard (with history), two API keys,
-- bio-extraction settings, the PDFCard credential type and two approved policy requests.
INSERT INTO pms.partner (id, policy_group_id, name, address, contact_no, email_id, certificate_alias, user_id, partner_type_code, approval_status,
                         is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
VALUES ('mpartner-default-digitalcard', 'mpolicygroup-default-digitalcard', 'IITB', 'mpartner-default-digitalcard', '9232121212',
        'digitalcard@mosip.io', '94d4ae61-31f0-42ca-97ae-8f4953f41fb6', 'mpartner-default-digitalcard', 'Credential_Partner', 'approved', true,
        'superadmin', timestamp '2020-12-16 12:30:13.973', '110006', timestamp '2022-06-01 08:01:35.025', false, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.partner_h (id, eff_dtimes, policy_group_id, name, address, contact_no, email_id, certificate_alias, user_id, partner_type_code,
                           approval_status, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
VALUES ('mpartner-default-digitalcard', timestamp '2020-12-16 12:30:14.306', 'mpolicygroup-default-digitalcard', 'IITB',
        'mpartner-default-digitalcard', '9232121212', 'digitalcard@mosip.io', NULL, 'mpartner-default-resident', 'Credential_Partner', 'Activated',
        true, 'superadmin', timestamp '2020-12-16 12:30:14.306', 'superadmin', timestamp '2020-12-16 12:30:14.306', NULL, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.policy_group (id, name, descr, user_id, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
VALUES ('mpolicygroup-default-digitalcard', 'mpolicygroup-default-digitalcard', 'mpolicygroup-default-digitalcard', 'superadmin', true,
        'superadmin', timestamp '2020-12-16 12:30:14.100', 'superadmin', timestamp '2020-12-16 12:30:14.100', NULL, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.auth_policy (id, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date, valid_to_date,
                             is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
VALUES ('mpolicy-default-digitalcard', 'mpolicygroup-default-digitalcard', 'mpolicy-default-digitalcard', 'To Share Data',
        '{"dataSharePolicies":{"typeOfShare":"Data Share","validForInMinutes":"250","transactionsAllowed":"1000","encryptionType":"none","shareDomain":"datashare-service","source":"Print"},"shareableAttributes":[]}', 'Datashare', '1.0', 'https://schemas.mosip.io/v1/auth-policy',
        timestamp '2022-04-04 12:48:58.193', timestamp '2022-10-01 12:49:05.712', true, '110068', timestamp '2022-04-04 12:48:58.193', '110068',
        timestamp '2022-04-04 12:49:05.712', false, NULL),
       ('mpolicy-default-PDFCard', 'mpolicygroup-default-digitalcard', 'mpolicy-default-PDFCard', 'mpolicy-default-PDFCard',
         '{"dataSharePolicies":{"typeOfShare":"direct","validForInMinutes":"30","transactionsAllowed":"2","encryptionType":"Partner Based","shareDomain":"datashare.datashare","source":"ID Repository"},"shareableAttributes":['
         || '{"attributeName":"fullName","source":[{"attribute":"fullName"}],"encrypted":false},'
         || '{"attributeName":"dateOfBirth","source":[{"attribute":"dateOfBirth"}],"encrypted":false,"format":"DD/MM/YYYY"},'
         || '{"attributeName":"gender","source":[{"attribute":"gender"}],"encrypted":false},'
         || '{"attributeName":"phone","source":[{"attribute":"phone"}],"encrypted":false},'
         || '{"attributeName":"email","source":[{"attribute":"email"}],"encrypted":false},'
         || '{"attributeName":"addressLine1","source":[{"attribute":"addressLine1"}],"encrypted":false},'
         || '{"attributeName":"addressLine2","source":[{"attribute":"addressLine2"}],"encrypted":false},'
         || '{"attributeName":"addressLine3","source":[{"attribute":"addressLine3"}],"encrypted":false},'
         || '{"attributeName":"region","source":[{"attribute":"region"}],"encrypted":false},'
         || '{"attributeName":"province","source":[{"attribute":"province"}],"encrypted":false},'
         || '{"attributeName":"city","source":[{"attribute":"city"}],"encrypted":false},'
         || '{"attributeName":"UIN","source":[{"attribute":"UIN"}],"encrypted":false},'
         || '{"attributeName":"PCN","source":[{"attribute":"VID","filter":[{"type":"PERPETUAL"}]}],"encrypted":false,"format":"RETRIEVE"},'
         || '{"attributeName":"postalCode","source":[{"attribute":"postalCode"}],"encrypted":false},'
         || '{"attributeName":"bestTwoFingers","group":"CBEFF","source":[{"attribute":"individualBiometrics","filter":[{"type":"Finger"}]}],"encrypted":false,"format":"bestTwoFingers"},'
         || '{"attributeName":"biometrics","group":"CBEFF","source":[{"attribute":"individualBiometrics","filter":[{"type":"Face"},{"type":"Finger","subType":["Left Thumb","Right Thumb"]}]}],"encrypted":false,"format":"extraction"}'
         || ']}',
        'DataShare', '1', 'https://schemas.mosip.io/v1/auth-policy', timestamp '2022-09-20 09:00:54.316627', timestamp '2025-04-28 09:37:00', true,
        'admin', timestamp '2022-09-20 09:00:54.316627', 'admin', timestamp '2022-09-20 09:00:54.316627', false, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.auth_policy_h (id, eff_dtimes, policy_group_id, name, descr, policy_file_id, policy_type, version, policy_schema, valid_from_date,
                               valid_to_date, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
VALUES ('mpolicy-default-digitalcard', timestamp '2020-11-14 05:59:00', 'mpolicygroup-default-digitalcard', 'mpolicy-default-digitalcard',
        'mpolicy-default-digitalcard', '{"dataSharePolicies":{"typeOfShare":"Data Share","validForInMinutes":"30","transactionsAllowed":"2","encryptionType":"none","shareDomain":"datashare-service","source":"Print"},"shareableAttributes":[]}',
        'DataShare', '1', 'https://schemas.mosip.io/v1/auth-policy', timestamp '2020-12-16 12:30:14.343', timestamp '2025-05-02 09:37:00', true,
        'admin', timestamp '2020-12-16 12:30:14.343', 'admin', timestamp '2020-12-16 12:30:14.343', NULL, NULL),
       ('mpolicy-default-PDFCard', timestamp '2020-11-13 05:58:00', 'mpolicygroup-default-digitalcard', 'mpolicy-default-PDFCard',
        'mpolicy-default-PDFCard',
         '{"dataSharePolicies":{"typeOfShare":"direct","validForInMinutes":"30","transactionsAllowed":"2","encryptionType":"Partner Based","shareDomain":"datashare.datashare","source":"ID Repository"},"shareableAttributes":['
         || '{"attributeName":"fullName","source":[{"attribute":"fullName","filter":[{"language":"eng"}]}],"encrypted":false},'
         || '{"attributeName":"dateOfBirth","source":[{"attribute":"dateOfBirth"}],"encrypted":false,"format":"YYYY"},'
         || '{"attributeName":"gender","source":[{"attribute":"gender"}],"encrypted":false},'
         || '{"attributeName":"phone","source":[{"attribute":"phone"}],"encrypted":false},'
         || '{"attributeName":"email","source":[{"attribute":"email"}],"encrypted":false},'
         || '{"attributeName":"addressLine1","source":[{"attribute":"addressLine1"}],"encrypted":false},'
         || '{"attributeName":"addressLine2","source":[{"attribute":"addressLine2"}],"encrypted":false},'
         || '{"attributeName":"addressLine3","source":[{"attribute":"addressLine3"}],"encrypted":false},'
         || '{"attributeName":"region","source":[{"attribute":"region"}],"encrypted":false},'
         || '{"attributeName":"province","source":[{"attribute":"province"}],"encrypted":false},'
         || '{"attributeName":"city","source":[{"attribute":"city"}],"encrypted":false},'
         || '{"attributeName":"UIN","source":[{"attribute":"UIN"}],"encrypted":false},'
         || '{"encrypted":false,"format":"RETRIEVE","attributeName":"VID","source":[{"filter":[{"type":"PERPETUAL"}],"attribute":"VID"}]},'
         || '{"attributeName":"postalCode","source":[{"attribute":"postalCode"}],"encrypted":false},'
         || '{"attributeName":"biometrics","group":"CBEFF","source":[{"attribute":"individualBiometrics","filter":[{"type":"Face"},{"type":"Finger","subType":["Left Thumb","Right Thumb"]}]}],"encrypted":false,"format":"extraction"}'
         || ']}',
        'DataShare', '1', 'https://schemas.mosip.io/v1/auth-policy', timestamp '2020-12-16 12:30:14.343', timestamp '2025-05-01 09:37:00', true,
        'admin', timestamp '2020-12-16 12:30:14.343', 'admin', timestamp '2020-12-16 12:30:14.343', NULL, NULL)
ON CONFLICT DO NOTHING;
-- (MOSIP's step labels both API keys mpolicy_part_PDFCard_api and points both at the digitalcard policy; kept as it inserts them)
INSERT INTO pms.partner_policy (policy_api_key, part_id, policy_id, valid_from_datetime, valid_to_datetime, is_active, cr_by, cr_dtimes, upd_by,
                                upd_dtimes, is_deleted, del_dtimes, label)
VALUES ('mpolicy_part_digitalcard_api', 'mpartner-default-digitalcard', 'mpolicy-default-digitalcard', timestamp '2022-04-04 13:21:20.172',
        timestamp '2022-07-03 13:21:20.172', true, 'service-account-mosip-regproc-client', timestamp '2022-04-04 13:21:20.172', 'admin',
        timestamp '2022-02-21 07:02:26.223', false, NULL, 'mpolicy_part_PDFCard_api'),
       ('mpolicy_part_PDFCard_api', 'mpartner-default-digitalcard', 'mpolicy-default-digitalcard', timestamp '2022-02-21 07:02:26.223',
        timestamp '2025-12-01 05:31:00', true, 'admin', timestamp '2022-02-21 07:02:26.223', 'admin', timestamp '2022-02-21 07:02:26.223', false,
        NULL, 'mpolicy_part_PDFCard_api')
ON CONFLICT DO NOTHING;
INSERT INTO pms.partner_policy_bioextract (id, part_id, policy_id, attribute_name, extractor_provider, extractor_provider_version, biometric_modality,
                                           biometric_sub_types, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
SELECT id, 'mpartner-default-digitalcard', 'mpolicy-default-PDFCard', attribute_name, 'mock', '1.1', modality, NULL, 'admin',
       timestamp '2022-02-21 07:02:26.256', 'admin', timestamp '2022-02-21 07:02:26.256', false, NULL
  FROM (VALUES ('146210', 'photo', 'face'), ('146211', 'iris', 'iris'), ('146212', 'fingerprint', 'finger')) AS v(id, attribute_name, modality)
ON CONFLICT DO NOTHING;
INSERT INTO pms.partner_policy_credential_type (part_id, policy_id, credential_type, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted,
                                                del_dtimes)
VALUES ('mpartner-default-digitalcard', 'mpolicy-default-PDFCard', 'PDFCard', true, 'service-account-mosip-regproc-client',
        timestamp '2022-04-04 13:29:10.383', NULL, NULL, false, NULL)
ON CONFLICT DO NOTHING;
INSERT INTO pms.partner_policy_request (id, part_id, policy_id, request_datetimes, request_detail, status_code, cr_by, cr_dtimes, upd_by, upd_dtimes,
                                        is_deleted, del_dtimes)
SELECT id, 'mpartner-default-digitalcard', policy, timestamp '2022-02-21 07:02:26.292', policy, 'approved', 'admin',
       timestamp '2022-02-21 07:02:26.292', 'admin', timestamp '2022-02-21 07:02:26.292', NULL, NULL
  FROM (VALUES ('mpartner_policy_PDFCard_req', 'mpolicy-default-PDFCard'), ('mpartner_policy_digitalcard_req', 'mpolicy-default-digitalcard'))
       AS v(id, policy)
ON CONFLICT DO NOTHING;

-- The partner types 1.2.0.1 adds.
INSERT INTO pms.partner_type (code, partner_description, is_policy_required, is_active, cr_by, cr_dtimes, upd_by, upd_dtimes, is_deleted, del_dtimes)
SELECT code, descr, true, true, 'superadmin', now(), NULL, NULL, false, NULL
  FROM (VALUES ('Internal_Partner', 'Used internally to share certs'), ('Print_Partner', 'Print Partner'), ('SDK_Partner', 'SDK Partner'))
       AS v(code, descr)
ON CONFLICT DO NOTHING;

SELECT pg_temp.mm_reset_ownership('pms', 'pmsuser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
