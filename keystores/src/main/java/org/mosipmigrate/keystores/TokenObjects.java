package org.mosipmigrate.keystores;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_CERTIFICATE_TYPE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_CHECK_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_CLASS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_PARAMS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EC_POINT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_EXTRACTABLE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_ID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_KEY_TYPE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_LABEL;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_MODULUS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_PUBLIC_EXPONENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE_LEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKC_X_509;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_AES;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_DES2;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_DES3;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_EC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_GENERIC_SECRET;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_RSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKK_SHA256_HMAC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_CBC_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_ECB;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_DES3_CBC_PAD;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_DES3_ECB;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_ECDSA;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256_HMAC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_SHA256_RSA_PKCS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mosipmigrate.core.set.KeystoreObject;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.params.ByteArrayParams;

/**
 * Every object of a logged-in PKCS#11 session, read directly with C_FindObjects and C_GetAttributeValue (not through
 * Java's KeyStore view, which hides key pairs without a certificate and secret keys it cannot map). Per object: label,
 * id, class, key type and size or curve, CKA_EXTRACTABLE/CKA_SENSITIVE, and what identifies it without exporting it:
 * <ul>
 *   <li>public key: SHA-256 of its SubjectPublicKeyInfo;</li>
 *   <li>private key: the same fingerprint of its public half (RSA: from its own modulus and exponent; EC: from the public
 *       key object or certificate with the same CKA_ID), and a sign (inside the token) + verify (in Java, with the
 *       certificate's key, else the public key object's, else the RSA key's own public half) round trip;</li>
 *   <li>secret key: a KCV, the first 3 bytes of a zero block encrypted (AES, DES3) or HMACed (generic/HMAC keys) inside
 *       the token, and an encrypt + decrypt (or MAC + verify) round trip inside the token;</li>
 *   <li>certificate: subject, expiry, SHA-256 thumbprint and its key's fingerprint.</li>
 * </ul>
 */
final class TokenObjects {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long[] ATTRIBUTES = {CKA_CLASS, CKA_LABEL, CKA_ID, CKA_KEY_TYPE, CKA_EXTRACTABLE, CKA_SENSITIVE, CKA_MODULUS,
        CKA_PUBLIC_EXPONENT, CKA_EC_PARAMS, CKA_EC_POINT, CKA_VALUE_LEN, CKA_CERTIFICATE_TYPE, CKA_CHECK_VALUE};

    private TokenObjects() {
    }

    /** What was read of one object before it is judged. */
    private record Raw(long handle, long cls, String label, String id, Long keyType, AttributeVector attrs, byte[] certDer) {
    }

    static List<KeystoreObject> list(Session s, String token) throws Exception {
        List<Raw> raws = new ArrayList<>();
        for (long h : s.findAllObjectsSingle(new AttributeVector())) {
            AttributeVector a = s.getAttrValues(h, ATTRIBUTES);
            long cls = a.class_();
            byte[] id = a.id();
            Long certType = a.certificateType();
            byte[] der = cls == CKO_CERTIFICATE && certType != null && certType == CKC_X_509 ? s.getAttrValues(h, CKA_VALUE).getByteArrayAttrValue(CKA_VALUE) : null;
            raws.add(new Raw(h, cls, a.label() == null ? "" : a.label(), id == null || id.length == 0 ? null : HexFormat.of().formatHex(id),
                    a.keyType(), a, der));
        }
        // public halves by id: certificates first (they bind a key to a subject), then public key objects
        Map<String, PublicKey> certKeys = new HashMap<>();
        Map<String, PublicKey> publicKeys = new HashMap<>();
        Map<Long, X509Certificate> certs = new HashMap<>();
        for (Raw r : raws) {
            if (r.certDer() != null) {
                X509Certificate x = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(r.certDer()));
                certs.put(r.handle(), x);
                certKeys.putIfAbsent(pairKey(r), x.getPublicKey());
            } else if (r.cls() == CKO_PUBLIC_KEY) {
                PublicKey k = publicKey(r);
                if (k != null) {
                    publicKeys.putIfAbsent(pairKey(r), k);
                }
            }
        }
        List<KeystoreObject> out = new ArrayList<>();
        for (Raw r : raws) {
            out.add(describe(s, token, r, certs.get(r.handle()), certKeys, publicKeys));
        }
        out.sort(Comparator.comparing(KeystoreObject::kind).thenComparing(KeystoreObject::label).thenComparing(o -> o.id() == null ? "" : o.id()));
        return out;
    }

    private static KeystoreObject describe(Session s, String token, Raw r, X509Certificate cert, Map<String, PublicKey> certKeys,
                                           Map<String, PublicKey> publicKeys) {
        AttributeVector a = r.attrs();
        String keyType = r.keyType() == null ? null : name(PKCS11Constants.Category.CKK, r.keyType());
        if (r.cls() == CKO_CERTIFICATE) {
            if (cert == null) {
                return object(token, r, "certificate", null, null, null, null, null, null, null, null, null);
            }
            PublicKey k = cert.getPublicKey();
            return object(token, r, KeystoreObject.CERTIFICATE, k.getAlgorithm(), PublicKeys.bits(k), PublicKeys.curve(k), PublicKeys.fingerprint(k), null,
                    cert.getSubjectX500Principal().getName(), cert.getNotAfter().toInstant().toString(), thumbprint(cert), null);
        }
        if (r.cls() == CKO_PUBLIC_KEY) {
            PublicKey k = publicKey(r);
            return object(token, r, KeystoreObject.PUBLIC_KEY, keyType, k == null ? null : PublicKeys.bits(k), curve(r), PublicKeys.fingerprint(k), null,
                    null, null, null, k == null ? "failed: the public key's attributes cannot be read as a " + keyType + " key" : null);
        }
        if (r.cls() == CKO_PRIVATE_KEY) {
            PublicKey own = publicKey(r);
            PublicKey pair = certKeys.getOrDefault(pairKey(r), publicKeys.get(pairKey(r)));
            PublicKey verifier = pair != null ? pair : own;
            String fp = PublicKeys.fingerprint(own != null ? own : pair);
            Integer bits = own != null ? PublicKeys.bits(own) : pair != null ? PublicKeys.bits(pair) : null;
            return object(token, r, KeystoreObject.PRIVATE_KEY, keyType, bits, curve(r), fp, null, null, null, null,
                    signVerify(s, r, verifier, pair != null ? (certKeys.containsKey(pairKey(r)) ? "the certificate's" : "the public key object's")
                            : "its own public half"));
        }
        if (r.cls() == CKO_SECRET_KEY) {
            Integer len = a.valueLen();
            String[] kcvAndCheck = secretChecks(s, r);
            return object(token, r, KeystoreObject.SECRET_KEY, keyType, len == null ? null : len * 8, null, null, kcvAndCheck[0],
                    null, null, null, kcvAndCheck[1]);
        }
        String kind = name(PKCS11Constants.Category.CKO, r.cls()).toLowerCase(Locale.ROOT).replace('_', '-');
        return object(token, r, kind, keyType, null, null, null, null, null, null, null, null);
    }

    private static KeystoreObject object(String token, Raw r, String kind, String keyType, Integer bits, String curve, String fp, String kcv,
                                         String subject, String notAfter, String certSha, String roundTrip) {
        AttributeVector a = r.attrs();
        return new KeystoreObject(token, r.label(), r.id(), kind, keyType, bits, curve, a.extractable(), a.sensitive(), fp, kcv, subject, notAfter,
                certSha, roundTrip);
    }

    /** Private and public halves (and certificates) belong together by CKA_ID, else by label. */
    private static String pairKey(Raw r) {
        return r.id() != null ? "id:" + r.id() : "label:" + r.label();
    }

    private static PublicKey publicKey(Raw r) {
        AttributeVector a = r.attrs();
        try {
            if (r.keyType() != null && r.keyType() == CKK_RSA && a.modulus() != null && a.publicExponent() != null) {
                return PublicKeys.rsa(a.modulus(), a.publicExponent());
            }
            if (r.keyType() != null && r.keyType() == CKK_EC && a.ecParams() != null && a.ecPoint() != null) {
                return PublicKeys.ec(a.ecParams(), a.ecPoint());
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    private static String curve(Raw r) {
        byte[] params = r.attrs().ecParams();
        return params == null ? null : PublicKeys.curveName(params);
    }

    /** Signs random data inside the token and verifies the signature in Java with the key's public half. */
    private static String signVerify(Session s, Raw r, PublicKey verifier, String whose) {
        if (verifier == null) {
            return "failed: no certificate or public key object with the same id, so a signature cannot be verified";
        }
        byte[] data = new byte[64];
        RANDOM.nextBytes(data);
        try {
            byte[] sig;
            String javaAlg;
            if (r.keyType() == CKK_RSA) {
                sig = s.signSingle(new Mechanism(CKM_SHA256_RSA_PKCS), r.handle(), data);
                javaAlg = "SHA256withRSA";
            } else if (r.keyType() == CKK_EC) {
                sig = s.signSingle(new Mechanism(CKM_ECDSA), r.handle(), MessageDigest.getInstance("SHA-256").digest(data));
                javaAlg = "SHA256withECDSAinP1363Format";
            } else {
                return "failed: no sign + verify round trip known for key type " + name(PKCS11Constants.Category.CKK, r.keyType());
            }
            Signature v = Signature.getInstance(javaAlg);
            v.initVerify(verifier);
            v.update(data);
            return v.verify(sig) ? "ok" : "failed: the signature does not verify with " + whose + " public key";
        } catch (PKCS11Exception e) {
            return "failed: signing in the token: " + e.getErrorName();
        } catch (Exception e) {
            return "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
    }

    /** {KCV, round trip}, both computed inside the token: the key never leaves it. */
    private static String[] secretChecks(Session s, Raw r) {
        long type = r.keyType() == null ? -1 : r.keyType();
        byte[] data = new byte[48];
        RANDOM.nextBytes(data);
        String kcv = null;
        try {
            if (type == CKK_AES || type == CKK_DES3 || type == CKK_DES2) {
                int block = type == CKK_AES ? 16 : 8;
                long ecb = type == CKK_AES ? CKM_AES_ECB : CKM_DES3_ECB;
                long cbc = type == CKK_AES ? CKM_AES_CBC_PAD : CKM_DES3_CBC_PAD;
                kcv = kcv(s.encryptSingle(new Mechanism(ecb), r.handle(), new byte[block]));
                byte[] iv = new byte[block];
                RANDOM.nextBytes(iv);
                byte[] enc = s.encryptSingle(new Mechanism(cbc, new ByteArrayParams(iv)), r.handle(), data);
                byte[] dec = s.decryptSingle(new Mechanism(cbc, new ByteArrayParams(iv)), r.handle(), enc);
                return new String[] {kcv, Arrays.equals(dec, data) && !Arrays.equals(enc, data) ? "ok" : "failed: decrypting does not give back the data"};
            }
            if (type == CKK_GENERIC_SECRET || type == CKK_SHA256_HMAC) {
                kcv = kcv(s.signSingle(new Mechanism(CKM_SHA256_HMAC), r.handle(), new byte[16]));
                byte[] mac = s.signSingle(new Mechanism(CKM_SHA256_HMAC), r.handle(), data);
                s.verifySingle(new Mechanism(CKM_SHA256_HMAC), r.handle(), data, mac);
                return new String[] {kcv, "ok"};
            }
            return new String[] {attributeKcv(r), "failed: no encrypt + decrypt round trip known for key type "
                    + (r.keyType() == null ? "?" : name(PKCS11Constants.Category.CKK, type))};
        } catch (PKCS11Exception e) {
            return new String[] {kcv != null ? kcv : attributeKcv(r), "failed: " + e.getErrorName()
                    + (e.getErrorCode() == PKCS11Constants.CKR_KEY_FUNCTION_NOT_PERMITTED ? " (the key may not encrypt/sign: CKA_ENCRYPT/CKA_SIGN false)" : "")};
        } catch (Exception e) {
            return new String[] {kcv, "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())};
        }
    }

    /** CKA_CHECK_VALUE, when the token computed one and the key may not encrypt. */
    private static String attributeKcv(Raw r) {
        byte[] cv = r.attrs().checkValue();
        return cv == null || cv.length == 0 ? null : HexFormat.of().formatHex(cv, 0, Math.min(3, cv.length));
    }

    private static String kcv(byte[] block) {
        return HexFormat.of().formatHex(block, 0, 3);
    }

    private static String thumbprint(X509Certificate cert) {
        try {
            return PublicKeys.sha256(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return null;
        }
    }

    private static String name(PKCS11Constants.Category category, long code) {
        String n = PKCS11Constants.codeToName(category, code);
        if (n == null) {
            return "0x" + Long.toHexString(code);
        }
        int u = n.indexOf('_');
        return u < 0 ? n : n.substring(u + 1);
    }
}
