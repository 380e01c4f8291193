package org.mosipmigrate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.core.config.PgEndpoint;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.PgTools;
import org.mosipmigrate.core.set.ChunkFiles;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/**
 * cleanup --apply (Cleanup) on the machine's PostgreSQL with its own pg_dump (issues 13 and 17): mosip_authdevice and
 * mosip_regdevice are never dropped before pms B1 folded them; from the save to the drop they accept no connection, so no
 * write is lost; an apply that stopped half-way is continued by the next one, into the same directory and manifest.
 */
class CleanupTest {
    @TempDir
    Path set;

    private final PgServer s = PgServers.local().target();
    private final List<MosipDatabase> dbs = List.of(MosipDatabase.MOSIP_PREREG, MosipDatabase.MOSIP_PMS, MosipDatabase.MOSIP_AUTHDEVICE,
            MosipDatabase.MOSIP_REGDEVICE);

    @Test
    void theDeviceDatabasesAreNotDroppedBeforePmsB1FoldedThem() throws Exception {
        prepare(false);
        Cleanup cleanup = new Cleanup(SchemaTestSupport.target(s), SchemaTestSupport.LOG);
        List<Cleanup.Item> plan = cleanup.plan(dbs);
        assertTrue(plan.stream().filter(Cleanup.Item::wholeDatabase).allMatch(i -> i.note().contains("--apply refuses it")), plan::toString);
        MigrateException e = assertThrows(MigrateException.class, () -> cleanup.apply(plan, set, null, 3, pgDump()));
        assertEquals(ErrorCode.USAGE, e.code());
        assertTrue(e.getMessage().contains("mosip_authdevice") && e.getMessage().contains("1.2.0.1-B1"), e.getMessage());
        assertTrue(e.hint().contains("upgrade --databases mosip_pms"), e.hint());
        // nothing changed: both databases and the prereg leftovers are still there, nothing saved
        assertTrue(exists("postgres", "SELECT 1 FROM pg_database WHERE datname = 'mosip_authdevice'"));
        assertTrue(exists("postgres", "SELECT 1 FROM pg_database WHERE datname = 'mosip_regdevice'"));
        assertTrue(exists("mosip_prereg", "SELECT 1 FROM pg_tables WHERE tablename = 'prid_seq_to_be_deleted'"));
        assertFalse(Files.exists(set.resolve("cleanup")));
    }

    @Test
    void writesAreBlockedBetweenSaveAndDropAndAStoppedApplyIsContinued() throws Exception {
        prepare(true);
        Cleanup cleanup = new Cleanup(SchemaTestSupport.target(s), SchemaTestSupport.LOG);
        List<String> duringDrop = new ArrayList<>();
        try (Connection writer = s.connect("mosip_authdevice")) {
            // an open V2 session (as a service would hold) and, between save and drop, new sessions: none may write
            cleanup.beforeDatabaseDrop(db -> {
                duringDrop.add(db + ": new session " + tryConnect(db));
                if (db.equals("mosip_authdevice")) {
                    duringDrop.add(db + ": open session " + tryInsert(writer));
                }
                if (db.equals("mosip_regdevice")) {
                    throw new IllegalStateException("stopped between the save and the drop of " + db);
                }
            });
            MigrateException stopped = assertThrows(MigrateException.class, () -> cleanup.apply(cleanup.plan(dbs), set, null, 3, pgDump()));
            assertTrue(stopped.getMessage().contains("stopped between the save and the drop of mosip_regdevice"), stopped.getMessage());
            assertTrue(stopped.hint().contains("continues"), stopped.hint());
        }
        assertEquals(List.of("mosip_authdevice: new session refused", "mosip_authdevice: open session refused", "mosip_regdevice: new session refused"),
                duringDrop.stream().map(x -> x.replaceAll(" \\(.*", "")).toList(), duringDrop::toString);

        // the first run saved and dropped prereg's leftovers and mosip_authdevice; mosip_regdevice is saved, blocked, not dropped
        assertFalse(exists("postgres", "SELECT 1 FROM pg_database WHERE datname = 'mosip_authdevice'"));
        assertTrue(exists("postgres", "SELECT 1 FROM pg_database WHERE datname = 'mosip_regdevice' AND NOT datallowconn"));
        Path manifest = onlyManifest();
        JsonNode first = Json.MAPPER.readTree(manifest.toFile());
        assertFalse(first.get("complete").asBoolean());
        List<Cleanup.Item> rest = cleanup.plan(dbs);
        assertEquals(List.of("mosip_regdevice"), rest.stream().map(Cleanup.Item::db).toList());
        assertTrue(rest.get(0).note().contains("unfinished cleanup --apply"), rest.get(0).note());

        // the next apply continues the same cleanup: same directory and manifest, every object dropped once, every file listed once
        cleanup.beforeDatabaseDrop(db -> { });
        Cleanup.Applied applied = cleanup.apply(rest, set, null, 3, pgDump());
        assertTrue(applied.resumed());
        assertEquals(manifest, applied.manifest());
        assertEquals(manifest, onlyManifest(), "no second cleanup directory");
        JsonNode done = Json.MAPPER.readTree(manifest.toFile());
        assertTrue(done.get("complete").asBoolean());
        List<String> dropped = new ArrayList<>();
        done.get("dropped").forEach(d -> dropped.add(d.asText()));
        assertEquals(7, dropped.size(), dropped::toString);
        assertTrue(dropped.containsAll(List.of("mosip_authdevice", "mosip_regdevice", "mosip_prereg:prereg.prid_seq_to_be_deleted")), dropped::toString);
        assertFalse(exists("postgres", "SELECT 1 FROM pg_database WHERE datname = 'mosip_regdevice'"));

        List<String> files = new ArrayList<>();
        done.get("files").forEach(f -> files.add(f.get("file").asText()));
        assertEquals(files.stream().distinct().count(), files.size(), files::toString);
        assertEquals(3L, savedRows(manifest, done, "mosip_authdevice", "reg_device_type"), "the rows at the save; the blocked writer added none");
        assertEquals(2L, savedRows(manifest, done, "mosip_regdevice", "reg_device_type"));
        assertEquals(4L, savedRows(manifest, done, "mosip_prereg", "prid_seq_to_be_deleted"));
        assertEquals(1, files.stream().filter(f -> f.startsWith("mosip_regdevice/schema.pgdump")).count());
    }

    /** prereg upgraded (5 leftover tables), pms at 1.1.5.5 or upgraded (B1 folded the devices), authdevice and regdevice with rows. */
    private void prepare(boolean pmsUpgraded) throws Exception {
        new SchemaInit(SchemaTestSupport.target(s), SchemaTestSupport.LOG).init(dbs, "1.1.5.5", true);
        PmsSeed.load(s);
        for (int i = 0; i < 4; i++) {
            s.execute("mosip_prereg", "INSERT INTO prereg.prid_seq (seq_no, cr_by, cr_dtimes) VALUES ('" + i + "', 'x', now())");
        }
        for (String[] src : new String[][] {{"mosip_authdevice", "authdevice", "3"}, {"mosip_regdevice", "regdevice", "2"}}) {
            for (int i = 0; i < Integer.parseInt(src[2]); i++) {
                s.execute(src[0], "INSERT INTO " + src[1] + ".reg_device_type (code, name, is_active, cr_by, cr_dtimes) VALUES ('T" + i
                        + "', 'n', true, 'x', now())");
            }
        }
        SchemaUpgrader up = SchemaTestSupport.upgrader(s, "eng");
        up.upgrade(List.of(MosipDatabase.MOSIP_PREREG), "1.2.0.1");
        if (pmsUpgraded) {
            up.upgrade(List.of(MosipDatabase.MOSIP_PMS), "1.2.0.1");
        }
    }

    private Cleanup.SchemaDump pgDump() {
        PgEndpoint endpoint = new PgEndpoint("target", s.host(), s.port(), s.user(), new PasswordSource(PasswordSource.Kind.ENV, "MM_CLEANUP_PW"),
                null, "disable");
        return Cleanup.pgDump(new PgTools(null), new PgConnector(endpoint, Map.of("MM_CLEANUP_PW", s.password() == null ? "" : s.password())));
    }

    private String tryConnect(String db) {
        try (Connection c = s.connect(db)) {
            c.createStatement().execute("INSERT INTO " + db.substring("mosip_".length()) + ".reg_device_type (code, name, is_active, cr_by, cr_dtimes) "
                    + "VALUES ('late', 'n', true, 'x', now())");
            return "wrote a row";
        } catch (SQLException e) {
            return "refused (" + e.getMessage() + ")";
        }
    }

    private static String tryInsert(Connection writer) {
        try {
            writer.createStatement().execute("INSERT INTO authdevice.reg_device_type (code, name, is_active, cr_by, cr_dtimes) "
                    + "VALUES ('late-open', 'n', true, 'x', now())");
            return "wrote a row";
        } catch (SQLException e) {
            return "refused (" + e.getMessage() + ")";
        }
    }

    private Path onlyManifest() throws Exception {
        try (Stream<Path> files = Files.walk(set.resolve("cleanup"))) {
            List<Path> m = files.filter(p -> p.getFileName().toString().equals(Cleanup.MANIFEST)).toList();
            assertEquals(1, m.size(), m::toString);
            return m.get(0);
        }
    }

    /** Rows of one saved table, by decompressing its file (COPY text: one line per row). */
    private static long savedRows(Path manifest, JsonNode m, String db, String table) throws Exception {
        for (JsonNode f : m.get("files")) {
            if (f.get("db").asText().equals(db) && f.get("table").asText().equals(table)) {
                try (var r = new BufferedReader(new InputStreamReader(ChunkFiles.open(manifest.getParent().resolve(f.get("file").asText()),
                        f.get("bytes").asLong(), f.get("sha256").asText(), null), StandardCharsets.UTF_8))) {
                    long lines = r.lines().count();
                    assertEquals(f.get("rows").asLong(), lines);
                    return lines;
                }
            }
        }
        throw new AssertionError(db + "." + table + " is not in the manifest");
    }

    private boolean exists(String db, String sql) throws Exception {
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(sql)) {
            return rs.next();
        }
    }
}
