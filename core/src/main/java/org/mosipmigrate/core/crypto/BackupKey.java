package org.mosipmigrate.core.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * The 256-bit key that protects a backup set. Files never see it directly: each encrypted file gets
 * its own key derived with HKDF from a random salt, and the manifest signature uses a separate derived
 * MAC key. The key id (a MAC of a constant) names the key in the manifest without revealing it.
 */
public final class BackupKey {
    private final byte[] key;
    private final String keyId;

    private BackupKey(byte[] key) {
        if (key.length != 32) {
            throw new MigrateException(ErrorCode.CONFIG, "the backup encryption key must be 32 bytes (256 bits), got " + key.length,
                    "create one with: head -c 32 /dev/urandom | base64 > backup.key");
        }
        this.key = key.clone();
        this.keyId = HexFormat.of().formatHex(Arrays.copyOf(hmac(this.key, "mosip-migrate key id".getBytes(StandardCharsets.UTF_8)), 8));
    }

    public static BackupKey generate() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new BackupKey(k);
    }

    public static BackupKey of(byte[] raw) {
        return new BackupKey(raw);
    }

    /** A file holding 32 raw bytes, or their base64 or hex text. */
    public static BackupKey fromFile(Path file) {
        try {
            byte[] content = Files.readAllBytes(file);
            return content.length == 32 ? new BackupKey(content) : parse(new String(content, StandardCharsets.US_ASCII).strip(), "file " + file);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.CONFIG, "cannot read the backup encryption key file " + file + " (" + e.getClass().getSimpleName() + ")",
                    "check encryption.keyFile and the file's permissions");
        }
    }

    public static BackupKey fromEnv(String variable, Map<String, String> env) {
        String v = env.get(variable);
        if (v == null) {
            throw new MigrateException(ErrorCode.CONFIG, "environment variable " + variable + " (encryption.keyEnv) is not set",
                    "export it with the base64 or hex form of the 32-byte key");
        }
        return parse(v.strip(), "environment variable " + variable);
    }

    private static BackupKey parse(String text, String where) {
        try {
            if (text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return new BackupKey(HexFormat.of().parseHex(text));
            }
            return new BackupKey(Base64.getDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            throw new MigrateException(ErrorCode.CONFIG, "the backup encryption key in " + where + " is neither base64 nor hex of 32 bytes",
                    "create one with: head -c 32 /dev/urandom | base64");
        }
    }

    public String keyId() {
        return keyId;
    }

    /** HKDF-SHA256 (RFC 5869) of this key with the given salt and purpose. */
    byte[] derive(byte[] salt, String purpose) {
        byte[] prk = hmac(salt, key);
        byte[] info = purpose.getBytes(StandardCharsets.UTF_8);
        byte[] t = new byte[info.length + 1];
        System.arraycopy(info, 0, t, 0, info.length);
        t[info.length] = 1;
        return hmac(prk, t); // one block = 32 bytes, all we need
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "BackupKey(" + keyId + ")";
    }
}
