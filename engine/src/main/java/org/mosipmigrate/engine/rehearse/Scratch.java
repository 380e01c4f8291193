package org.mosipmigrate.engine.rehearse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.mosipmigrate.core.config.KeystoresConfig;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.objects.ObjectLedger;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;

/**
 * What a rehearsal put on the scratch target, recorded in its set's marker before restore starts, so that it (or the
 * next rehearsal, after --keep) removes exactly that: the restored databases, the restored objects (from the object
 * restore ledgers) and keystore paths that did not exist before. Nothing else on the target is ever touched.
 */
final class Scratch {
    private final MigrationConfig cfg;
    private final Map<String, String> env;
    private final Progress progress;

    Scratch(MigrationConfig cfg, Map<String, String> env, Progress progress) {
        this.cfg = cfg;
        this.env = env;
        this.progress = progress;
    }

    private Path marker() {
        return cfg.backupSet().resolve(Rehearsal.SET_MARKER);
    }

    /** Databases the fresh backup set holds (empty without a database part). */
    Set<String> databasesInSet() {
        if (!ManifestStore.exists(cfg.backupSet())) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        ManifestStore.read(cfg.backupSet(), cfg.encryption().load(env).orElse(null)).databases().forEach(d -> out.add(d.name()));
        return out;
    }

    /**
     * Written before restore: the databases it will create (those that do not exist yet: an existing one is never ours to
     * drop, and restore refuses to load into it anyway) and the keystore paths that do not exist yet.
     */
    Set<String> recordRestoring(Set<String> setDatabases) {
        Set<String> databases = new LinkedHashSet<>(setDatabases);
        if (!databases.isEmpty() && cfg.target() != null) {
            try (Connection c = new PgConnector(cfg.target(), env).open("postgres");
                 var rs = c.createStatement().executeQuery("SELECT datname FROM pg_database")) {
                while (rs.next()) {
                    databases.remove(rs.getString(1));
                }
            } catch (SQLException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "rehearse: cannot list the scratch target's databases: " + e.getMessage(), null, e);
            }
        }
        List<String> newKeystorePaths = new ArrayList<>();
        for (KeystoresConfig.Target t : cfg.keystores().targets()) {
            if (!Files.exists(t.path())) {
                newKeystorePaths.add(t.path().toString());
            }
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("databases", List.copyOf(databases));
        state.put("keystorePaths", newKeystorePaths);
        try {
            Files.writeString(marker(), Json.MAPPER.writeValueAsString(state));
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cannot write " + marker() + ": " + e.getMessage(), null, e);
        }
        return databases;
    }

    /** Before a new rehearsal: undo what a kept earlier one left, then empty the set (it carries the marker, so it is ours). */
    void clearBeforeRun() {
        if (!Files.exists(marker())) {
            return;
        }
        Set<String> dbs = recorded("databases");
        progress.info("rehearse: removing what the previous rehearsal left (" + dbs.size() + " database(s), its objects, its set)");
        clean(dbs);
    }

    /** A list the marker records (empty when the earlier rehearsal stopped before restore wrote it). */
    private Set<String> recorded(String field) {
        Set<String> out = new LinkedHashSet<>();
        try {
            if (Files.exists(marker())) {
                Json.MAPPER.readTree(Files.readString(marker())).path(field).forEach(n -> out.add(n.asText()));
            }
        } catch (IOException | RuntimeException e) {
            // a marker without state: nothing recorded
        }
        return out;
    }

    /** Drops the restored databases, deletes the restored objects and new keystore paths, then the set itself. */
    void clean(Set<String> databases) {
        Set<String> keystorePaths = recorded("keystorePaths");
        if (!databases.isEmpty() && cfg.target() != null) {
            PgConnector target = new PgConnector(cfg.target(), env);
            try (Connection c = target.open("postgres"); Statement st = c.createStatement()) {
                for (String db : databases) {
                    st.execute("DROP DATABASE IF EXISTS " + Sql.ident(db) + " WITH (FORCE)");
                }
            } catch (SQLException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "rehearse: cannot drop the scratch databases " + databases + ": " + e.getMessage(),
                        "drop them by hand on the scratch target", e);
            }
        }
        long objects = deleteRestoredObjects();
        for (String p : keystorePaths) {
            deleteTree(Path.of(p));
        }
        deleteTree(cfg.backupSet());
        progress.info("rehearse: scratch cleaned: " + databases.size() + " database(s) dropped, " + objects + " object(s) deleted, "
                + keystorePaths.size() + " keystore path(s) removed, set " + cfg.backupSet() + " deleted");
    }

    private long deleteRestoredObjects() {
        Path ledgers = cfg.backupSet().resolve("ledger");
        if (cfg.objects().target() == null || !Files.isDirectory(ledgers)) {
            return 0;
        }
        AtomicLong n = new AtomicLong();
        try (var files = Files.list(ledgers);
             ObjectStore target = ObjectStores.open(cfg.objects().target(), env, cfg.objects().partBytes(), cfg.objects().parallelism())) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("objects-restore-")).toList()) {
                ObjectLedger.read(f, line -> {
                    String to = line.path("to").asText("");
                    int slash = to.indexOf('/');
                    if (slash > 0) {
                        target.delete(to.substring(0, slash), to.substring(slash + 1));
                        n.incrementAndGet();
                    }
                });
            }
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "rehearse: cannot read " + ledgers + ": " + e.getMessage(), null, e);
        }
        return n.get();
    }

    private static void deleteTree(Path p) {
        try {
            org.mosipmigrate.core.set.PrivateFiles.deleteTree(p);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "rehearse: cannot delete " + p + ": " + e.getMessage(), "delete it by hand", e);
        }
    }
}
