package org.mosipmigrate.verify.keystore;

import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;

/** Lists an opened KeyStore and runs a sign + verify round trip with each private key. Shared by PKCS12 and the PKCS#11 probe. */
final class KeyChecks {
    private KeyChecks() {
    }

    /** @param signer the provider that signs (the PKCS#11 provider for tokens, null = default providers) */
    static List<KeyEntry> list(KeyStore ks, String token, char[] keyPassword, Provider signer) throws Exception {
        List<KeyEntry> out = new ArrayList<>();
        List<String> aliases = Collections.list(ks.aliases());
        Collections.sort(aliases);
        for (String alias : aliases) {
            Certificate cert = ks.getCertificate(alias);
            X509Certificate x = cert instanceof X509Certificate xc ? xc : null;
            String subject = x == null ? null : x.getSubjectX500Principal().getName();
            String notAfter = x == null ? null : x.getNotAfter().toInstant().toString();
            String thumb = cert == null ? null : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            if (ks.isKeyEntry(alias)) {
                Key key;
                try {
                    key = ks.getKey(alias, keyPassword);
                } catch (java.security.UnrecoverableKeyException e) {
                    out.add(new KeyEntry(token, alias, "key", null, subject, notAfter, thumb, "failed: key cannot be recovered with the keystore password"));
                    continue;
                }
                if (key instanceof PrivateKey pk) {
                    out.add(new KeyEntry(token, alias, "private-key", pk.getAlgorithm(), subject, notAfter, thumb, roundTrip(pk, cert, signer)));
                } else {
                    out.add(new KeyEntry(token, alias, "secret-key", key == null ? null : key.getAlgorithm(), subject, notAfter, thumb, null));
                }
            } else {
                out.add(new KeyEntry(token, alias, "certificate", cert == null ? null : cert.getPublicKey().getAlgorithm(), subject, notAfter, thumb, null));
            }
        }
        return out;
    }

    static String roundTrip(PrivateKey key, Certificate cert, Provider signer) {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            default -> null;
        };
        if (alg == null) {
            return "failed: no signature algorithm known for key type " + key.getAlgorithm();
        }
        if (cert == null) {
            return "failed: no certificate (public key) to verify with";
        }
        try {
            byte[] data = new byte[64];
            new SecureRandom().nextBytes(data);
            Signature s = signer == null ? Signature.getInstance(alg) : Signature.getInstance(alg, signer);
            s.initSign(key);
            s.update(data);
            byte[] sig = s.sign();
            Signature v = Signature.getInstance(alg);
            v.initVerify(cert.getPublicKey());
            v.update(data);
            return v.verify(sig) ? "ok" : "failed: the signature does not verify with the certificate's public key";
        } catch (Exception e) {
            return "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }
}
