-- mosip_master: MOSIP step final (-> 1.2.0.1). Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = master;
-- MOSIP's final step is empty; ours makes ownership and privileges those of a fresh 1.2.0.1 install
-- (objects owned by the migrating superuser, table privileges of the app role), covering tables created by later steps.
SELECT pg_temp.mm_reset_ownership('master', 'masteruser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
