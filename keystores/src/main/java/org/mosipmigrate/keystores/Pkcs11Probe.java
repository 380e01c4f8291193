package org.mosipmigrate.keystores;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.set.KeystoreObject;
import org.xipki.pkcs11.wrapper.Logger;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.StaticLogger;

/**
 * Child-process side of {@link KeystoreInspector}: libsofthsm2 reads SOFTHSM2_CONF once per process, so each token is
 * opened in its own JVM. Reads the PIN from the first line of stdin (never argv), loads the PKCS#11 library named in
 * args[0] through the IAIK/xipki wrapper, logs in to the first initialized token as the user, lists every object
 * ({@link TokenObjects}) with args[1] as the token name for the report, and prints them as JSON on stdout.
 * Exit 0 ok, 4 PIN refused, 5 other failure (message on stderr, never the PIN).
 */
public final class Pkcs11Probe {
    public static final int LOGIN_FAILED = 4;
    public static final int FAILED = 5;

    private Pkcs11Probe() {
    }

    public static void main(String[] args) {
        char[] pin = null;
        try {
            // the wrapper logs to stdout by default: stdout carries our JSON, and nothing it logs is needed
            StaticLogger.setLogger(new Silent());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String line = in.readLine();
            pin = line == null ? new char[0] : line.toCharArray();
            PKCS11Module module = PKCS11Module.getInstance(args[0]);
            module.initialize();
            try {
                Slot slot = null;
                for (Slot s : module.getSlotList(true)) {
                    if (s.getToken().getTokenInfo().isTokenInitialized()) {
                        slot = s;
                        break;
                    }
                }
                if (slot == null) {
                    System.err.println("the library shows no initialized token in this token directory");
                    System.exit(FAILED);
                }
                Session session = slot.getToken().openSession(false);
                try {
                    session.login(PKCS11Constants.CKU_USER, pin);
                } catch (PKCS11Exception e) {
                    if (isPin(e.getErrorCode())) {
                        System.err.println("the PIN was refused (" + e.getErrorName() + ")");
                        System.exit(LOGIN_FAILED);
                    }
                    throw e;
                }
                List<KeystoreObject> objects = TokenObjects.list(session, args[1]);
                session.logout();
                session.closeSession();
                System.out.println(Json.MAPPER.writeValueAsString(objects));
                System.out.flush();
            } finally {
                module.finalize(null);
            }
            System.exit(0);
        } catch (Throwable e) {
            System.err.println("cannot read the token: " + e.getClass().getSimpleName() + ": " + reason(e));
            System.exit(FAILED);
        } finally {
            if (pin != null) {
                Arrays.fill(pin, '\0');
            }
        }
    }

    private static boolean isPin(long code) {
        return code == PKCS11Constants.CKR_PIN_INCORRECT || code == PKCS11Constants.CKR_PIN_INVALID || code == PKCS11Constants.CKR_PIN_LEN_RANGE
                || code == PKCS11Constants.CKR_PIN_LOCKED || code == PKCS11Constants.CKR_PIN_EXPIRED;
    }

    private static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " / " + root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    /** Drops every log line of the wrapper. */
    private static final class Silent implements Logger {
        @Override
        public void info(String format, Object... arguments) {
        }

        @Override
        public void warn(String format, Object... arguments) {
        }

        @Override
        public void error(String format, Object... arguments) {
        }

        @Override
        public void debug(String format, Object... arguments) {
        }

        @Override
        public void trace(String format, Object... arguments) {
        }

        @Override
        public boolean isDebugEnabled() {
            return false;
        }

        @Override
        public boolean isInfoEnabled() {
            return false;
        }

        @Override
        public boolean isWarnEnabled() {
            return false;
        }

        @Override
        public boolean isTraceEnabled() {
            return false;
        }
    }
}
