-- mosip_audit: MOSIP step 1.2.0.1-B1. Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = audit;
SELECT pg_temp.mm_reset_ownership('audit', 'audituser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
-- rewrites the table (the biggest of the platform): expect minutes on large audit logs
ALTER TABLE audit.app_audit_log ALTER COLUMN host_ip TYPE varchar(256);
