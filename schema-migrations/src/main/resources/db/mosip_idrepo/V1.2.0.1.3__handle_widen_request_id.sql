-- mosip_idrepo: MOSIP step 1.2.0.1-B3. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = idrepo;
-- MOSIP's upgrade.csv skips this step (B2 -> B3); without it idrepo lacks `handle` and keeps request_id varchar(36).
-- MOSIP runs it connected as sysadmin (so `handle` ends owned by sysadmin); ours runs as the migrating superuser.
ALTER TABLE idrepo.credential_request_status ALTER COLUMN request_id TYPE varchar(64);
CREATE TABLE idrepo.handle (
    id varchar(36) NOT NULL,
    uin_hash varchar NOT NULL,
    handle varchar NOT NULL,
    handle_hash varchar NOT NULL,
    cr_by varchar(256) NOT NULL,
    cr_dtimes timestamp NOT NULL
);
ALTER TABLE idrepo.handle ADD CONSTRAINT pk_handle PRIMARY KEY (id);
ALTER TABLE idrepo.handle ADD CONSTRAINT uk_handle UNIQUE (handle_hash);
