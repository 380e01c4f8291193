package org.mosipmigrate.core.config;

import java.util.List;

/** One PostgreSQL server as configured: where it is, who we are, and (for a source) which databases. */
public record PgEndpoint(String role, String host, int port, String user, PasswordSource password,
                         List<String> databases, String sslMode, String sslRootCert) {
    public PgEndpoint {
        databases = databases == null ? null : List.copyOf(databases);
    }

    /** Without a CA file of its own (system trust store, or no TLS). */
    public PgEndpoint(String role, String host, int port, String user, PasswordSource password, List<String> databases, String sslMode) {
        this(role, host, port, user, password, databases, sslMode, null);
    }

    public String describe() {
        return role + " PostgreSQL " + user + "@" + host + ":" + port;
    }

    /** Same port and same host, also when one side says localhost and the other 127.0.0.1. */
    public boolean sameServerAs(PgEndpoint other) {
        if (other == null || port != other.port) {
            return false;
        }
        if (host.equalsIgnoreCase(other.host)) {
            return true;
        }
        try {
            var a = java.net.InetAddress.getByName(host);
            var b = java.net.InetAddress.getByName(other.host);
            return a.equals(b) || (a.isLoopbackAddress() && b.isLoopbackAddress());
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
