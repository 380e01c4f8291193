package org.mosipmigrate.core.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Tamper evidence for the manifest: an HMAC-SHA256 under a key derived from the backup key. The
 * manifest lists every file's SHA-256, so a valid seal vouches for the whole backup set.
 */
public final class ManifestSeal {
    public static final String ALGORITHM = "HMAC-SHA256(HKDF(backup key, \"mosip-migrate manifest v1\"))";

    private ManifestSeal() {
    }

    public record Seal(String keyId, String algorithm, String mac) {
    }

    public static Seal seal(byte[] manifestBytes, BackupKey key) {
        return new Seal(key.keyId(), ALGORITHM, HexFormat.of().formatHex(mac(manifestBytes, key)));
    }

    public static boolean verify(byte[] manifestBytes, Seal seal, BackupKey key) {
        return key.keyId().equals(seal.keyId())
                && MessageDigest.isEqual(mac(manifestBytes, key), HexFormat.of().parseHex(seal.mac()));
    }

    private static byte[] mac(byte[] data, BackupKey key) {
        byte[] macKey = key.derive("manifest".getBytes(StandardCharsets.US_ASCII), "mosip-migrate manifest v1");
        return BackupKey.hmac(macKey, data);
    }
}
