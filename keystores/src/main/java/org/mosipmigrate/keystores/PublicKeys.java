package org.mosipmigrate.keystores;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.HexFormat;

/** Public keys from PKCS#11 attributes, their fingerprints (SHA-256 of the DER SubjectPublicKeyInfo), sizes and curve names. */
final class PublicKeys {
    private PublicKeys() {
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The same value openssl prints for {@code pkey -pubin -outform DER | sha256sum}, and for a certificate's key. */
    static String fingerprint(PublicKey key) {
        return key == null ? null : sha256(key.getEncoded());
    }

    static PublicKey rsa(BigInteger modulus, BigInteger exponent) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    }

    /**
     * An EC public key from CKA_EC_PARAMS (a DER named-curve OID) and CKA_EC_POINT (an uncompressed point, either raw
     * or wrapped in a DER OCTET STRING as PKCS#11 prescribes; libraries differ).
     */
    static PublicKey ec(byte[] ecParams, byte[] ecPoint) throws GeneralSecurityException {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        try {
            p.init(ecParams);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException("CKA_EC_PARAMS is not a named curve this JDK knows", e);
        }
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        int n = (spec.getCurve().getField().getFieldSize() + 7) / 8;
        byte[] point = ecPoint;
        if (point.length != 1 + 2 * n && point.length > 2 && point[0] == 0x04) {
            int len = point[1] & 0xff;
            int off = 2;
            if (len == 0x81) {
                len = point[2] & 0xff;
                off = 3;
            }
            point = Arrays.copyOfRange(point, off, Math.min(point.length, off + len));
        }
        if (point.length != 1 + 2 * n || point[0] != 0x04) {
            throw new GeneralSecurityException("CKA_EC_POINT is not an uncompressed point on " + curveName(p));
        }
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 1 + n)), new BigInteger(1, Arrays.copyOfRange(point, 1 + n, 1 + 2 * n)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, spec));
    }

    /** secp256r1 etc. for a DER named-curve OID; the OID in hex when the JDK does not know it. */
    static String curveName(byte[] ecParams) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(ecParams);
            return curveName(p);
        } catch (Exception e) {
            return "params " + HexFormat.of().formatHex(ecParams);
        }
    }

    static String curveName(ECParameterSpec spec) {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(spec);
            return curveName(p);
        } catch (Exception e) {
            return "explicit curve";
        }
    }

    private static String curveName(AlgorithmParameters p) {
        // the JDK renders a named curve as "secp256r1 [NIST P-256,X9.62 prime256v1] (1.2.840.10045.3.1.7)"
        String s = p.toString().strip();
        int space = s.indexOf(' ');
        return space < 0 ? s : s.substring(0, space);
    }

    static Integer bits(PublicKey key) {
        return key instanceof RSAPublicKey r ? r.getModulus().bitLength() : null;
    }

    static String curve(PublicKey key) {
        return key instanceof ECPublicKey e ? curveName(e.getParams()) : null;
    }
}
