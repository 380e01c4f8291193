-- mosip_idmap: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = idmap;
SELECT pg_temp.mm_reset_ownership('idmap', 'idmapuser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
