-- mosip_kernel: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = kernel;
SELECT pg_temp.mm_reset_ownership('kernel', 'kerneluser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
CREATE INDEX IF NOT EXISTS idx_prid_status ON kernel.prid USING btree (prid_status);
