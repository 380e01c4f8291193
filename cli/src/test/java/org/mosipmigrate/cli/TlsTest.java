package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.core.config.PgEndpoint;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.testkit.LocalPgServer;
import org.mosipmigrate.testkit.PgServers;

/** sslmode verify-full against a server whose certificate a CA made in this test signed. */
class TlsTest {
    @TempDir
    static Path pki;

    static LocalPgServer tlsServer;

    @TempDir
    Path tmp;

    static void openssl(String... args) throws Exception {
        Process p = new ProcessBuilder(List.of(args)).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }

    @BeforeAll
    static void startTlsServer() throws Exception {
        openssl("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=mm-test-ca");
        openssl("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other-ca.crt", "-days", "2", "-subj", "/CN=other-ca");
        openssl("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt",
                "-days", "2", "-extfile", "san.ext");
        tlsServer = LocalPgServer.startWithTls(pki.resolve("server.crt"), pki.resolve("server.key"));
        tlsServer.freshDatabase("tls_src");
        tlsServer.execute("tls_src", "CREATE TABLE t (id int PRIMARY KEY)", "INSERT INTO t SELECT generate_series(1, 100)");
    }

    @AfterAll
    static void stop() {
        if (tlsServer != null) {
            tlsServer.close();
        }
    }

    private CliHarness harness(String caFile) throws Exception {
        var pair = new PgServers.Pair("tls", tlsServer, PgServers.local().target());
        CliHarness h = new CliHarness(pair, tmp, List.of("tls_src"), null);
        String yaml = Files.readString(h.config).replaceFirst("    databases:",
                "    sslMode: verify-full\n    sslRootCert: " + pki.resolve(caFile) + "\n    databases:");
        Files.writeString(h.config, yaml);
        return h;
    }

    @Test
    void verifyFullWithTheRightCaWorksForJdbcAndPgDump() throws Exception {
        PgConnector c = new PgConnector(new PgEndpoint("source", "127.0.0.1", tlsServer.port(), "postgres",
                new PasswordSource(PasswordSource.Kind.ENV, "PW"), null, "verify-full", pki.resolve("ca.crt").toString()), Map.of("PW", tlsServer.password()));
        try (var conn = c.open("tls_src"); var rs = conn.createStatement().executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            assertTrue(rs.next() && rs.getBoolean(1), "the session must be encrypted");
        }
        CliHarness.Run r = harness("ca.crt").run("backup"); // JDBC reads and pg_dump both go through TLS
        assertEquals(0, r.exit(), r::toString);
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() throws Exception {
        CliHarness.Run r = harness("other-ca.crt").run("backup");
        assertEquals(3, r.exit(), r::toString);
        assertTrue(r.err().contains("cannot connect to source PostgreSQL"), r::toString);
    }
}
