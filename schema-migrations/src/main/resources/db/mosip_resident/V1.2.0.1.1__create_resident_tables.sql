-- mosip_resident: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = resident;
-- The database and the role residentuser are created (when absent) by mosip-migrate before this step; MOSIP's script gives
-- residentuser the literal password 'dbuserpwd': ours never sets a password in SQL (schema.newRolePasswordEnv, else NOLOGIN).
-- A V3 postgres-init may already have created the tables: every statement is idempotent.
CREATE TABLE IF NOT EXISTS resident.otp_transaction (
    id varchar(36) NOT NULL,
    ref_id varchar(1024) NOT NULL,
    otp_hash varchar(512) NOT NULL,
    generated_dtimes timestamp,
    expiry_dtimes timestamp,
    validation_retry_count smallint,
    status_code varchar(36),
    lang_code varchar(3),
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean,
    del_dtimes timestamp
);
DO $c$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'resident' AND c.conname = 'pk_otpt_id') THEN
  ALTER TABLE resident.otp_transaction ADD CONSTRAINT pk_otpt_id PRIMARY KEY (id);
END IF; END $c$;
CREATE TABLE IF NOT EXISTS resident.resident_grievance_ticket (
    id varchar(64) NOT NULL,
    eventid varchar(64) NOT NULL,
    name varchar(256) NOT NULL,
    emailid varchar(128),
    alternateemailid varchar(128),
    phoneno varchar(64),
    alternatephoneno varchar(64),
    message varchar(1024) NOT NULL,
    hasattachment boolean DEFAULT false NOT NULL,
    status varchar(64) NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false NOT NULL,
    del_dtimes timestamp
);
DO $c$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'resident' AND c.conname = 'pk_resgrev_id') THEN
  ALTER TABLE resident.resident_grievance_ticket ADD CONSTRAINT pk_resgrev_id PRIMARY KEY (id);
END IF; END $c$;
CREATE TABLE IF NOT EXISTS resident.resident_session (
    session_id varchar(128) NOT NULL,
    ida_token varchar(128) NOT NULL,
    login_dtimes timestamp,
    ip_address varchar(128),
    host varchar(128),
    machine_type varchar(30)
);
DO $c$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'resident' AND c.conname = 'pk_session_id') THEN
  ALTER TABLE resident.resident_session ADD CONSTRAINT pk_session_id PRIMARY KEY (session_id);
END IF; END $c$;
CREATE TABLE IF NOT EXISTS resident.resident_transaction (
    event_id varchar(64) NOT NULL,
    request_trn_id varchar(64),
    request_dtimes timestamp NOT NULL,
    response_dtime timestamp NOT NULL,
    request_type_code varchar(128) NOT NULL,
    request_summary varchar(1024) NOT NULL,
    status_code varchar(36) NOT NULL,
    status_comment varchar(1024),
    lang_code varchar(3),
    ref_id_type varchar(36),
    ref_id varchar(64),
    token_id varchar(128) NOT NULL,
    requested_entity_type varchar(64),
    requested_entity_id varchar(36),
    requested_entity_name varchar(128),
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean DEFAULT false NOT NULL,
    del_dtimes timestamp,
    auth_type_code varchar(128),
    static_tkn_id varchar(64),
    request_signature varchar,
    response_signature varchar,
    olv_partner_id varchar(36),
    aid varchar(64),
    reference_link varchar(1024),
    read_status boolean DEFAULT false NOT NULL,
    pinned_status boolean DEFAULT false NOT NULL,
    purpose varchar(1024),
    credential_request_id varchar(256),
    attribute_list varchar(255),
    individual_id varchar(1024),
    consent varchar(50),
    tracking_id varchar(50)
);
DO $c$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'resident' AND c.conname = 'pk_restrn_event_id') THEN
  ALTER TABLE resident.resident_transaction ADD CONSTRAINT pk_restrn_event_id PRIMARY KEY (event_id);
END IF; END $c$;
CREATE TABLE IF NOT EXISTS resident.resident_user_actions (
    ida_token varchar(128) NOT NULL,
    last_bell_notif_click_dtimes timestamp
);
DO $c$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'resident' AND c.conname = 'pk_ida_token') THEN
  ALTER TABLE resident.resident_user_actions ADD CONSTRAINT pk_ida_token PRIMARY KEY (ida_token);
END IF; END $c$;
