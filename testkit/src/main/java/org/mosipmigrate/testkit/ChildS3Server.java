package org.mosipmigrate.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * An S3 server in its own JVM ({@code java -jar} of a runnable jar that Maven resolved, see s3-servers.properties),
 * on a free loopback port. The JVM is started under a small shell watchdog that ends it when the test JVM is gone,
 * so a killed test run leaves no server behind; {@link #close()} and a shutdown hook end it otherwise.
 */
final class ChildS3Server implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private final Thread hook;

    private ChildS3Server(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.hook = new Thread(this::stop, "s3-server-stop-" + port);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The jar of {@code key} ("s3proxy.old" or "s3mock"): testkit's target/s3-servers, else the local Maven repository. */
    static Path jar(String key) {
        Properties p = new Properties();
        try (InputStream in = ChildS3Server.class.getResourceAsStream("/s3-servers.properties")) {
            if (in == null) {
                throw new IllegalStateException("s3-servers.properties is missing from testkit: build testkit with Maven");
            }
            p.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String name = p.getProperty(key + ".jar");
        Path copied = Path.of(p.getProperty("dir")).resolve(name);
        if (Files.isRegularFile(copied)) {
            return copied;
        }
        Path inRepo = Path.of(p.getProperty("repo")).resolve(p.getProperty(key + ".path")).resolve(name);
        if (Files.isRegularFile(inRepo)) {
            return inRepo;
        }
        throw new IllegalStateException(name + " is neither in " + copied.getParent() + " nor in " + inRepo.getParent()
                + ": run mvn -pl testkit generate-resources (maven-dependency-plugin copies it from Maven Central)");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The program arguments for a server on {@code port} (may write its config file first). */
    interface Arguments {
        List<String> forPort(int port) throws IOException;
    }

    /** Starts {@code java jvmOptions -jar jar args(port)} on a free port and waits until the port answers HTTP. */
    static ChildS3Server start(String what, Path jar, List<String> jvmOptions, Arguments args, Path workDir) throws Exception {
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path log = Files.createTempFile(workDir, "server", ".log");
            List<String> cmd = new ArrayList<>(List.of("sh", "-c",
                    // the JVM in the background; the loop ends it once the test JVM (or the server) is gone
                    "\"$0\" \"$@\" & c=$!; trap 'kill $c 2>/dev/null' TERM INT; while kill -0 " + ProcessHandle.current().pid()
                            + " 2>/dev/null && kill -0 $c 2>/dev/null; do sleep 1; done; kill $c 2>/dev/null; wait $c",
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-jar", jar.toString()));
            cmd.addAll(args.forPort(port));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().remove("AWS_CA_BUNDLE");
            ChildS3Server s = new ChildS3Server(pb.start(), port, log);
            try {
                s.awaitReady(what, 120);
                return s;
            } catch (IOException e) {
                s.close();
                last = e;
            }
        }
        throw last;
    }

    private void awaitReady(String what, int seconds) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (process.descendants().noneMatch(ProcessHandle::isAlive) && !process.isAlive()) {
                break;
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/").toURL().openConnection();
                c.setConnectTimeout(1000);
                c.setReadTimeout(5000);
                c.getResponseCode();
                c.disconnect();
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IOException(what + " did not answer on port " + port + " within " + seconds + " s; its log " + log + ":\n" + tail());
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    int port() {
        return port;
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file
        }
    }
}
