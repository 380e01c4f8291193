package org.mosipmigrate.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.mosipmigrate.core.pg.Sql;

/** A throwaway PostgreSQL server on a loopback port, owned by the test JVM. */
public interface PgServer extends AutoCloseable {
    String host();

    int port();

    /** Superuser name. */
    String user();

    /** Superuser password, or null when the server trusts loopback connections. */
    String password();

    int majorVersion();

    String label();

    @Override
    void close();

    default Connection connect(String database) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user());
        if (password() != null) {
            p.setProperty("password", password());
        }
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/" + database, p);
    }

    default void execute(String database, String... statements) throws SQLException {
        try (Connection c = connect(database); Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        }
    }

    /** Drops (if present) and creates a database; returns its name. */
    default String freshDatabase(String name) throws SQLException {
        dropDatabase(name);
        execute("postgres", "CREATE DATABASE " + Sql.ident(name));
        return name;
    }

    /** Drops a database if present, disconnecting its sessions first (DROP ... WITH (FORCE) needs 13+). */
    default void dropDatabase(String name) throws SQLException {
        if (majorVersion() >= 13) {
            execute("postgres", "DROP DATABASE IF EXISTS " + Sql.ident(name) + " WITH (FORCE)");
            return;
        }
        execute("postgres", "UPDATE pg_database SET datallowconn = false WHERE datname = " + Sql.literal(name),
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + Sql.literal(name) + " AND pid <> pg_backend_pid()",
                "DROP DATABASE IF EXISTS " + Sql.ident(name));
    }
}
