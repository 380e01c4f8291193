package org.mosipmigrate.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * A real S3 server for tests: S3Proxy in-process on a free loopback port, storing objects in a directory
 * (its filesystem backend), with AWS V2/V4 signature checking on. One instance plays the V2 MinIO, another
 * the V3 one. The access and secret keys are random per server; tests hand them to the tool through
 * environment variables, as operators do.
 */
public final class S3Server implements AutoCloseable {
    private final S3Proxy proxy;
    private final Path dir;
    private final String accessKey;
    private final String secretKey;
    private final boolean ownsDir;

    private S3Server(Path dir, boolean ownsDir) throws Exception {
        this.dir = dir;
        this.ownsDir = ownsDir;
        this.accessKey = "AK" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase(java.util.Locale.ROOT);
        this.secretKey = UUID.randomUUID() + "/" + UUID.randomUUID();
        Files.createDirectories(dir);
        this.proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(dir.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .jettyMaxThreads(64)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
    }

    /** A server storing its objects under {@code dir} (kept after close). */
    public static S3Server start(Path dir) throws Exception {
        return new S3Server(dir, false);
    }

    /** A server in a fresh temporary directory, deleted on close. */
    public static S3Server start() throws Exception {
        return new S3Server(Files.createTempDirectory("s3server"), true);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    public int port() {
        return proxy.getPort();
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
        proxy.stop();
        if (ownsDir) {
            try (var s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
