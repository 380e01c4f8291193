package org.mosipmigrate.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mosipmigrate.core.config.ObjectStoreEndpoint;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.testkit.S3Server;

/** https object stores whose certificate a CA made in this test signed, trusted per client through caFile. */
class ObjectStoreTlsTest {
    @TempDir
    static Path pki;

    static S3Server server;

    static void openssl(String... args) throws Exception {
        Process p = new ProcessBuilder(List.of(args)).directory(pki.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, out);
    }

    @BeforeAll
    static void start() throws Exception {
        openssl("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=mm-s3-test-ca");
        openssl("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other-ca.crt", "-days", "2", "-subj", "/CN=other-ca");
        openssl("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1");
        Files.writeString(pki.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
        openssl("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt",
                "-days", "2", "-extfile", "san.ext");
        server = S3Server.startHttps(pki.resolve("server.crt"), pki.resolve("server.key"));
        assertTrue(server.endpoint().startsWith("https://"), server.endpoint());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static ObjectStore open(ObjectStoreEndpoint.Kind kind, String role, Path ca) {
        Map<String, String> env = new HashMap<>();
        ObjectStoreEndpoint e = TestStores.endpoint(role, kind, server, env);
        return ObjectStores.open(ca == null ? e : e.withCaFile(ca.toString()), env, TestStores.PART, 4);
    }

    @ParameterizedTest
    @EnumSource(ObjectStoreEndpoint.Kind.class)
    void rightCaPutsAndGets(ObjectStoreEndpoint.Kind kind) throws Exception {
        ObjectStore s = open(kind, "target", pki.resolve("ca.crt"));
        String bucket = "tls-" + kind.name().toLowerCase(java.util.Locale.ROOT);
        s.createBucket(bucket);
        byte[] data = TestStores.bytes(70_000, 7);
        TestStores.put(s, bucket, "a/b.bin", data, "application/octet-stream", Map.of("rid", "1"));
        assertArrayEquals(data, TestStores.read(s, bucket, "a/b.bin"));
        // 6MiB: multipart upload over the same trust
        byte[] big = TestStores.bytes(6 << 20, 8);
        TestStores.put(s, bucket, "big.bin", big, "application/octet-stream", Map.of());
        assertEquals(TestStores.sha256(big), TestStores.sha256(TestStores.read(s, bucket, "big.bin")));
    }

    @ParameterizedTest
    @EnumSource(ObjectStoreEndpoint.Kind.class)
    void otherCaIsRefusedNamingTheEndpoint(ObjectStoreEndpoint.Kind kind) {
        ObjectStore s = open(kind, "source", pki.resolve("other-ca.crt"));
        ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> s.listBuckets().iterator().hasNext());
        assertEquals(ErrorCode.SOURCE_UNREACHABLE, e.code());
        assertTrue(e.getMessage().contains(server.endpoint()) && e.getMessage().contains("TLS handshake failed"), e.getMessage());
        assertTrue(e.hint().contains("source.objectStore.caFile"), e.hint());
    }

    @ParameterizedTest
    @EnumSource(ObjectStoreEndpoint.Kind.class)
    void withoutCaTheJvmDefaultTrustRefusesTheTestCa(ObjectStoreEndpoint.Kind kind) {
        // the trust of the first tests stayed with their clients: nothing process-wide changed
        ObjectStore s = open(kind, "target", null);
        ObjectStoreException e = assertThrows(ObjectStoreException.class, () -> s.listBuckets().iterator().hasNext());
        assertTrue(e.getMessage().contains("TLS handshake failed"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aCaFileWithoutCertificatesIsAConfigError() throws Exception {
        Path bad = pki.resolve("empty.pem");
        Files.writeString(bad, "not a certificate\n");
        MigrateException e = assertThrows(MigrateException.class, () -> open(ObjectStoreEndpoint.Kind.MINIO, "target", bad));
        assertEquals(ErrorCode.CONFIG, e.code());
        assertTrue(e.getMessage().contains("target.objectStore.caFile"), e.getMessage());
    }
}
