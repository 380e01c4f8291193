package org.mosipmigrate.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.mosipmigrate.core.config.PgEndpoint;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.PgConnector;

/** One compared server. Its connections are read only: verification must never change what it checks. */
final class ReadOnlySide {
    private final PgConnector connector;

    ReadOnlySide(PgEndpoint endpoint, Map<String, String> env) {
        this.connector = new PgConnector(endpoint, env);
    }

    String role() {
        return connector.endpoint().role();
    }

    Connection open(String database) {
        Connection c = connector.open(database);
        try (Statement st = c.createStatement()) {
            // session-wide, so it holds for every autocommit statement, not only explicit transactions
            st.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            c.setReadOnly(true);
            return c;
        } catch (SQLException e) {
            closeQuietly(c);
            throw failure(e, database, "setting the session read only");
        }
    }

    /** Connection trouble keeps PgConnector's classification; anything else names what was being done. */
    MigrateException failure(SQLException e, String database, String doing) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")) {
            return connector.classify(e, database);
        }
        return new MigrateException(ErrorCode.RUNTIME, "PostgreSQL error on the " + role() + " database " + database
                + " while " + doing + ": " + e.getMessage(), null, e);
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a read-only session cannot lose anything
            }
        }
    }
}
