-- mosip_pms: MOSIP step 1.2.0.1-B3. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = pms;
-- No change in MOSIP 1.2.0.1 for this build step (kept so that version numbers match MOSIP's step names).
