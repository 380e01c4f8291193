package org.mosipmigrate.verify.keystore;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import org.mosipmigrate.core.json.Json;

/**
 * Child-process side of {@link Pkcs11Inspector}: libsofthsm2 reads SOFTHSM2_CONF once per process, so each
 * token is opened in its own JVM. Reads the PIN from the first line of stdin (never argv), opens slot
 * index 0 of the PKCS#11 library named in args[0] with args[1] as the token name for the report, and prints
 * the entries as JSON on stdout. Exit 0 ok, 4 PIN refused, 5 other failure (message on stderr, never the PIN).
 */
public final class Pkcs11Probe {
    public static final int LOGIN_FAILED = 4;
    public static final int FAILED = 5;

    private Pkcs11Probe() {
    }

    public static void main(String[] args) {
        char[] pin = null;
        try {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            pin = line == null ? new char[0] : line.toCharArray();
            Provider p = Security.getProvider("SunPKCS11").configure("--name=mosip-migrate-probe\nlibrary=" + args[0] + "\nslotListIndex=0\n");
            KeyStore ks = KeyStore.getInstance("PKCS11", p);
            try {
                ks.load(null, pin);
            } catch (Exception e) {
                if (isLogin(e)) {
                    System.err.println("the PIN was refused (" + reason(e) + ")");
                    System.exit(LOGIN_FAILED);
                }
                throw e;
            }
            List<KeyEntry> entries = KeyChecks.list(ks, args[1], null, p);
            System.out.println(Json.MAPPER.writeValueAsString(entries));
            System.out.flush();
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("cannot open the token: " + e.getClass().getSimpleName() + ": " + reason(e));
            System.exit(FAILED);
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    private static boolean isLogin(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.security.auth.login.LoginException || String.valueOf(t.getMessage()).contains("CKR_PIN")) {
                return true;
            }
        }
        return false;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " / " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
