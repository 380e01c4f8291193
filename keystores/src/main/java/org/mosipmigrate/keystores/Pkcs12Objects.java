package org.mosipmigrate.keystores;

import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.IvParameterSpec;
import org.mosipmigrate.core.set.KeystoreObject;

/**
 * Lists the entries of an opened PKCS12 KeyStore as {@link KeystoreObject}s: a key entry is one object carrying its
 * certificate's facts, a trusted certificate one object. Private keys sign random data that their certificate's key
 * verifies; secret keys get a KCV (zero block encrypted, or HMACed) and an encrypt + decrypt round trip. Key material
 * stays in this process; only fingerprints leave it.
 */
final class Pkcs12Objects {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Pkcs12Objects() {
    }

    static List<KeystoreObject> list(KeyStore ks, String file, char[] keyPassword) throws Exception {
        List<KeystoreObject> out = new ArrayList<>();
        List<String> aliases = Collections.list(ks.aliases());
        Collections.sort(aliases);
        for (String alias : aliases) {
            Certificate cert = ks.getCertificate(alias);
            X509Certificate x = cert instanceof X509Certificate xc ? xc : null;
            PublicKey pub = cert == null ? null : cert.getPublicKey();
            String subject = x == null ? null : x.getSubjectX500Principal().getName();
            String notAfter = x == null ? null : x.getNotAfter().toInstant().toString();
            String thumb = cert == null ? null : PublicKeys.sha256(cert.getEncoded());
            if (!ks.isKeyEntry(alias)) {
                out.add(new KeystoreObject(file, alias, null, KeystoreObject.CERTIFICATE, pub == null ? null : pub.getAlgorithm(), PublicKeys.bits(pub),
                        PublicKeys.curve(pub), null, null, PublicKeys.fingerprint(pub), null, subject, notAfter, thumb, null));
                continue;
            }
            Key key;
            try {
                key = ks.getKey(alias, keyPassword);
            } catch (java.security.UnrecoverableKeyException e) {
                out.add(new KeystoreObject(file, alias, null, "key", null, null, null, null, null, null, null, subject, notAfter, thumb,
                        "failed: the key cannot be recovered with the keystore password"));
                continue;
            }
            if (key instanceof PrivateKey pk) {
                out.add(new KeystoreObject(file, alias, null, KeystoreObject.PRIVATE_KEY, pk.getAlgorithm(), PublicKeys.bits(pub), PublicKeys.curve(pub),
                        null, null, PublicKeys.fingerprint(pub), null, subject, notAfter, thumb, signVerify(pk, pub)));
            } else if (key instanceof SecretKey sk) {
                String[] kcvAndCheck = secretChecks(sk);
                byte[] raw = sk.getEncoded();
                Integer bits = raw == null ? null : raw.length * 8;
                if (raw != null) {
                    Arrays.fill(raw, (byte) 0);
                }
                out.add(new KeystoreObject(file, alias, null, KeystoreObject.SECRET_KEY, sk.getAlgorithm(), bits, null, null, null, null, kcvAndCheck[0],
                        subject, notAfter, thumb, kcvAndCheck[1]));
            } else {
                out.add(new KeystoreObject(file, alias, null, "key", key == null ? null : key.getAlgorithm(), null, null, null, null, null, null,
                        subject, notAfter, thumb, "failed: unknown key entry"));
            }
        }
        return out;
    }

    static String signVerify(PrivateKey key, PublicKey pub) {
        if (pub == null) {
            return "failed: no certificate (public key) to verify with";
        }
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (alg == null) {
            return "failed: no signature algorithm known for key type " + key.getAlgorithm();
        }
        try {
            byte[] data = new byte[64];
            RANDOM.nextBytes(data);
            Signature s = Signature.getInstance(alg);
            s.initSign(key);
            s.update(data);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(pub);
            v.update(data);
            return v.verify(sig) ? "ok" : "failed: the signature does not verify with the certificate's public key";
        } catch (Exception e) {
            return "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    /** {KCV, round trip}: AES and DESede encrypt a zero block (first 3 bytes) and round-trip CBC; other keys HMAC. */
    static String[] secretChecks(SecretKey key) {
        String alg = key.getAlgorithm().toUpperCase(java.util.Locale.ROOT);
        try {
            if (alg.equals("AES") || alg.equals("DESEDE")) {
                int block = alg.equals("AES") ? 16 : 8;
                Cipher ecb = Cipher.getInstance(key.getAlgorithm() + "/ECB/NoPadding");
                ecb.init(Cipher.ENCRYPT_MODE, key);
                String kcv = HexFormat.of().formatHex(ecb.doFinal(new byte[block]), 0, 3);
                byte[] iv = new byte[block];
                RANDOM.nextBytes(iv);
                byte[] data = new byte[48];
                RANDOM.nextBytes(data);
                Cipher c = Cipher.getInstance(key.getAlgorithm() + "/CBC/PKCS5Padding");
                c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
                byte[] enc = c.doFinal(data);
                c.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(iv));
                return new String[] {kcv, Arrays.equals(c.doFinal(enc), data) ? "ok" : "failed: decrypting does not give back the data"};
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] zero = mac.doFinal(new byte[16]);
            byte[] data = new byte[48];
            RANDOM.nextBytes(data);
            byte[] a = mac.doFinal(data);
            byte[] b = mac.doFinal(data);
            return new String[] {HexFormat.of().formatHex(zero, 0, 3), Arrays.equals(a, b) ? "ok" : "failed: the MAC is not repeatable"};
        } catch (Exception e) {
            return new String[] {null, "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())};
        }
    }
}
