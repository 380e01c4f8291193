package org.mosipmigrate.testkit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

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
        execute("postgres", "DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)", "CREATE DATABASE \"" + name + "\"");
        return name;
    }
}
