-- mosip_audit: MOSIP step 1.2.0.1-B2. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = audit;
-- No change in MOSIP 1.2.0.1 for this build step (kept so that version numbers match MOSIP's step names).
