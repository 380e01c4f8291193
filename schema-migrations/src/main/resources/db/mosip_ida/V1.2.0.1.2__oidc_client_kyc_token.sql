-- mosip_ida: MOSIP step 1.2.0.1-B2. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = ida;
ALTER TABLE ida.misp_license_data ADD COLUMN policy_id varchar(50);
ALTER TABLE ida.partner_mapping ALTER COLUMN api_key_id TYPE varchar(100);
CREATE TABLE ida.oidc_client_data (
    oidc_client_id varchar(100) NOT NULL,
    oidc_client_name varchar(128) NOT NULL,
    oidc_client_status varchar(36) NOT NULL,
    user_claims varchar(1024) NOT NULL,
    auth_context_refs varchar(1024) NOT NULL,
    client_auth_methods varchar(1024) NOT NULL,
    partner_id varchar(36) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.oidc_client_data ADD CONSTRAINT oidc_client_data_pk PRIMARY KEY (oidc_client_id);
CREATE TABLE ida.kyc_token_store (
    id varchar(36) NOT NULL,
    id_vid_hash varchar(128) NOT NULL,
    kyc_token varchar(128),
    psu_token varchar(128),
    oidc_client_id varchar(128),
    token_issued_dtimes timestamp,
    auth_req_dtimes timestamp,
    kyc_token_status varchar(36),
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE ida.kyc_token_store ADD CONSTRAINT kyc_token_const UNIQUE (kyc_token);
ALTER TABLE ida.kyc_token_store ADD CONSTRAINT pk_key_id PRIMARY KEY (id);
