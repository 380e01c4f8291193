package org.mosipmigrate.schema;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.ChunkFiles;

/**
 * {@code cleanup}: the leftovers the runbook removes once the upgrade is verified: tables the chain renamed
 * ({@code *_to_be_deleted}), copies master B1 / keymgr took ({@code *_migr_bkp}), rows B1 removed as duplicates
 * ({@code *_migr_dupes}) in the MOSIP schemas, and the V2 databases mosip_authdevice / mosip_regdevice that pms B1
 * folded into mosip_pms. {@link #apply} first saves every row (COPY text, zstd, encrypted when a key is given) and,
 * for the two databases, their schema (pg_dump --schema-only) under {@code <backupSet>/cleanup/<timestamp>/} with
 * {@code cleanup-manifest.json}, and only then drops. Leftover tables of one database are copied and dropped in one
 * transaction, after {@code LOCK ... IN SHARE MODE}, so the dropped rows are exactly the saved ones.
 */
public final class Cleanup {
    public static final String SUFFIX_PATTERN = "(_to_be_deleted|_migr_bkp|_migr_dupes)$";
    public static final List<MosipDatabase> FOLDED = List.of(MosipDatabase.MOSIP_AUTHDEVICE, MosipDatabase.MOSIP_REGDEVICE);

    /** Writes the schema (no rows) of a whole database to {@code file} (pg_dump --schema-only in the CLI). */
    @FunctionalInterface
    public interface SchemaDump {
        void dump(String db, Path file) throws Exception;
    }

    public record Table(String schema, String name, long rows) {
        public String qualified() {
            return schema + "." + name;
        }
    }

    /** wholeDatabase: drop the database (authdevice/regdevice), else drop the listed tables. */
    public record Item(String db, boolean wholeDatabase, List<Table> tables) {
        public long rows() {
            return tables.stream().mapToLong(Table::rows).sum();
        }
    }

    private final TargetDatabases target;
    private final Progress progress;

    public Cleanup(TargetDatabases target, Progress progress) {
        this.target = target;
        this.progress = progress;
    }

    /** What {@code cleanup} would drop in {@code dbs} (default: the 13 of 1.2.0.1 plus authdevice/regdevice); absent databases are skipped. */
    public List<Item> plan(List<MosipDatabase> dbs) {
        List<Item> out = new ArrayList<>();
        try (Connection pg = target.open("postgres")) {
            for (MosipDatabase d : dbs) {
                if (!SchemaUpgrader.exists(pg, "SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(d.dbName()))) {
                    continue;
                }
                boolean whole = FOLDED.contains(d);
                try (Connection c = target.open(d.dbName())) {
                    List<Table> tables = tables(c, whole ? null : d.schema());
                    if (whole || !tables.isEmpty()) {
                        out.add(new Item(d.dbName(), whole, tables));
                    }
                }
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cleanup: " + e.getMessage(), null, e);
        }
        return out;
    }

    /** Leftover tables of {@code schema}, or every user table when schema is null, with exact row counts. */
    private static List<Table> tables(Connection c, String schema) throws SQLException {
        String where = schema == null
                ? "n.nspname NOT IN ('pg_catalog', 'information_schema', " + Sql.literal(MosipDatabase.HISTORY_SCHEMA) + ") AND n.nspname NOT LIKE 'pg\\_%'"
                : "n.nspname = " + Sql.literal(schema) + " AND cl.relname ~ " + Sql.literal(SUFFIX_PATTERN);
        List<Table> names = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname, cl.relname FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace"
                     + " WHERE cl.relkind IN ('r', 'p') AND NOT cl.relispartition AND " + where + " ORDER BY 1, 2")) {
            while (rs.next()) {
                names.add(new Table(rs.getString(1), rs.getString(2), 0));
            }
        }
        List<Table> out = new ArrayList<>();
        for (Table t : names) {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM " + Sql.ident(t.schema()) + "." + Sql.ident(t.name()))) {
                rs.next();
                out.add(new Table(t.schema(), t.name(), rs.getLong(1)));
            }
        }
        return out;
    }

    public record Applied(Path dir, Path manifest, List<SavedRows.SavedFile> files, List<String> dropped) {
    }

    /** Saves, then drops, everything in {@code plan}. Refuses without a backup set. */
    public Applied apply(List<Item> plan, Path backupSet, BackupKey key, int level, SchemaDump schemaDump) {
        if (backupSet == null) {
            throw new MigrateException(ErrorCode.CONFIG, "cleanup --apply needs backupSet in the config",
                    "what it drops is saved there first; add backupSet: <directory>");
        }
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = backupSet.resolve("cleanup").resolve(stamp);
        List<SavedRows.SavedFile> files = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        Path manifest = dir.resolve("cleanup-manifest.json");
        try {
            for (Item item : plan) {
                Path dbDir = dir.resolve(item.db());
                if (item.wholeDatabase()) {
                    try (Connection pg = target.open("postgres"); Statement st = pg.createStatement()) {
                        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + Sql.literal(item.db())
                                + " AND pid <> pg_backend_pid()");
                    }
                    try (Connection c = target.open(item.db())) {
                        c.setAutoCommit(false);
                        try (Statement st = c.createStatement()) {
                            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                        }
                        for (Table t : tables(c, null)) {
                            files.add(copyOut(c, item.db(), t, dbDir, key, level));
                        }
                        Path raw = Files.createTempFile("mosip-migrate-cleanup-", ".dump");
                        try {
                            schemaDump.dump(item.db(), raw);
                            var w = ChunkFiles.write(dbDir.resolve("schema.pgdump.zst" + (key == null ? "" : ".enc")), level, key, out -> {
                                try (InputStream in = Files.newInputStream(raw)) {
                                    return in.transferTo(out);
                                }
                            });
                            files.add(new SavedRows.SavedFile(item.db(), "", "", dir.relativize(dbDir.resolve("schema.pgdump.zst" + (key == null ? "" : ".enc"))).toString(),
                                    0, w.file().rawBytes(), w.file().bytes(), w.file().sha256()));
                        } finally {
                            Files.deleteIfExists(raw);
                        }
                        c.rollback();
                    }
                    writeManifest(manifest, stamp, key, files, dropped);
                    try (Connection pg = target.open("postgres"); Statement st = pg.createStatement()) {
                        st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + Sql.literal(item.db())
                                + " AND pid <> pg_backend_pid()");
                        st.execute("DROP DATABASE " + Sql.ident(item.db()));
                    }
                    dropped.add(item.db());
                    progress.info("cleanup: saved and dropped database " + item.db());
                } else {
                    try (Connection c = target.open(item.db())) {
                        c.setAutoCommit(false);
                        List<Table> locked = new ArrayList<>();
                        for (Table t : item.tables()) {
                            try (Statement st = c.createStatement()) {
                                st.execute("LOCK TABLE " + Sql.ident(t.schema()) + "." + Sql.ident(t.name()) + " IN SHARE MODE");
                            }
                            locked.add(t);
                        }
                        List<SavedRows.SavedFile> saved = new ArrayList<>();
                        for (Table t : locked) {
                            saved.add(copyOut(c, item.db(), t, dbDir, key, level));
                        }
                        files.addAll(saved);
                        writeManifest(manifest, stamp, key, files, dropped);
                        try (Statement st = c.createStatement()) {
                            for (Table t : locked) {
                                st.execute("DROP TABLE " + Sql.ident(t.schema()) + "." + Sql.ident(t.name()));
                            }
                        }
                        c.commit();
                        locked.forEach(t -> dropped.add(item.db() + ":" + t.qualified()));
                        progress.info("cleanup: " + item.db() + ": saved and dropped " + locked.size() + " table(s)");
                    }
                }
                writeManifest(manifest, stamp, key, files, dropped);
            }
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cleanup --apply failed (nothing of the failing database was dropped; saved so far: "
                    + manifest + "): " + e.getMessage(), null, e);
        }
        return new Applied(dir, manifest, files, dropped);
    }

    private static SavedRows.SavedFile copyOut(Connection c, String db, Table t, Path dbDir, BackupKey key, int level) throws Exception {
        return SavedRows.copyOut(c, "COPY " + Sql.ident(t.schema()) + "." + Sql.ident(t.name()) + " TO STDOUT", dbDir.getParent(),
                dbDir.resolve(SavedRows.fileName(t.schema(), t.name(), key)), db, t.schema(), t.name(), key, level);
    }

    private static void writeManifest(Path manifest, String stamp, BackupKey key, List<SavedRows.SavedFile> files, List<String> dropped) throws Exception {
        SavedRows.writeManifest(manifest, "mosip-migrate cleanup", stamp, key, files, Map.of("dropped", dropped));
    }
}
