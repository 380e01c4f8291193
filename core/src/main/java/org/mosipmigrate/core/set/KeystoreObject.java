package org.mosipmigrate.core.set;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One object of a keystore as mosip-migrate sees it: for a SoftHSM token every PKCS#11 object (private, public and
 * secret keys, certificates, other classes), for a PKCS12 file every entry. Recorded at backup in the keystores
 * manifest and listed by verify on source and target. Never holds key material or a secret: public keys appear only
 * as the SHA-256 of their SubjectPublicKeyInfo, secret keys only as a key check value computed inside the token.
 *
 * @param token        SoftHSM token directory name, or the PKCS12 file name
 * @param label        CKA_LABEL or the PKCS12 alias
 * @param id           CKA_ID in hex (null for PKCS12 or when absent)
 * @param kind         {@code private-key}, {@code public-key}, {@code secret-key}, {@code certificate} or {@code data}/other class
 * @param keyType      RSA, EC, AES, DES3, GENERIC_SECRET, ... (for certificates: the type of the key they certify)
 * @param bits         RSA modulus or secret key length in bits (null when unknown)
 * @param curve        EC curve name or OID
 * @param extractable  CKA_EXTRACTABLE (null where it does not apply)
 * @param sensitive    CKA_SENSITIVE (null where it does not apply)
 * @param publicKeySha256 SHA-256 of the DER SubjectPublicKeyInfo of the key (pair) or of the certificate's key
 * @param kcv          key check value of a secret key: the first 3 bytes (hex) of a zero block encrypted (AES, DES3) or
 *                     MACed (HMAC) with the key inside the token
 * @param subject      certificate subject
 * @param notAfter     certificate expiry, ISO-8601
 * @param certSha256   SHA-256 thumbprint of the certificate
 * @param roundTrip    {@code ok} or {@code failed: ...} for the check this kind gets (sign + verify for a private key,
 *                     encrypt + decrypt or MAC + verify for a secret key), null where none applies
 */
public record KeystoreObject(String token, String label, String id, String kind, String keyType, Integer bits, String curve,
                             Boolean extractable, Boolean sensitive, String publicKeySha256, String kcv, String subject, String notAfter,
                             String certSha256, String roundTrip) {
    public static final String PRIVATE_KEY = "private-key";
    public static final String PUBLIC_KEY = "public-key";
    public static final String SECRET_KEY = "secret-key";
    public static final String CERTIFICATE = "certificate";

    /** How a finding names the object: token/label, with the id when there is one (and its text when it is printable). */
    public String key() {
        String text = idText();
        return token + "/" + (label == null || label.isEmpty() ? "(no label)" : label)
                + (id == null || id.isEmpty() ? "" : " (id " + id + (text == null ? "" : " \"" + text + "\"") + ")");
    }

    /**
     * The id as text when it is printable ASCII, else null. Java's SunPKCS11 KeyStore (which keymanager uses) stores a key
     * entry's alias as the CKA_ID of its private key, which gets no label, and as the CKA_LABEL of its certificate.
     */
    public String idText() {
        if (id == null || id.isEmpty() || id.length() % 2 != 0) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < id.length(); i += 2) {
            int c = Integer.parseInt(id.substring(i, i + 2), 16);
            if (c < 0x20 || c > 0x7e) {
                return null;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }

    /** Type and size, e.g. {@code RSA 2048}, {@code EC secp256r1}, {@code AES 256}. */
    public String algorithm() {
        if (keyType == null) {
            return null;
        }
        return keyType + (curve != null ? " " + curve : bits != null ? " " + bits : "");
    }

    /** Which objects of two keystores are the same object: kind, label and id, and the token unless only labels count (PKCS12). */
    public String matchKey(boolean byToken) {
        return (byToken ? token + "/" : "") + kind + "/" + label + "/" + (id == null ? "" : id);
    }

    /** The attributes that must be equal on both sides, each named, in a fixed order. */
    public List<String> differences(KeystoreObject other) {
        List<String> out = new ArrayList<>();
        diff(out, "type", algorithm(), other.algorithm());
        diff(out, "extractable", extractable, other.extractable);
        diff(out, "sensitive", sensitive, other.sensitive);
        diff(out, "public key SHA-256", publicKeySha256, other.publicKeySha256);
        diff(out, "KCV", kcv, other.kcv);
        diff(out, "certificate SHA-256", certSha256, other.certSha256);
        diff(out, "subject", subject, other.subject);
        diff(out, "notAfter", notAfter, other.notAfter);
        return out;
    }

    /** A short text for lists: what the object is and what identifies it. */
    public String describe() {
        StringBuilder sb = new StringBuilder(kind);
        if (algorithm() != null) {
            sb.append(' ').append(algorithm());
        }
        if (publicKeySha256 != null) {
            sb.append(", public key ").append(publicKeySha256, 0, Math.min(16, publicKeySha256.length())).append("..");
        }
        if (kcv != null) {
            sb.append(", KCV ").append(kcv);
        }
        if (subject != null) {
            sb.append(", ").append(subject);
        }
        return sb.toString();
    }

    public boolean failedRoundTrip() {
        return roundTrip != null && !"ok".equals(roundTrip);
    }

    private static void diff(List<String> out, String what, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            out.add(what + " " + shorten(a) + " vs " + shorten(b));
        }
    }

    private static String shorten(Object v) {
        String s = String.valueOf(v);
        return s.length() > 24 && s.matches("[0-9a-f]+") ? s.substring(0, 16) + ".." : s;
    }
}
