package org.mosipmigrate.verify.keystore;

/**
 * One entry of an opened keystore: {@code token} (the SoftHSM token directory name, or the PKCS12 file
 * name), {@code alias} (PKCS#11 CKA_LABEL or PKCS12 alias), kind ({@code private-key}, {@code secret-key},
 * {@code certificate}), key algorithm, certificate subject, expiry (ISO-8601) and SHA-256 thumbprint, and
 * the outcome of the sign + verify round trip ({@code ok}, {@code failed: ...}, or null when not applicable).
 * Never holds key material or secrets.
 */
public record KeyEntry(String token, String alias, String kind, String algorithm, String subject, String notAfter, String certSha256,
                       String signVerify) {
    /** What must be equal on source and target. */
    public String identity() {
        return kind + " " + algorithm + " cert " + (certSha256 == null ? "-" : certSha256.substring(0, 16)) + " until " + notAfter;
    }

    public String key() {
        return token + "/" + alias;
    }
}
