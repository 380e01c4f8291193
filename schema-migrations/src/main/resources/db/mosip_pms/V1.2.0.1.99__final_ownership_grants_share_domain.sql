-- mosip_pms: MOSIP step final (-> 1.2.0.1). Written for mosip-migrate from /work/shared/mosip facts; runs in one transaction.
SET LOCAL search_path = pms;
-- MOSIP's final step is empty. Ours: partner policies' datashare domain as 1.2.0.1 expects (schema.shareDomainFrom ->
-- schema.shareDomainTo; MOSIP leaves this to the operator), then ownership and grants of a fresh 1.2.0.1 install.
UPDATE pms.auth_policy
   SET policy_file_id = regexp_replace(policy_file_id, '("shareDomain"\s*:\s*")' || regexp_replace('${shareDomainFrom}', '([.\\\-])', '\\\1', 'g') || '"',
                                       '\1' || '${shareDomainTo}' || '"', 'g')
 WHERE '${shareDomainTo}' <> '' AND policy_file_id ~ ('"shareDomain"\s*:\s*"' || regexp_replace('${shareDomainFrom}', '([.\\\-])', '\\\1', 'g') || '"');
UPDATE pms.auth_policy_h
   SET policy_file_id = regexp_replace(policy_file_id, '("shareDomain"\s*:\s*")' || regexp_replace('${shareDomainFrom}', '([.\\\-])', '\\\1', 'g') || '"',
                                       '\1' || '${shareDomainTo}' || '"', 'g')
 WHERE '${shareDomainTo}' <> '' AND policy_file_id ~ ('"shareDomain"\s*:\s*"' || regexp_replace('${shareDomainFrom}', '([.\\\-])', '\\\1', 'g') || '"');
SELECT pg_temp.mm_reset_ownership('pms', 'pmsuser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
