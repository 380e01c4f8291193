-- mosip_idrepo: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = idrepo;
SELECT pg_temp.mm_reset_ownership('idrepo', 'idrepouser', 'SELECT, INSERT, UPDATE, DELETE, REFERENCES');
ALTER TABLE idrepo.uin_auth_lock ADD COLUMN unlock_expiry_datetime timestamp;
CREATE TABLE idrepo.credential_request_status (
    individual_id varchar(500) NOT NULL,
    individual_id_hash varchar(128) NOT NULL,
    partner_id varchar(36) NOT NULL,
    request_id varchar(36),
    token_id varchar(128),
    status varchar(36) NOT NULL,
    id_transaction_limit numeric,
    id_expiry_timestamp timestamp,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE idrepo.credential_request_status ADD CONSTRAINT credential_request_status_pk PRIMARY KEY (individual_id_hash, partner_id);
CREATE TABLE idrepo.uin_biometric_draft (
    reg_id varchar(39) NOT NULL,
    biometric_file_type varchar(36) NOT NULL,
    bio_file_id varchar(128) NOT NULL,
    biometric_file_name varchar(128) NOT NULL,
    biometric_file_hash varchar(64) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE idrepo.uin_biometric_draft ADD CONSTRAINT pk_uinbiodft_id PRIMARY KEY (reg_id, biometric_file_type);
ALTER TABLE idrepo.uin_biometric_draft ADD CONSTRAINT unq_biofileid UNIQUE (bio_file_id);
CREATE TABLE idrepo.uin_draft (
    reg_id varchar(39) NOT NULL,
    uin varchar(500) NOT NULL,
    uin_hash varchar(128) NOT NULL,
    uin_data bytea,
    uin_data_hash varchar(64),
    status_code varchar(32) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE idrepo.uin_draft ADD CONSTRAINT pk_uindft_id PRIMARY KEY (reg_id);
ALTER TABLE idrepo.uin_draft ADD CONSTRAINT unq_uin UNIQUE (uin);
ALTER TABLE idrepo.uin_draft ADD CONSTRAINT unq_uinhsh UNIQUE (uin_hash);
CREATE TABLE idrepo.uin_document_draft (
    reg_id varchar(39) NOT NULL,
    doccat_code varchar(36) NOT NULL,
    doctyp_code varchar(64) NOT NULL,
    doc_id varchar(128) NOT NULL,
    doc_name varchar(128) NOT NULL,
    docfmt_code varchar(36) NOT NULL,
    doc_hash varchar(64) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE idrepo.uin_document_draft ADD CONSTRAINT pk_uindocdft_id PRIMARY KEY (reg_id, doccat_code);
ALTER TABLE idrepo.uin_document_draft ADD CONSTRAINT unq_docid UNIQUE (doc_id);
CREATE TABLE idrepo.identity_update_count_tracker (
    id varchar NOT NULL,
    identity_update_count bytea NOT NULL
);
ALTER TABLE idrepo.identity_update_count_tracker ADD CONSTRAINT iut_pk PRIMARY KEY (id);
ALTER TABLE idrepo.uin ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE idrepo.uin_h ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE idrepo.uin_auth_lock ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE idrepo.uin_biometric ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE idrepo.uin_biometric_h ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE idrepo.uin_document ALTER COLUMN lang_code DROP NOT NULL;
ALTER TABLE idrepo.uin_document_h ALTER COLUMN lang_code DROP NOT NULL;
