package org.mosipmigrate.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.config.PgEndpoint;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.verify.VerifyPlan.DatabasePlan;
import org.mosipmigrate.verify.VerifyPlan.Expectation;
import org.mosipmigrate.verify.VerifyPlan.Origin;
import org.mosipmigrate.verify.VerifyPlan.TablePlan;

/** Decides the reference table lists and column lists. Reads the manifest and the source catalog only. */
final class VerifyPlanner {
    private final MigrationConfig cfg;
    private final Map<String, String> env;

    VerifyPlanner(MigrationConfig cfg, Map<String, String> env) {
        this.cfg = cfg;
        this.env = env;
    }

    VerifyPlan plan(VerifyOptions o) {
        if (cfg.target() == null) {
            throw new MigrateException(ErrorCode.CONFIG, "verify needs the target server", "set target.postgres in the config");
        }
        PgEndpoint source = null;
        if (o.compareSource()) {
            source = cfg.source();
            if (source == null) {
                throw new MigrateException(ErrorCode.CONFIG, "comparing with the source needs the source server",
                        "set source.postgres in the config, or verify against the backup set only");
            }
        }
        List<String> notes = new ArrayList<>();
        Path manifestFile = manifestToCompare(o, source != null, notes);
        Manifest manifest = manifestFile == null ? null : ManifestStore.read(cfg.backupSet(), cfg.encryption().load(env).orElse(null));
        if (source == null && manifest == null) {
            throw new MigrateException(ErrorCode.CONFIG, "nothing to compare the target with: neither the source nor a backup set is selected",
                    "configure source.postgres or backupSet");
        }
        ReadOnlySide sourceSide = source == null ? null : new ReadOnlySide(source, env);
        List<DatabasePlan> dbs = new ArrayList<>();
        for (String db : databases(o, manifest, sourceSide)) {
            dbs.add(manifest != null ? fromManifest(o, manifest, db) : fromSource(o, sourceSide, db));
        }
        notes.addAll(unusedKeys(o, dbs));
        return new VerifyPlan(cfg.target(), source, manifestFile, o, dbs, notes);
    }

    /** The manifest path when it is to be compared; a missing manifest is an error unless the source is compared instead. */
    private Path manifestToCompare(VerifyOptions o, boolean sourceCompared, List<String> notes) {
        if (!o.compareManifest() || cfg.backupSet() == null) {
            return null;
        }
        if (ManifestStore.exists(cfg.backupSet())) {
            return cfg.backupSet().resolve(ManifestStore.FILE);
        }
        if (!sourceCompared) {
            ManifestStore.read(cfg.backupSet()); // throws BACKUP_SET_INVALID with the operator's next step
        }
        notes.add("backup set " + cfg.backupSet() + " has no " + ManifestStore.FILE + "; comparing with the source only");
        return null;
    }

    private List<String> databases(VerifyOptions o, Manifest manifest, ReadOnlySide source) {
        if (o.databases() != null) {
            return o.databases();
        }
        if (manifest != null) {
            return manifest.databases().stream().map(Manifest.DatabaseEntry::name).toList();
        }
        if (cfg.source().databases() != null) {
            return cfg.source().databases();
        }
        Connection c = source.open("postgres");
        try {
            return PgCatalog.listDatabases(c);
        } catch (SQLException e) {
            throw source.failure(e, "postgres", "listing databases");
        } finally {
            ReadOnlySide.closeQuietly(c);
        }
    }

    private static DatabasePlan fromManifest(VerifyOptions o, Manifest manifest, String db) {
        Manifest.DatabaseEntry entry = manifest.databases().stream().filter(d -> d.name().equals(db)).findFirst()
                .orElseThrow(() -> new MigrateException(ErrorCode.CONFIG, "database " + db + " is not in the backup set",
                        "the backup set holds: " + manifest.databases().stream().map(Manifest.DatabaseEntry::name).toList()));
        List<TablePlan> tables = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (Manifest.TableEntry t : entry.tables()) {
            if (o.excludes(db, t.qualifiedName())) {
                excluded.add(t.qualifiedName());
                continue;
            }
            List<String> override = o.overrideFor(db, t.qualifiedName());
            List<String> columns = override != null ? override : t.columns().stream().map(Manifest.ColumnEntry::name).toList();
            tables.add(new TablePlan(t.schema(), t.name(), columns, override != null ? Origin.OVERRIDE : Origin.MANIFEST,
                    new Expectation(t.rows(), t.fingerprint())));
        }
        return new DatabasePlan(db, Origin.MANIFEST, tables, excluded, entry.census(), entry.sequences());
    }

    private static DatabasePlan fromSource(VerifyOptions o, ReadOnlySide source, String db) {
        Connection c = source.open(db);
        try {
            List<TablePlan> tables = new ArrayList<>();
            List<String> excluded = new ArrayList<>();
            for (PgCatalog.TableInfo t : PgCatalog.listTables(c)) {
                if (o.excludes(db, t.qualifiedName())) {
                    excluded.add(t.qualifiedName());
                    continue;
                }
                List<String> override = o.overrideFor(db, t.qualifiedName());
                tables.add(new TablePlan(t.schema(), t.name(), override != null ? override : t.columnNames(),
                        override != null ? Origin.OVERRIDE : Origin.SOURCE, null));
            }
            return new DatabasePlan(db, Origin.SOURCE, tables, excluded, null, null);
        } catch (SQLException e) {
            throw source.failure(e, db, "reading the catalog");
        } finally {
            ReadOnlySide.closeQuietly(c);
        }
    }

    /** Overrides and exclusions that match no planned table are most likely typos: say so. */
    private static List<String> unusedKeys(VerifyOptions o, List<DatabasePlan> dbs) {
        Set<String> known = new LinkedHashSet<>();
        for (DatabasePlan d : dbs) {
            d.tables().forEach(t -> known.add(d.name() + "." + t.qualifiedName()));
            d.excludedTables().forEach(t -> known.add(d.name() + "." + t));
        }
        // keys of databases not verified in this run are not suspicious
        Predicate<String> suspicious = k -> !known.contains(k)
                && dbs.stream().anyMatch(d -> k.startsWith(d.name() + "."));
        List<String> notes = new ArrayList<>();
        o.columnsOverride().keySet().stream().filter(suspicious).sorted()
                .forEach(k -> notes.add("verify.columns key " + k + " matches no table of the reference list"));
        o.excludeTables().stream().filter(suspicious).sorted()
                .forEach(k -> notes.add("verify.excludeTables entry " + k + " matches no table of the reference list"));
        return notes;
    }
}
