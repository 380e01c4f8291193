package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

class RoundTripTest {
    @TempDir
    Path tmp;

    static Stream<PgServers.Pair> pairs() {
        return Stream.of(PgServers.local(), PgServers.production());
    }

    static void seed(PgServer s, String db) throws Exception {
        s.freshDatabase(db);
        s.execute(db,
                "CREATE SCHEMA app",
                "CREATE TABLE app.person (id bigint PRIMARY KEY, name text, note text, born timestamptz, photo bytea, attrs jsonb)",
                "INSERT INTO app.person SELECT g, 'name ' || g, CASE WHEN g % 5 = 0 THEN NULL WHEN g % 7 = 0 THEN '' ELSE E'tab\\there\\nnew ''q'' \\\\ ü' END, "
                        + "timestamptz '2020-01-01 00:00:00+05:30' + g * interval '1 minute', decode(md5(g::text), 'hex'), "
                        + "jsonb_build_object('k', g, 'arr', jsonb_build_array(g, null)) FROM generate_series(1, 60000) g",
                "CREATE TABLE app.nopk (a int, b text)",
                "INSERT INTO app.nopk VALUES (1, 'x'), (1, 'x'), (2, NULL), (2, NULL), (2, NULL)",
                "CREATE TABLE app.child (id serial PRIMARY KEY, person_id bigint REFERENCES app.person(id), v numeric(20,5))",
                "INSERT INTO app.child(person_id, v) SELECT g, g / 3.0 FROM generate_series(1, 1000) g",
                "CREATE INDEX person_name_idx ON app.person(name)",
                "ANALYZE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void backupRestoreReproducesEveryTable(PgServers.Pair pair) throws Exception {
        String db = "rt_basic";
        seed(pair.source(), db);
        pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        CliHarness h = new CliHarness(pair, tmp, List.of(db), "chunkSize: 1MiB\n");
        pair.source().execute("postgres", "REVOKE ALL ON DATABASE " + db + " FROM PUBLIC",
                "DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'rt_app') THEN CREATE ROLE rt_app LOGIN; END IF; END$$",
                "GRANT CONNECT ON DATABASE " + db + " TO rt_app", "ALTER DATABASE " + db + " SET work_mem = '7MB'",
                "ALTER ROLE rt_app IN DATABASE " + db + " SET search_path = app",
                "COMMENT ON DATABASE " + db + " IS 'Round trip: the database''s comment travels too'");
        CliHarness.Run backup = h.run("backup");
        assertEquals(0, backup.exit(), backup::toString);
        if (pair.source().password() != null) {
            try (var files = java.nio.file.Files.walk(tmp.resolve("set"))) {
                for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                    String content = new String(java.nio.file.Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                    org.junit.jupiter.api.Assertions.assertFalse(content.contains(pair.source().password()), "password found in " + f);
                }
            }
        }
        CliHarness.Run restore = h.run("restore");
        assertEquals(0, restore.exit(), restore::toString);
        var src = CliHarness.contents(pair.source(), db);
        var dst = CliHarness.contents(pair.target(), db);
        assertEquals(src, dst);
        assertEquals(60000, dst.get("app.person").rows());
        assertEquals(5, dst.get("app.nopk").rows());
        List<String> level = databaseLevel(pair.target(), db);
        assertTrue(level.contains("rt_app=c/postgres") && level.contains("work_mem=7MB") && level.contains("search_path=app")
                && level.stream().noneMatch(a -> a.startsWith("=")), level::toString);
        assertTrue(level.contains("comment=Round trip: the database's comment travels too"), level::toString);
        assertEquals(databaseLevel(pair.source(), db), databaseLevel(pair.target(), db));
        CliHarness.Run verify = h.run("verify");
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.out().contains("PASSED"), verify::toString);
        pair.target().execute(db, "UPDATE app.person SET note = note || '.' WHERE id = 4242");
        CliHarness.Run mismatch = h.run("verify");
        assertEquals(1, mismatch.exit(), mismatch::toString);
        assertTrue(mismatch.out().contains("app.person"), mismatch::toString);
        CliHarness.Run again = h.run("restore");
        assertEquals(0, again.exit(), again::toString);
        assertTrue(again.err().contains("already restored"), again::toString);
    }

    /** Database ACL entries (except the owner's), settings and comment, as comparable strings. */
    static List<String> databaseLevel(PgServer s, String db) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        try (var c = s.connect("postgres"); var rs = c.createStatement().executeQuery(
                "SELECT unnest(datacl)::text FROM pg_database WHERE datname = '" + db + "' "
                        + "UNION ALL SELECT unnest(setconfig) FROM pg_db_role_setting x JOIN pg_database d ON d.oid = x.setdatabase WHERE d.datname = '" + db + "' "
                        + "UNION ALL SELECT 'comment=' || shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = '" + db + "' "
                        + "AND shobj_description(oid, 'pg_database') IS NOT NULL")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static String databaseLevel0(PgServer s, String db) {
        try {
            return databaseLevel(s, db).toString();
        } catch (Exception e) {
            return e.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void copyReproducesEveryTable(PgServers.Pair pair) throws Exception {
        String db = "rt_copy";
        seed(pair.source(), db);
        pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        CliHarness h = new CliHarness(pair, tmp, List.of(db), "chunkSize: 1MiB\n");
        pair.source().execute("postgres", "COMMENT ON DATABASE " + db + " IS 'copied with its comment'");
        CliHarness.Run copy = h.run("copy");
        assertEquals(0, copy.exit(), copy::toString);
        assertEquals(CliHarness.contents(pair.source(), db), CliHarness.contents(pair.target(), db));
        assertTrue(databaseLevel(pair.target(), db).contains("comment=copied with its comment"), () -> databaseLevel0(pair.target(), db));
        CliHarness.Run verify = h.run("verify", "--no-manifest");
        assertEquals(0, verify.exit(), verify::toString);
    }
}
