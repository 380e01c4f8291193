package org.mosipmigrate.core.pg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.mosipmigrate.core.config.PgEndpoint;
import org.mosipmigrate.core.config.Secret;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;

/**
 * Opens JDBC connections to one configured server with the session settings every stage relies on
 * (UTC, ISO dates, hex bytea, exact floats), and prepares libpq environments for pg_dump/pg_restore.
 * The password is read here and nowhere else.
 */
public final class PgConnector {
    /** Settings that make text output identical on both sides (fingerprints compare text renderings). */
    static final String[] SESSION_SETTINGS = {
        "SET TimeZone = 'UTC'", "SET DateStyle = 'ISO, YMD'", "SET IntervalStyle = 'postgres'",
        "SET extra_float_digits = 1", "SET bytea_output = 'hex'", "SET lc_monetary = 'C'",
        "SET statement_timeout = 0", "SET idle_in_transaction_session_timeout = 0",
    };

    private final PgEndpoint endpoint;
    private final Secret password;

    public PgConnector(PgEndpoint endpoint, Map<String, String> env) {
        this.endpoint = endpoint;
        this.password = endpoint.password().resolve(env, endpoint.describe());
    }

    public PgEndpoint endpoint() {
        return endpoint;
    }

    public Connection open(String database) {
        Properties p = new Properties();
        p.setProperty("user", endpoint.user());
        if (password != null) {
            p.setProperty("password", password.reveal());
        }
        p.setProperty("sslmode", endpoint.sslMode() == null ? "prefer" : endpoint.sslMode());
        if (endpoint.sslRootCert() != null) {
            p.setProperty("sslrootcert", endpoint.sslRootCert());
        }
        p.setProperty("ApplicationName", "mosip-migrate");
        p.setProperty("connectTimeout", "15");
        p.setProperty("tcpKeepAlive", "true");
        String url = "jdbc:postgresql://" + endpoint.host() + ":" + endpoint.port() + "/" + database;
        try {
            Connection c = DriverManager.getConnection(url, p);
            try (Statement st = c.createStatement()) {
                for (String s : SESSION_SETTINGS) {
                    st.execute(s);
                }
            }
            return c;
        } catch (SQLException e) {
            throw classify(e, database);
        }
    }

    /** Maps a connection failure to a message naming the server and the next step; never echoes secrets. */
    public MigrateException classify(SQLException e, String database) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = endpoint.describe() + " database " + database;
        boolean source = "source".equals(endpoint.role());
        if (state.equals("28P01") || state.equals("28000")) {
            return new MigrateException(ErrorCode.AUTHENTICATION, "authentication failed for " + where,
                    "check the password source (" + endpoint.password() + ") and pg_hba.conf", null);
        }
        if (state.equals("3D000")) {
            return new MigrateException(ErrorCode.CONFIG, where + " does not exist",
                    source ? "fix source.postgres.databases or create the database" : "check the target server; the database should have been created by restore", null);
        }
        if (state.startsWith("08")) {
            return new MigrateException(source ? ErrorCode.SOURCE_UNREACHABLE : ErrorCode.TARGET_UNREACHABLE,
                    "cannot connect to " + where + ": " + e.getMessage(),
                    "check host/port in the config and that the server is running and reachable", null);
        }
        return new MigrateException(ErrorCode.RUNTIME, "PostgreSQL error on " + where + ": " + e.getMessage(), null, e);
    }

    /**
     * Environment for a libpq tool: a private .pgpass file (mode 0600) so the password never appears
     * on a command line. The caller deletes the returned file when the process ends.
     */
    public LibpqEnv libpqEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("PGHOST", endpoint.host());
        env.put("PGPORT", Integer.toString(endpoint.port()));
        env.put("PGUSER", endpoint.user());
        env.put("PGSSLMODE", endpoint.sslMode() == null ? "prefer" : endpoint.sslMode());
        env.put("PGAPPNAME", "mosip-migrate");
        if (endpoint.sslRootCert() != null) {
            env.put("PGSSLROOTCERT", endpoint.sslRootCert());
        }
        env.put("PGCONNECT_TIMEOUT", "15");
        Path passFile = null;
        if (password != null) {
            try {
                passFile = Files.createTempFile("mosip-migrate-", ".pgpass",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(passFile, "*:*:*:*:" + escapePgpass(password.reveal()) + "\n");
                env.put("PGPASSFILE", passFile.toString());
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "cannot write a temporary .pgpass file", "check the temp directory", e);
            }
        }
        return new LibpqEnv(env, passFile);
    }

    private static String escapePgpass(String s) {
        return s.replace("\\", "\\\\").replace(":", "\\:");
    }

    /** Environment variables for a libpq process and the temp file to delete afterwards. */
    public record LibpqEnv(Map<String, String> variables, Path passFile) implements AutoCloseable {
        @Override
        public void close() {
            if (passFile != null) {
                try {
                    Files.deleteIfExists(passFile);
                } catch (IOException ignored) {
                    // a leftover 0600 temp file is not worth failing the run for
                }
            }
        }
    }
}
