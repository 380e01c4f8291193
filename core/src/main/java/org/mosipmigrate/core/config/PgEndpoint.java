package org.mosipmigrate.core.config;

import java.util.List;

/** One PostgreSQL server as configured: where it is, who we are, and (for a source) which databases. */
public record PgEndpoint(String role, String host, int port, String user, PasswordSource password,
                         List<String> databases, String sslMode) {
    public PgEndpoint {
        databases = databases == null ? null : List.copyOf(databases);
    }

    public String describe() {
        return role + " PostgreSQL " + user + "@" + host + ":" + port;
    }

    public boolean sameServerAs(PgEndpoint other) {
        return other != null && host.equalsIgnoreCase(other.host) && port == other.port;
    }
}
