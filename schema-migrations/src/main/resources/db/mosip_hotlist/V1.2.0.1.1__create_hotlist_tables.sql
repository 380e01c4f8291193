-- mosip_hotlist: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = hotlist;
-- The database and the role hotlistuser are created (when absent) by mosip-migrate before this step: CREATE DATABASE cannot
-- run in a transaction, and the role's password comes from the config (schema.newRolePasswordEnv), never from a script.
-- A V3 postgres-init may already have created the tables: every statement is idempotent.
CREATE TABLE IF NOT EXISTS hotlist.hotlist (
    id_hash varchar(128) NOT NULL,
    id_value varchar NOT NULL,
    id_type varchar(128) NOT NULL,
    status varchar(64),
    start_timestamp timestamp,
    expiry_timestamp timestamp,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean,
    del_dtimes timestamp
);
DO $c$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'hotlist' AND c.conname = 'pk_idHashidType') THEN
  ALTER TABLE hotlist.hotlist ADD CONSTRAINT "pk_idHashidType" PRIMARY KEY (id_hash, id_type);
END IF; END $c$;
CREATE TABLE IF NOT EXISTS hotlist.hotlist_h (
    id_hash varchar(128) NOT NULL,
    id_value varchar NOT NULL,
    id_type varchar(128) NOT NULL,
    status varchar(64),
    start_timestamp timestamp NOT NULL,
    expiry_timestamp timestamp,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL,
    upd_by varchar(256),
    upd_dtimes timestamp,
    is_deleted boolean,
    del_dtimes timestamp
);
DO $c$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = 'hotlist' AND c.conname = 'pk_idHashidTypestarttimestamp') THEN
  ALTER TABLE hotlist.hotlist_h ADD CONSTRAINT "pk_idHashidTypestarttimestamp" PRIMARY KEY (id_hash, id_type, start_timestamp);
END IF; END $c$;
