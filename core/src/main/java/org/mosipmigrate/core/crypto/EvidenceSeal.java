package org.mosipmigrate.core.crypto;

import java.nio.charset.StandardCharsets;

/**
 * The MAC of an evidence pack: HMAC-SHA256 under a key derived (HKDF) from the evidence key with its own purpose,
 * so a MAC can never be confused with a backup-set manifest seal made with the same key.
 */
public final class EvidenceSeal {
    public static final String ALGORITHM = "HMAC-SHA256(HKDF(key, \"mosip-migrate evidence v1\")) over the bytes of evidence.json"
            + " with this mac written as 64 zeros";

    private EvidenceSeal() {
    }

    public static byte[] mac(byte[] data, BackupKey key) {
        byte[] macKey = key.derive("evidence".getBytes(StandardCharsets.US_ASCII), "mosip-migrate evidence v1");
        return BackupKey.hmac(macKey, data);
    }
}
