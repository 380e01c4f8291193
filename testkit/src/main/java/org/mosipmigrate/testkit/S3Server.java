package org.mosipmigrate.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 server for tests: by default S3Proxy 4.1.0 in-process on a free loopback port, storing objects in a
 * directory (its filesystem backend), with AWS V2/V4 signature checking on; or another {@link S3Flavor} in a child
 * JVM (S3Proxy 2.6.0, S3Mock 4.8.0). One instance plays the V2 MinIO, another the V3 one. The access and secret keys
 * are random per server; tests hand them to the tool through environment variables, as operators do.
 */
public final class S3Server implements AutoCloseable {
    private final S3Flavor flavor;
    private final S3Proxy proxy;
    private final ChildS3Server child;
    private final int childPort;
    private final Path dir;
    private final String accessKey;
    private final String secretKey;
    private final boolean ownsDir;
    private final boolean https;
    private final Path keystore;

    private S3Server(Path dir, boolean ownsDir) throws Exception {
        this(dir, ownsDir, null, null);
    }

    private S3Server(Path dir, boolean ownsDir, Path keystore, String keystorePassword) throws Exception {
        this.flavor = S3Flavor.S3PROXY;
        this.child = null;
        this.childPort = -1;
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.https = keystore != null;
        this.keystore = keystore;
        this.accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase(java.util.Locale.ROOT);
        this.secretKey = UUID.randomUUID() + "/" + UUID.randomUUID();
        Files.createDirectories(dir);
        S3Proxy.Builder b = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(64);
        if (https) {
            b.secureEndpoint(URI.create("https://127.0.0.1:0")).keyStore(keystore.toString(), keystorePassword);
        } else {
            b.endpoint(URI.create("http://127.0.0.1:0"));
        }
        this.proxy = b.build();
        proxy.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    private S3Server(S3Flavor flavor, Path dir, boolean ownsDir) throws Exception {
        this.flavor = flavor;
        this.proxy = null;
        this.https = false;
        this.keystore = null;
        this.accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase(java.util.Locale.ROOT);
        this.secretKey = UUID.randomUUID() + "/" + UUID.randomUUID();
        if (flavor == S3Flavor.S3MOCK) {
            this.childPort = SharedS3Mock.lease();
            this.child = null;
            this.dir = SharedS3Mock.root();
            this.ownsDir = false;
            return;
        }
        this.dir = dir;
        this.ownsDir = ownsDir;
        Path data = Files.createDirectories(dir.resolve("data"));
        Path conf = dir.resolve("s3proxy.properties");
        // S3Proxy 2.6.0 reads its settings, keys included, from a file only the owner may read (no key on a command line)
        this.child = ChildS3Server.start("S3Proxy 2.6.0", ChildS3Server.jar("s3proxy.old"),
                List.of("-Xmx96m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError"), port -> {
                    String text = "s3proxy.endpoint=http://127.0.0.1:" + port + "\ns3proxy.authorization=aws-v2-or-v4\n"
                            + "s3proxy.identity=" + accessKey + "\ns3proxy.credential=" + secretKey + "\n"
                            + "jclouds.provider=filesystem\njclouds.filesystem.basedir=" + data + "\n";
                    try (var out = org.mosipmigrate.core.set.PrivateFiles.newOutputStream(conf)) {
                        out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                    return List.of("--properties", conf.toString());
                }, dir);
        this.childPort = child.port();
    }

    /** A server of {@code flavor} in a fresh temporary directory (S3Mock: the one per JVM, emptied). */
    public static S3Server start(S3Flavor flavor) throws Exception {
        return switch (flavor) {
            case S3PROXY -> start();
            case S3PROXY_OLD -> new S3Server(flavor, Files.createTempDirectory("s3server"), true);
            case S3MOCK -> new S3Server(flavor, null, false);
        };
    }

    /** A server of {@code flavor} storing its objects under {@code dir} (S3Mock: its own directory; kept after close). */
    public static S3Server start(S3Flavor flavor, Path dir) throws Exception {
        return flavor == S3Flavor.S3PROXY ? start(dir) : new S3Server(flavor, dir, false);
    }

    public S3Flavor flavor() {
        return flavor;
    }

    /** A server storing its objects under {@code dir} (kept after close). */
    public static S3Server start(Path dir) throws Exception {
        return new S3Server(dir, false);
    }

    /** A server in a fresh temporary directory, deleted on close. */
    public static S3Server start() throws Exception {
        return new S3Server(Files.createTempDirectory("s3server"), true);
    }

    /**
     * An https server whose certificate is {@code certPem} (PEM, the server certificate first, then any chain)
     * with the private key {@code keyPem} (PEM, PKCS#8 "BEGIN PRIVATE KEY", as {@code openssl req -nodes}
     * writes it). The keystore S3Proxy needs is made here with the KeyStore API and a random password held in
     * memory only: no password on any command line. Objects live in a fresh temporary directory.
     */
    public static S3Server startHttps(Path certPem, Path keyPem) throws Exception {
        Path d = Files.createTempDirectory("s3server-tls");
        java.util.Collection<? extends java.security.cert.Certificate> chain;
        try (var in = Files.newInputStream(certPem)) {
            chain = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in);
        }
        String pem = Files.readString(keyPem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = java.util.Base64.getDecoder().decode(pem);
        java.security.PrivateKey key;
        try {
            key = java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        } catch (java.security.spec.InvalidKeySpecException e) {
            key = java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
        }
        String password = UUID.randomUUID().toString();
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("server", key, password.toCharArray(), chain.toArray(new java.security.cert.Certificate[0]));
        Path ksFile = Files.createTempFile("s3server", ".p12");
        try (var out = Files.newOutputStream(ksFile)) {
            ks.store(out, password.toCharArray());
        }
        return new S3Server(d, true, ksFile, password);
    }

    public String endpoint() {
        return (https ? "https" : "http") + "://127.0.0.1:" + port();
    }

    public int port() {
        return proxy == null ? childPort : https ? proxy.getSecurePort() : proxy.getPort();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws Exception {
        if (proxy != null) {
            proxy.stop();
        } else if (child != null) {
            child.close();
        } else {
            SharedS3Mock.release();
        }
        if (keystore != null) {
            Files.deleteIfExists(keystore);
        }
        if (ownsDir) {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
