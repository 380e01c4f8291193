package org.mosipmigrate.keystores;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.set.KeystoreObject;

/** Public keys rebuilt from PKCS#11 attribute encodings, and the objects of a PKCS12 keystore (no token needed). */
class KeystoreObjectsUnitTest {
    @Test
    void ecPointsRawOrDerWrappedGiveTheJdkFingerprint() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        ECPublicKey k = (ECPublicKey) g.generateKeyPair().getPublic();
        int n = 48;
        byte[] raw = new byte[1 + 2 * n];
        raw[0] = 4;
        System.arraycopy(fixed(k.getW().getAffineX(), n), 0, raw, 1, n);
        System.arraycopy(fixed(k.getW().getAffineY(), n), 0, raw, 1 + n, n);
        byte[] wrapped = new byte[raw.length + 2];
        wrapped[0] = 0x04;
        wrapped[1] = (byte) raw.length;
        System.arraycopy(raw, 0, wrapped, 2, raw.length);
        byte[] params = HexFormat.of().parseHex("06052b81040022"); // secp384r1
        String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(k.getEncoded()));
        assertEquals(expected, PublicKeys.fingerprint(PublicKeys.ec(params, raw)));
        assertEquals(expected, PublicKeys.fingerprint(PublicKeys.ec(params, wrapped)));
        assertEquals("secp384r1", PublicKeys.curveName(params));
        assertThrows(java.security.GeneralSecurityException.class, () -> PublicKeys.ec(params, Arrays.copyOf(raw, 20)));

        RSAPublicKey r = (RSAPublicKey) KeyPairGenerator.getInstance("RSA").generateKeyPair().getPublic();
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(r.getEncoded())),
                PublicKeys.fingerprint(PublicKeys.rsa(r.getModulus(), r.getPublicExponent())));
    }

    @Test
    void pkcs12SecretKeysGetAKcvAndARoundTripAndNothingSecretLeaves() throws Exception {
        byte[] value = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setEntry("aes", new KeyStore.SecretKeyEntry(new SecretKeySpec(value, "AES")), new KeyStore.PasswordProtection("pw".toCharArray()));
        List<KeystoreObject> objects = Pkcs12Objects.list(ks, "x.p12", "pw".toCharArray());
        assertEquals(1, objects.size());
        KeystoreObject o = objects.get(0);
        Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
        c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(value, "AES"));
        assertEquals(HexFormat.of().formatHex(c.doFinal(new byte[16]), 0, 3), o.kcv());
        assertEquals("ok", o.roundTrip());
        assertEquals(128, o.bits());
        assertEquals("x.p12/aes", o.key());
        assertEquals(-1, o.toString().indexOf("00112233"), "no key material in the object");
    }

    private static byte[] fixed(BigInteger v, int n) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[n];
        System.arraycopy(b, Math.max(0, b.length - n), out, Math.max(0, n - b.length), Math.min(n, b.length));
        return out;
    }
}
