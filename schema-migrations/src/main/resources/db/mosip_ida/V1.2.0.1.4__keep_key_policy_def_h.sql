-- mosip_ida: MOSIP step 1.2.0.1-B4. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = ida;
-- MOSIP drops ida.key_policy_def_h here, but a fresh 1.2.0.1 install has it (with pre_expire_days and access_allowed,
-- added in B1). We keep it, so the upgraded schema equals the fresh one; its V2 rows stay (history of key policies).
SELECT 1;
