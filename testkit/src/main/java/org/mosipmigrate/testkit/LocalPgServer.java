package org.mosipmigrate.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A cluster made with the machine's own initdb/pg_ctl. initdb refuses root, so as root the cluster
 * belongs to the unprivileged OS user {@code postgres} (created if missing) and the tools run through
 * runuser. Loopback TCP uses scram-sha-256 with a random superuser password, so authentication
 * failures can be tested for real.
 */
public final class LocalPgServer implements PgServer {
    private final Path dir;
    private final Path bin;
    private final int port;
    private final String password;
    private final int major;
    private volatile boolean stopped;

    private LocalPgServer(Path dir, Path bin, int port, String password, int major) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.password = password;
        this.major = major;
    }

    public static Path defaultBinDir() {
        Path root = Path.of("/usr/lib/postgresql");
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
                    .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
                    .map(p -> p.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under " + root
                            + "; install them with: apt-get install -y postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server binaries under " + root + "; apt-get install -y postgresql", e);
        }
    }

    public static LocalPgServer start() {
        return start(null, null, Map.of());
    }

    /**
     * A server whose processes get extra environment variables, e.g. LOCPATH pointing at locales compiled with
     * localedef, so that this server knows a locale that the machine's other servers do not.
     */
    public static LocalPgServer startWithEnv(Map<String, String> env) {
        return start(null, null, env);
    }

    /** A server that also accepts TLS with the given PEM certificate and key (e.g. signed by a test CA). */
    public static LocalPgServer startWithTls(Path certPem, Path keyPem) {
        return start(certPem, keyPem, Map.of());
    }

    private static LocalPgServer start(Path certPem, Path keyPem, Map<String, String> env) {
        Path bin = defaultBinDir();
        int major = Integer.parseInt(bin.getParent().getFileName().toString());
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            Path dir = Files.createTempDirectory("mm-pg" + major + "-");
            Path data = dir.resolve("data");
            byte[] rnd = new byte[12];
            new SecureRandom().nextBytes(rnd);
            String password = "pw" + HexFormat.of().formatHex(rnd);
            Path pwfile = dir.resolve("pwfile");
            Files.writeString(pwfile, password + "\n");
            if (root) {
                ensureOsUser("postgres");
                run(List.of("chown", "-R", "postgres:postgres", dir.toString()), false);
                run(List.of("chmod", "700", dir.toString()), false);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--no-sync",
                    "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust", "--auth-host=scram-sha-256", "--pwfile=" + pwfile), root);
            Files.deleteIfExists(pwfile);
            String tls = "";
            if (certPem != null) {
                Files.copy(certPem, dir.resolve("server.crt"));
                Files.copy(keyPem, dir.resolve("server.key"));
                run(List.of("chmod", "600", dir.resolve("server.key").toString()), false);
                if (root) {
                    run(List.of("chown", "postgres:postgres", dir.resolve("server.crt").toString(), dir.resolve("server.key").toString()), false);
                }
                tls = " -c ssl=on -c ssl_cert_file=" + dir.resolve("server.crt") + " -c ssl_key_file=" + dir.resolve("server.key");
            }
            int port = freePort();
            String opts = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=" + dir + tls
                    + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
                    + " -c shared_buffers=128MB -c max_wal_size=2GB";
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", opts, "start"), root, env);
            LocalPgServer s = new LocalPgServer(dir, bin, port, password, major);
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a local PostgreSQL " + major + ": " + e.getMessage(), e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void ensureOsUser(String user) throws IOException {
        Process p = new ProcessBuilder("id", "-u", user).redirectErrorStream(true).start();
        try {
            if (p.waitFor() != 0) {
                run(List.of("useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", user), false);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> cmd, boolean asPostgres) throws IOException {
        run(cmd, asPostgres, Map.of());
    }

    private static void run(List<String> cmd, boolean asPostgres, Map<String, String> env) throws IOException {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        if (!env.isEmpty()) {
            // runuser may reset parts of the environment; env(1) sets ours right before the command
            full.add("env");
            env.forEach((k, v) -> full.add(k + "=" + v));
        }
        full.addAll(cmd);
        Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd.subList(0, 1)) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return password;
    }

    @Override
    public int majorVersion() {
        return major;
    }

    @Override
    public String label() {
        return "local-pg" + major;
    }

    /** Stops the server abruptly (like a crash) and starts it again on the same port. */
    public void restart() throws IOException {
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = dir.resolve("data");
        // -l: without it the new postmaster would inherit (and hold open) the pipe we read pg_ctl's output from
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("server.log").toString(), "-m", "immediate", "-w", "restart"), root);
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            boolean root = "root".equals(System.getProperty("user.name"));
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), root);
        } catch (IOException ignored) {
            // already gone
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp dir leftovers are harmless
        }
    }
}
