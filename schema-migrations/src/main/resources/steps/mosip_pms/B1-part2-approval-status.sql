-- mosip_pms 1.2.0.1-B1, part 2 (after the device rows moved in), run by PmsB1DeviceFold in the step's transaction.
SET LOCAL search_path = pms;
ALTER TABLE pms.ftp_chip_detail ADD COLUMN approval_status varchar(36);
UPDATE pms.ftp_chip_detail SET approval_status = CASE WHEN certificate_alias IS NULL THEN 'pending_cert_upload'
                                                      WHEN NOT is_active THEN 'pending_approval' ELSE 'approved' END;
ALTER TABLE pms.ftp_chip_detail ALTER COLUMN approval_status SET NOT NULL;
SELECT pg_temp.mm_reset_ownership('pms', 'pmsuser', 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES');
