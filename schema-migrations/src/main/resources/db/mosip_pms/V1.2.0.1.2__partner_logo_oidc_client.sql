-- mosip_pms: MOSIP step 1.2.0.1-B2. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = pms;
ALTER TABLE pms.partner ADD COLUMN logo_url varchar(256), ADD COLUMN addl_info varchar;
ALTER TABLE pms.partner_h ADD COLUMN logo_url varchar(256), ADD COLUMN addl_info varchar;
ALTER TABLE pms.misp_license ADD COLUMN policy_id varchar(36);
CREATE TABLE pms.oidc_client (
    id varchar(100) NOT NULL,
    name varchar(256) NOT NULL,
    rp_id varchar(100) NOT NULL,
    policy_id varchar(50) NOT NULL,
    logo_uri varchar(2048) NOT NULL,
    redirect_uris varchar NOT NULL,
    claims varchar NOT NULL,
    acr_values varchar NOT NULL,
    public_key varchar NOT NULL,
    grant_types varchar(256) NOT NULL,
    auth_methods varchar(256) NOT NULL,
    status varchar(20) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false,
    del_dtimes timestamp
);
ALTER TABLE pms.oidc_client ADD CONSTRAINT pk_oidc_client PRIMARY KEY (id);
ALTER TABLE pms.oidc_client ADD CONSTRAINT uq_oidc_client_public_key UNIQUE (public_key);
