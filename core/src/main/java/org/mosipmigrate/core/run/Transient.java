package org.mosipmigrate.core.run;

import java.io.IOException;
import java.net.SocketException;
import java.sql.SQLException;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Decides once, on the error itself, whether a failed step may succeed if simply tried again: lost
 * connections, a server shutting down or restarting, too many connections, deadlocks. Everything else
 * (bad data, corrupt files, permissions) is final and stops the run.
 */
public final class Transient {
    private Transient() {
    }

    public static boolean is(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof org.mosipmigrate.core.error.Retryable r) {
                return r.retryable(); // classified once, by the adapter that saw the failure
            }
            if (c instanceof MigrateException me) {
                if (me.code() == ErrorCode.SOURCE_UNREACHABLE || me.code() == ErrorCode.TARGET_UNREACHABLE) {
                    return true;
                }
                if (me.code() != ErrorCode.RUNTIME) {
                    return false; // corrupt set, config, auth: retrying cannot help
                }
            }
            if (c instanceof SQLException e && e.getSQLState() != null) {
                String s = e.getSQLState();
                if (s.startsWith("08") || s.equals("57P01") || s.equals("57P02") || s.equals("57P03")
                        || s.equals("53300") || s.equals("40001") || s.equals("40P01")) {
                    return true;
                }
            }
            if (c instanceof SocketException || (c instanceof IOException io && io.getMessage() != null
                    && (io.getMessage().contains("Connection reset") || io.getMessage().contains("Broken pipe")
                    || io.getMessage().contains("Database connection failed")))) {
                return true;
            }
        }
        return false;
    }
}
