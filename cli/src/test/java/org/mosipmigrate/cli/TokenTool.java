package org.mosipmigrate.cli;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_KEY_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_RSA_PKCS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PRIVATE_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_PUBLIC_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_SECRET_KEY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKU_USER;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.KeyPairTemplate;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;

/**
 * Test helper run in a child JVM (libsofthsm2 reads SOFTHSM2_CONF once per process), the way {@code pkcs11-tool
 * --keypairgen / --keygen / --delete-object} would be used, with the PIN on stdin. args[0] = PKCS#11 library, then
 * operations {@code rsa:LABEL:IDHEX}, {@code ec:LABEL:IDHEX} (P-256) - key pairs without certificates -,
 * {@code aes:LABEL:IDHEX} (generated, 256 bits), {@code aesvalue:LABEL:IDHEX:KEYHEX} (a known key, so a test can compute
 * its KCV independently) and {@code delete:KIND:LABEL} (KIND private-key, public-key, secret-key, certificate).
 */
public final class TokenTool {
    private static final byte[] P256 = HexFormat.of().parseHex("06082a8648ce3d030107");
    private static final Map<String, Long> CLASSES = Map.of("private-key", CKO_PRIVATE_KEY, "public-key", CKO_PUBLIC_KEY, "secret-key", CKO_SECRET_KEY,
            "certificate", CKO_CERTIFICATE);

    private TokenTool() {
    }

    public static void main(String[] args) throws Exception {
        String pin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        PKCS11Module m = PKCS11Module.getInstance(args[0]);
        m.initialize();
        Slot slot = null;
        for (Slot s : m.getSlotList(true)) {
            if (slot == null && s.getToken().getTokenInfo().isTokenInitialized()) {
                slot = s;
            }
        }
        Session s = slot.getToken().openSession(true);
        s.login(CKU_USER, pin.toCharArray());
        for (int i = 1; i < args.length; i++) {
            String[] op = args[i].split(":");
            switch (op[0]) {
                case "rsa" -> s.generateKeyPair(new Mechanism(CKM_RSA_PKCS_KEY_PAIR_GEN), new KeyPairTemplate(
                        AttributeVector.newRSAPrivateKey().token(true).private_(true).sensitive(true).extractable(false).sign(true).decrypt(true)
                                .label(op[1]).id(HexFormat.of().parseHex(op[2])),
                        AttributeVector.newRSAPublicKey().token(true).verify(true).encrypt(true).modulusBits(2048).publicExponent(BigInteger.valueOf(65537))
                                .label(op[1]).id(HexFormat.of().parseHex(op[2]))));
                case "ec" -> s.generateKeyPair(new Mechanism(CKM_EC_KEY_PAIR_GEN), new KeyPairTemplate(
                        AttributeVector.newECPrivateKey().token(true).private_(true).sensitive(true).extractable(false).sign(true)
                                .label(op[1]).id(HexFormat.of().parseHex(op[2])),
                        AttributeVector.newECPublicKey().token(true).verify(true).ecParams(P256).label(op[1]).id(HexFormat.of().parseHex(op[2]))));
                case "aes" -> s.generateKey(new Mechanism(CKM_AES_KEY_GEN), AttributeVector.newAESSecretKey().token(true).private_(true).sensitive(true)
                        .extractable(false).encrypt(true).decrypt(true).valueLen(32).label(op[1]).id(HexFormat.of().parseHex(op[2])));
                case "aesvalue" -> s.createObject(AttributeVector.newAESSecretKey().token(true).private_(true).sensitive(true).extractable(true)
                        .encrypt(true).decrypt(true).value(HexFormat.of().parseHex(op[3])).label(op[1]).id(HexFormat.of().parseHex(op[2])));
                case "delete" -> {
                    long[] found = s.findAllObjectsSingle(new AttributeVector().class_(CLASSES.get(op[1])).label(op[2]));
                    if (found.length != 1) {
                        throw new IllegalStateException(found.length + " objects " + op[1] + " " + op[2]);
                    }
                    s.destroyObject(found[0]);
                }
                default -> throw new IllegalArgumentException(args[i]);
            }
        }
        s.logout();
        s.closeSession();
        m.finalize(null);
        System.out.println("done");
    }
}
