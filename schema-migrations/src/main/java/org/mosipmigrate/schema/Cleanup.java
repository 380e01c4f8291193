package org.mosipmigrate.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.set.ChunkFiles;

/**
 * {@code cleanup}: the leftovers the runbook removes once the upgrade is verified: tables the chain renamed
 * ({@code *_to_be_deleted}), copies master B1 / keymgr took ({@code *_migr_bkp}), rows B1 removed as duplicates
 * ({@code *_migr_dupes}) in the MOSIP schemas, and the V2 databases mosip_authdevice / mosip_regdevice that pms B1
 * folded into mosip_pms. {@link #apply} first checks everything the whole run needs (pms B1 applied before the two
 * databases go; pg_dump not older than the target server), then saves every row (COPY text, zstd, encrypted when a key is
 * given) and, for the two databases, their schema (pg_dump --schema-only) under {@code <backupSet>/cleanup/<timestamp>/}
 * with {@code cleanup-manifest.json}, and only then drops. Leftover tables of one database are copied and dropped in one
 * transaction, after {@code LOCK ... IN SHARE MODE}; a whole database accepts no connection from the moment its rows are
 * copied until it is dropped. So the dropped rows are exactly the saved ones. An apply that stopped half-way is continued
 * by the next one, into the same directory and manifest.
 */
public final class Cleanup {
    public static final String SUFFIX_PATTERN = "(_to_be_deleted|_migr_bkp|_migr_dupes)$";
    public static final List<MosipDatabase> FOLDED = List.of(MosipDatabase.MOSIP_AUTHDEVICE, MosipDatabase.MOSIP_REGDEVICE);
    static final String MANIFEST = "cleanup-manifest.json";
    /** pms step 1.2.0.1-B1 (PmsB1DeviceFold), which copies the devices of the two folded databases into mosip_pms. */
    static final String FOLD_VERSION = "1.2.0.1.1";

    /** Writes the schema (no rows) of a whole database to {@code file}, and says which major version the tool is. */
    public interface SchemaDump {
        void dump(String db, Path file) throws Exception;

        /** Major version of the dumping tool; a dump of a newer server is refused before anything changes. */
        int majorVersion();
    }

    /** pg_dump --format=custom --schema-only of a database of {@code target}. */
    public static SchemaDump pgDump(PgTools tools, PgConnector target) {
        return new SchemaDump() {
            @Override
            public void dump(String db, Path file) {
                try (PgConnector.LibpqEnv env = target.libpqEnv()) {
                    tools.run(List.of(tools.executable("pg_dump"), "--format=custom", "--schema-only", "--file=" + file, "--dbname=" + db), env,
                            "schema of database " + db + " on the target");
                }
            }

            @Override
            public int majorVersion() {
                return tools.majorVersion("pg_dump");
            }
        };
    }

    public record Table(String schema, String name, long rows) {
        public String qualified() {
            return schema + "." + name;
        }
    }

    /** wholeDatabase: drop the database (authdevice/regdevice), else drop the listed tables; note: what a reader should know. */
    public record Item(String db, boolean wholeDatabase, List<Table> tables, String note) {
        public long rows() {
            return tables.stream().mapToLong(Table::rows).sum();
        }
    }

    private final TargetDatabases target;
    private final Progress progress;
    private Consumer<String> beforeDatabaseDrop = db -> { };

    public Cleanup(TargetDatabases target, Progress progress) {
        this.target = target;
        this.progress = progress;
    }

    /** Tests: runs after a database's rows are saved and before it is dropped (while it accepts no connection). */
    void beforeDatabaseDrop(Consumer<String> hook) {
        this.beforeDatabaseDrop = hook;
    }

    /** What {@code cleanup} would drop in {@code dbs} (default: the 13 of 1.2.0.1 plus authdevice/regdevice); absent databases are skipped. */
    public List<Item> plan(List<MosipDatabase> dbs) {
        List<Item> out = new ArrayList<>();
        try (Connection pg = target.open("postgres")) {
            String fold = null;
            boolean foldChecked = false;
            for (MosipDatabase d : dbs) {
                Boolean allowsConnections = allowsConnections(pg, d.dbName());
                if (allowsConnections == null) {
                    continue;
                }
                boolean whole = FOLDED.contains(d);
                String note = "";
                if (whole) {
                    if (!foldChecked) {
                        fold = foldMissing(pg);
                        foldChecked = true;
                    }
                    note = fold == null ? "its devices are in mosip_pms (pms step 1.2.0.1-B1 ran)" : "--apply refuses it: " + fold;
                }
                if (!allowsConnections) {
                    out.add(new Item(d.dbName(), whole, List.of(), "accepts no connections since an unfinished cleanup --apply blocked it; "
                            + "--apply continues there"));
                    continue;
                }
                try (Connection c = target.open(d.dbName())) {
                    List<Table> tables = tables(c, whole ? null : d.schema());
                    if (whole || !tables.isEmpty()) {
                        out.add(new Item(d.dbName(), whole, tables, note));
                    }
                }
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cleanup: " + e.getMessage(), null, e);
        }
        return out;
    }

    /** null when the database does not exist, else whether it accepts connections. */
    private static Boolean allowsConnections(Connection pg, String db) throws SQLException {
        try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery("SELECT datallowconn FROM pg_database WHERE datname = " + Sql.literal(db))) {
            return rs.next() ? rs.getBoolean(1) : null;
        }
    }

    /** Why the two V2 device databases must not be dropped yet (pms B1 has not folded them into mosip_pms), or null. */
    private String foldMissing(Connection pg) throws SQLException {
        String pms = MosipDatabase.MOSIP_PMS.dbName();
        if (allowsConnections(pg, pms) == null) {
            return pms + " is not on the target, so pms step 1.2.0.1-B1 has not copied their devices into it";
        }
        try (Connection c = target.open(pms)) {
            if (!SchemaUpgrader.hasHistory(c) || !SchemaUpgrader.exists(c, "SELECT 1 FROM " + MosipDatabase.HISTORY_SCHEMA + "." + MosipDatabase.HISTORY_TABLE
                    + " WHERE version = " + Sql.literal(FOLD_VERSION) + " AND success")) {
                return pms + " has not run step 1.2.0.1-B1, which copies their devices into it";
            }
        }
        return null;
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

    public record Applied(Path dir, Path manifest, List<SavedRows.SavedFile> files, List<String> dropped, boolean resumed) {
    }

    /**
     * Checks, saves, then drops everything in {@code plan}. Refuses, before changing anything, without a backup set, when the
     * plan drops mosip_authdevice/mosip_regdevice but pms B1 has not run, and when pg_dump is older than the target server.
     */
    public Applied apply(List<Item> plan, Path backupSet, BackupKey key, int level, SchemaDump schemaDump) {
        if (backupSet == null) {
            throw new MigrateException(ErrorCode.CONFIG, "cleanup --apply needs backupSet in the config",
                    "what it drops is saved there first; add backupSet: <directory>");
        }
        checkBeforeChanging(plan, schemaDump);
        Path root = backupSet.resolve("cleanup");
        Unfinished earlier = unfinished(root, key);
        String stamp = earlier != null ? earlier.stamp() : DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(Instant.now());
        Path dir = root.resolve(stamp);
        List<SavedRows.SavedFile> files = new ArrayList<>(earlier != null ? earlier.files() : List.of());
        List<String> dropped = new ArrayList<>(earlier != null ? earlier.dropped() : List.of());
        if (earlier != null) {
            progress.info("cleanup: continuing the unfinished cleanup of " + stamp + " (" + dropped.size() + " object(s) dropped by it)");
        }
        Path manifest = dir.resolve(MANIFEST);
        try {
            for (Item item : plan) {
                Path dbDir = dir.resolve(item.db());
                // files of an earlier, stopped attempt at this item are replaced by what is saved now
                files.removeIf(f -> f.db().equals(item.db()) && (item.wholeDatabase()
                        || item.tables().stream().anyMatch(t -> t.schema().equals(f.schema()) && t.name().equals(f.table()))));
                if (item.wholeDatabase()) {
                    saveAndDropDatabase(item, dir, dbDir, key, level, schemaDump, manifest, stamp, files, dropped);
                } else {
                    saveAndDropTables(item, dbDir, key, level, manifest, stamp, files, dropped);
                }
                writeManifest(manifest, stamp, key, files, dropped, false);
            }
            writeManifest(manifest, stamp, key, files, dropped, true);
        } catch (MigrateException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cleanup --apply stopped (what is listed as dropped in " + manifest + " is saved there; "
                    + "nothing else was dropped): " + e.getMessage(), "fix the cause and run cleanup --apply again: it continues this cleanup", e);
        }
        return new Applied(dir, manifest, files, dropped, earlier != null);
    }

    /** Everything the whole apply needs, checked before the first change. */
    private void checkBeforeChanging(List<Item> plan, SchemaDump schemaDump) {
        List<String> databases = plan.stream().filter(Item::wholeDatabase).map(Item::db).toList();
        if (databases.isEmpty()) {
            return;
        }
        try (Connection pg = target.open("postgres")) {
            String fold = foldMissing(pg);
            if (fold != null) {
                throw new MigrateException(ErrorCode.USAGE, "cleanup --apply: " + String.join(" and ", databases) + " cannot be dropped: " + fold,
                        "run mosip-migrate upgrade --databases mosip_pms first (its step 1.2.0.1-B1 moves their devices), "
                                + "or leave them out with --databases; nothing was changed");
            }
            int serverMajor;
            try (Statement st = pg.createStatement(); ResultSet rs = st.executeQuery("SHOW server_version_num")) {
                rs.next();
                serverMajor = Integer.parseInt(rs.getString(1)) / 10000;
            }
            int toolMajor = schemaDump.majorVersion();
            if (toolMajor < serverMajor) {
                throw new MigrateException(ErrorCode.EXTERNAL_TOOL, "cleanup --apply: pg_dump " + toolMajor + " cannot save the schema of "
                        + String.join(" and ", databases) + " from the PostgreSQL " + serverMajor + " target server; nothing was changed",
                        "install PostgreSQL " + serverMajor + "+ client tools (pg_dump major version >= the target server's) and set pgBinDir, "
                                + "or leave " + String.join(" and ", databases) + " out with --databases");
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cleanup: " + e.getMessage(), null, e);
        }
    }

    /** The leftover tables of one database: locked, copied and dropped in one transaction. */
    private void saveAndDropTables(Item item, Path dbDir, BackupKey key, int level, Path manifest, String stamp, List<SavedRows.SavedFile> files,
                                   List<String> dropped) throws Exception {
        try (Connection c = target.open(item.db())) {
            c.setAutoCommit(false);
            for (Table t : item.tables()) {
                try (Statement st = c.createStatement()) {
                    st.execute("LOCK TABLE " + Sql.ident(t.schema()) + "." + Sql.ident(t.name()) + " IN SHARE MODE");
                }
            }
            for (Table t : item.tables()) {
                files.add(copyOut(c, item.db(), t, dbDir, key, level));
            }
            writeManifest(manifest, stamp, key, files, dropped, false);
            try (Statement st = c.createStatement()) {
                for (Table t : item.tables()) {
                    st.execute("DROP TABLE " + Sql.ident(t.schema()) + "." + Sql.ident(t.name()));
                }
            }
            c.commit();
            item.tables().forEach(t -> dropped.add(item.db() + ":" + t.qualified()));
            progress.info("cleanup: " + item.db() + ": saved and dropped " + item.tables().size() + " table(s)");
        }
    }

    /**
     * A whole database: its schema dump first (pg_dump needs a connection of its own), then no new connection is accepted and
     * every other session ends, its rows are copied, and it is dropped: no write can land between the copy and the drop.
     * A database an earlier, stopped apply blocked is opened again just long enough to connect.
     */
    private void saveAndDropDatabase(Item item, Path dir, Path dbDir, BackupKey key, int level, SchemaDump schemaDump, Path manifest, String stamp,
                                     List<SavedRows.SavedFile> files, List<String> dropped) throws Exception {
        String db = Sql.ident(item.db());
        try (Connection pg = target.open("postgres"); Statement admin = pg.createStatement()) {
            if (Boolean.FALSE.equals(allowsConnections(pg, item.db()))) {
                admin.execute("ALTER DATABASE " + db + " ALLOW_CONNECTIONS true");
            }
            String dumpName = "schema.pgdump.zst" + (key == null ? "" : ".enc");
            Path raw = Files.createTempFile("mosip-migrate-cleanup-", ".dump");
            try {
                schemaDump.dump(item.db(), raw);
                var w = ChunkFiles.write(dbDir.resolve(dumpName), level, key, out -> {
                    try (InputStream in = Files.newInputStream(raw)) {
                        return in.transferTo(out);
                    }
                });
                files.add(new SavedRows.SavedFile(item.db(), "", "", dir.relativize(dbDir.resolve(dumpName)).toString(), 0, w.file().rawBytes(),
                        w.file().bytes(), w.file().sha256()));
            } finally {
                Files.deleteIfExists(raw);
            }
            try (Connection c = target.open(item.db())) {
                long ownPid;
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                    rs.next();
                    ownPid = rs.getLong(1);
                }
                admin.execute("ALTER DATABASE " + db + " ALLOW_CONNECTIONS false");
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = " + Sql.literal(item.db()) + " AND pid <> " + ownPid);
                progress.info("cleanup: " + item.db() + " accepts no connections until it is dropped (other sessions ended)");
                c.setAutoCommit(false);
                try (Statement st = c.createStatement()) {
                    st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
                for (Table t : tables(c, null)) {
                    files.add(copyOut(c, item.db(), t, dbDir, key, level));
                }
                c.rollback();
            }
            writeManifest(manifest, stamp, key, files, dropped, false);
            beforeDatabaseDrop.accept(item.db());
            admin.execute("DROP DATABASE " + db);
        }
        dropped.add(item.db());
        progress.info("cleanup: saved and dropped database " + item.db());
    }

    private static SavedRows.SavedFile copyOut(Connection c, String db, Table t, Path dbDir, BackupKey key, int level) throws Exception {
        return SavedRows.copyOut(c, "COPY " + Sql.ident(t.schema()) + "." + Sql.ident(t.name()) + " TO STDOUT", dbDir.getParent(),
                dbDir.resolve(SavedRows.fileName(t.schema(), t.name(), key)), db, t.schema(), t.name(), key, level);
    }

    private static void writeManifest(Path manifest, String stamp, BackupKey key, List<SavedRows.SavedFile> files, List<String> dropped,
                                      boolean complete) throws Exception {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("dropped", dropped);
        extra.put("complete", complete);
        SavedRows.writeManifest(manifest, "mosip-migrate cleanup", stamp, key, files, extra);
    }

    /** A cleanup that stopped before it finished (manifest with complete = false), saved with the same key. */
    private record Unfinished(String stamp, List<SavedRows.SavedFile> files, List<String> dropped) {
    }

    private static Unfinished unfinished(Path root, BackupKey key) {
        if (!Files.isDirectory(root)) {
            return null;
        }
        List<Path> manifests;
        try (Stream<Path> s = Files.list(root)) {
            manifests = s.map(d -> d.resolve(MANIFEST)).filter(Files::isRegularFile).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "cleanup: cannot list " + root + ": " + e.getMessage(), null, e);
        }
        for (Path m : manifests) {
            JsonNode n;
            try {
                n = Json.MAPPER.readTree(m.toFile());
            } catch (IOException e) {
                throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "cleanup: cannot read " + m + ": " + e.getMessage(),
                        "restore the file from a copy, or move its directory away if nothing in it was dropped", e);
            }
            if (n.path("complete").asBoolean(true)) {
                continue;
            }
            if (!Objects.equals(n.path("encryptionKeyId").isNull() || n.path("encryptionKeyId").isMissingNode() ? null : n.get("encryptionKeyId").asText(),
                    key == null ? null : key.keyId())) {
                continue; // saved with another key: a new cleanup directory, not a mix of keys in one
            }
            List<SavedRows.SavedFile> files = new ArrayList<>();
            for (JsonNode f : n.path("files")) {
                files.add(new SavedRows.SavedFile(f.path("db").asText(), f.path("schema").asText(), f.path("table").asText(), f.path("file").asText(),
                        f.path("rows").asLong(), f.path("rawBytes").asLong(), f.path("bytes").asLong(), f.path("sha256").asText()));
            }
            List<String> dropped = new ArrayList<>();
            n.path("dropped").forEach(d -> dropped.add(d.asText()));
            return new Unfinished(m.getParent().getFileName().toString(), files, dropped);
        }
        return null;
    }
}
