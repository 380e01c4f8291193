package org.mosipmigrate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mosipmigrate.testkit.AwkwardTypesFixture;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/** Every awkward type and schema object survives backup+restore and copy, on 15->15 and 12->16. */
class AwkwardTypesRoundTripTest {
    @TempDir
    Path tmp;

    static Stream<PgServers.Pair> pairs() {
        return Stream.of(PgServers.local(), PgServers.production());
    }

    @ParameterizedTest(name = "backup+restore {0}")
    @MethodSource("pairs")
    void backupRestore(PgServers.Pair pair) throws Exception {
        roundTrip(pair, "awk_br", "backup", "restore");
    }

    @ParameterizedTest(name = "copy {0}")
    @MethodSource("pairs")
    void copy(PgServers.Pair pair) throws Exception {
        roundTrip(pair, "awk_cp", "copy");
    }

    private void roundTrip(PgServers.Pair pair, String db, String... commands) throws Exception {
        pair.source().freshDatabase(db);
        AwkwardTypesFixture.create(pair.source(), db);
        pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        CliHarness h = new CliHarness(pair, tmp, List.of(db), "chunkSize: 64KiB\n");
        for (String command : commands) {
            CliHarness.Run r = h.run(command);
            assertEquals(0, r.exit(), r::toString);
        }
        assertEquals(CliHarness.contents(pair.source(), db), CliHarness.contents(pair.target(), db));
        for (String q : List.of(
                // schema objects by definition, not only by count
                // PostgreSQL 16 prints view bodies differently from 12, so definitions are compared within one major only
                pair.source().majorVersion() == pair.target().majorVersion()
                        ? "SELECT n.nspname || '.' || c.relname || ':' || pg_get_viewdef(c.oid) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') AND n.nspname NOT IN ('pg_catalog','information_schema') ORDER BY 1"
                        : "SELECT n.nspname || '.' || c.relname || ':' || c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v','m') AND n.nspname NOT IN ('pg_catalog','information_schema') ORDER BY 1",
                "SELECT p.proname || ':' || md5(p.prosrc) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname NOT IN ('pg_catalog','information_schema') ORDER BY 1",
                "SELECT tgname || ':' || pg_get_triggerdef(t.oid) FROM pg_trigger t WHERE NOT tgisinternal ORDER BY 1",
                "SELECT conname || ':' || pg_get_constraintdef(c.oid) || ':' || condeferrable::text || condeferred::text FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname NOT IN ('pg_catalog','information_schema') ORDER BY 1",
                "SELECT indexname || ':' || indexdef FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog','information_schema') ORDER BY 1",
                "SELECT sequencename || ':' || last_value || ':' || increment_by || ':' || min_value FROM pg_sequences ORDER BY 1",
                "SELECT grantee || ':' || table_schema || '.' || table_name || ':' || privilege_type FROM information_schema.role_table_grants WHERE grantee = 'mm_reader' ORDER BY 1",
                "SELECT c.relname || ':' || c.relispopulated::text FROM pg_class c WHERE c.relkind = 'm' ORDER BY 1",
                "SELECT attrelid::regclass || '.' || attname || ':' || attidentity::text || attgenerated::text FROM pg_attribute WHERE (attidentity <> '' OR attgenerated <> '') ORDER BY 1")) {
            assertEquals(rows(pair.source(), db, q), rows(pair.target(), db, q), q);
        }
        CliHarness.Run verify = h.run("verify");
        assertEquals(0, verify.exit(), verify::toString);
        assertTrue(verify.out().contains("PASSED"), verify::toString);
    }

    private static List<String> rows(PgServer s, String db, String query) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = s.connect(db); ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
