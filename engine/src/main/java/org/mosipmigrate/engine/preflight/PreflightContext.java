package org.mosipmigrate.engine.preflight;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.run.Progress;

/**
 * What the checks share: the config, the environment (secrets are resolved from it only where a server or keystore is
 * opened), the parts to check, connectors for both servers, and what earlier checks learned (which servers answered,
 * the source's databases, sizes for the disk estimate).
 */
public final class PreflightContext {
    private final MigrationConfig config;
    private final Map<String, String> env;
    private final Set<PartKind> parts;
    private final Progress progress;
    private PgConnector source;
    private PgConnector target;
    private volatile boolean sourceReachable;
    private volatile boolean targetReachable;
    private volatile List<String> sourceDatabases = List.of();
    private volatile long databaseBytes;
    private volatile long objectBytes;
    private volatile long keystoreBytes;

    public PreflightContext(MigrationConfig config, Map<String, String> env, Set<PartKind> parts, Progress progress) {
        this.config = config;
        this.env = env;
        this.parts = parts;
        this.progress = progress;
    }

    public MigrationConfig config() {
        return config;
    }

    public Map<String, String> env() {
        return env;
    }

    public Set<PartKind> parts() {
        return parts;
    }

    public Progress progress() {
        return progress;
    }

    /** The source server's connector, or null when the config has no source.postgres. */
    public synchronized PgConnector source() {
        if (source == null && config.source() != null) {
            source = new PgConnector(config.source(), env);
        }
        return source;
    }

    public synchronized PgConnector target() {
        if (target == null && config.target() != null) {
            target = new PgConnector(config.target(), env);
        }
        return target;
    }

    public Connection openSource(String db) {
        return source().open(db);
    }

    public boolean sourceReachable() {
        return sourceReachable;
    }

    public boolean targetReachable() {
        return targetReachable;
    }

    void sourceReachable(boolean b) {
        sourceReachable = b;
    }

    void targetReachable(boolean b) {
        targetReachable = b;
    }

    /** The databases the move covers: source.postgres.databases, else every connectable non-template database but postgres. */
    public List<String> sourceDatabases() {
        return sourceDatabases;
    }

    void sourceDatabases(List<String> dbs) {
        sourceDatabases = List.copyOf(dbs);
    }

    /** Reads the source's database list as backup plans it. */
    static List<String> listSourceDatabases(Connection c, MigrationConfig cfg) throws java.sql.SQLException {
        return cfg.source().databases() != null ? cfg.source().databases() : PgCatalog.listDatabases(c);
    }

    public long databaseBytes() {
        return databaseBytes;
    }

    void databaseBytes(long b) {
        databaseBytes = b;
    }

    public long objectBytes() {
        return objectBytes;
    }

    void objectBytes(long b) {
        objectBytes = b;
    }

    public long keystoreBytes() {
        return keystoreBytes;
    }

    void keystoreBytes(long b) {
        keystoreBytes = b;
    }
}
