-- mosip_keymgr: MOSIP step 1.2.0.1-B3. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = keymgr;
-- 1.2.0.1 has no key_policy_def_h. MOSIP drops it with its rows; ours renames it to key_policy_def_h_migr_bkp, which
-- `cleanup --apply` saves in the backup set and drops.
DO $b$ BEGIN
  IF to_regclass('keymgr.key_policy_def_h') IS NOT NULL THEN
    ALTER TABLE keymgr.key_policy_def_h RENAME TO key_policy_def_h_migr_bkp;
    ALTER TABLE keymgr.key_policy_def_h_migr_bkp DROP CONSTRAINT IF EXISTS pk_keypdefh_id;
  END IF;
END $b$;
