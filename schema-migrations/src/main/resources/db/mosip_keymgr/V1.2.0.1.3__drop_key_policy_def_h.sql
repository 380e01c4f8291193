-- mosip_keymgr: MOSIP step 1.2.0.1-B3. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = keymgr;
DROP TABLE IF EXISTS keymgr.key_policy_def_h;
