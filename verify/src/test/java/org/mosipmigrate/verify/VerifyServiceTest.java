package org.mosipmigrate.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.testkit.PgServers;
import org.mosipmigrate.verify.Finding.Kind;
import org.mosipmigrate.verify.TableResult.Status;

/** Verification against real servers: the machine's own pair (password auth) and PG 12 -> PG 16. */
class VerifyServiceTest {
    @TempDir
    Path tmp;

    static Stream<PgServers.Pair> pairs() {
        return Stream.of(PgServers.local(), PgServers.production());
    }

    private static VerifyReport verify(PgServers.Pair pair, VerifyOptions o, MigrationConfig cfg) {
        VerifyService service = new VerifyService(cfg, Fixture.env(pair), Progress.NO_OP);
        return service.execute(service.plan(o));
    }

    private static VerifyReport verifySource(PgServers.Pair pair, String db) {
        return verify(pair, Fixture.againstSource(db), Fixture.config(pair, null, List.of(db)));
    }

    private static Set<Kind> kindsFor(VerifyReport r, String item) {
        return r.findingsFor(item).stream().map(Finding::kind).collect(Collectors.toSet());
    }

    private static TableResult table(VerifyReport r, String table) {
        return r.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void identicalSidesPass(PgServers.Pair pair) throws Exception {
        String db = Fixture.loadBoth(pair, "v_identical");
        // the tool's own bookkeeping schema on the target is not data
        pair.target().execute(db, "CREATE SCHEMA mosip_migrate", "CREATE TABLE mosip_migrate.run (run_id text)",
                "INSERT INTO mosip_migrate.run VALUES ('x')");

        VerifyReport r = verifySource(pair, db);

        assertTrue(r.passed(), () -> r.renderTable() + r.findings());
        assertEquals(List.of("ida.audit_log", "ida.auth_txn", "public.master_lang"), r.tables().stream().map(TableResult::table).toList());
        TableResult auth = table(r, Fixture.AUTH_TXN);
        assertEquals(1000L, auth.targetRows());
        assertEquals(auth.sourceHash(), auth.targetHash());
        assertEquals(13, auth.columns().size());
        assertTrue(r.census().stream().allMatch(CensusResult::matches));
        assertTrue(r.census().stream().anyMatch(c -> c.kind().equals("indexes") && c.target() == 3), r.census()::toString);
        assertEquals(1, r.sequences().size());
        assertEquals(new SequenceResult.SequenceState(1000, true), r.sequences().get(0).target());

        String text = r.renderTable();
        assertTrue(text.lines().anyMatch(l -> l.contains("ida.auth_txn") && l.contains("1000") && l.endsWith("OK")), text);
        assertTrue(text.strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("PASSED"), text);

        Path file = r.writeJson(tmp);
        assertEquals(VerifyReport.FILE, file.getFileName().toString());
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertTrue(json.path("passed").asBoolean());
        assertEquals(3, json.path("tables").size());
        assertEquals("OK", json.path("tables").get(1).path("status").asText());
    }

    @Test
    void oneChangedValueFailsNamingTheTable() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_changed");
        pair.target().execute(db, "UPDATE ida.auth_txn SET note = 'changed' WHERE id = 500");

        VerifyReport r = verifySource(pair, db);

        assertFalse(r.passed());
        assertEquals(Set.of(Kind.CONTENT_HASH), kindsFor(r, db + ".ida.auth_txn"));
        assertEquals(1, r.findings().size(), r.findings()::toString);
        assertEquals(Status.MISMATCH, table(r, Fixture.AUTH_TXN).status());
        assertEquals(Status.OK, table(r, Fixture.AUDIT_LOG).status());
        assertTrue(r.renderTable().contains("FAILED"));
    }

    @Test
    void oneDeletedRowFails() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_deleted");
        pair.target().execute(db, "DELETE FROM ida.auth_txn WHERE id = 77");

        VerifyReport r = verifySource(pair, db);

        assertFalse(r.passed());
        Finding count = r.findingsFor(db + ".ida.auth_txn").stream().filter(f -> f.kind() == Kind.ROW_COUNT).findFirst().orElseThrow();
        assertEquals("1000", count.expected());
        assertEquals("999", count.actual());
        assertEquals(999L, table(r, Fixture.AUTH_TXN).targetRows());
    }

    @Test
    void oneAddedDuplicateInATableWithoutKeyFailsOnCountAndHash() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_duplicate");
        pair.target().execute(db, "INSERT INTO ida.audit_log SELECT * FROM ida.audit_log WHERE event = 'event-42' LIMIT 1");

        VerifyReport r = verifySource(pair, db);

        assertFalse(r.passed());
        assertEquals(Set.of(Kind.ROW_COUNT, Kind.CONTENT_HASH), kindsFor(r, db + ".ida.audit_log"));
        assertEquals(1001L, table(r, Fixture.AUDIT_LOG).targetRows());
    }

    @Test
    void extraTargetColumnPassesOnTheSourceColumnsAndAnOverrideHashesFewerColumns() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_columns");
        // a V3 upgrade adds a column with a default: the V2 columns must still match
        pair.target().execute(db, "ALTER TABLE ida.auth_txn ADD COLUMN lang_code varchar(3) DEFAULT 'eng'");
        VerifyReport extra = verifySource(pair, db);
        assertTrue(extra.passed(), extra.findings()::toString);
        assertFalse(table(extra, Fixture.AUTH_TXN).columns().contains("lang_code"));

        // a changed column outside the override's subset is not hashed, so it does not fail the run
        pair.target().execute(db, "UPDATE ida.auth_txn SET note = 'rewritten by V3' WHERE id < 10");
        String key = db + ".ida.auth_txn";
        VerifyOptions subset = new VerifyOptions(List.of(db), true, false, Map.of(key, List.of("id", "uin", "amount")), List.of());
        MigrationConfig cfg = Fixture.config(pair, null, List.of(db));
        VerifyService service = new VerifyService(cfg, Fixture.env(pair), Progress.NO_OP);
        VerifyPlan plan = service.plan(subset);
        assertTrue(plan.render().contains("ida.auth_txn  3 columns from override [id, uin, amount]"), plan.render());
        VerifyReport r = service.execute(plan);
        assertTrue(r.passed(), r.findings()::toString);
        assertEquals(List.of("id", "uin", "amount"), table(r, Fixture.AUTH_TXN).columns());

        // whereas the full source column list catches it
        assertEquals(Set.of(Kind.CONTENT_HASH), kindsFor(verifySource(pair, db), key));
    }

    @Test
    void aColumnMissingOnTheTargetIsNamed() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_dropped_column");
        pair.target().execute(db, "ALTER TABLE ida.auth_txn DROP COLUMN note");

        VerifyReport r = verifySource(pair, db);

        assertFalse(r.passed());
        Finding f = r.findingsFor(db + ".ida.auth_txn.note").get(0);
        assertEquals(Kind.COLUMN_MISSING, f.kind());
        assertTrue(f.message().contains("note") && f.message().contains("target"), f.message());
        TableResult t = table(r, Fixture.AUTH_TXN);
        assertEquals(Status.MISMATCH, t.status());
        assertEquals(1000L, t.targetRows()); // still counted
        assertNull(t.targetHash());
    }

    @Test
    void aDifferentSequenceValueFails() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_sequence");
        pair.target().execute(db, "SELECT setval('ida.txn_seq', 900)");

        VerifyReport r = verifySource(pair, db);

        assertFalse(r.passed());
        Finding f = r.findingsFor(db + ".ida.txn_seq").get(0);
        assertEquals(Kind.SEQUENCE_VALUE, f.kind());
        assertTrue(f.expected().startsWith("1000") && f.actual().startsWith("900"), f::toString);
        assertTrue(r.tables().stream().allMatch(t -> t.status() == Status.OK));
        assertTrue(r.renderTable().contains("SEQUENCE_VALUE: sequence " + db + ".ida.txn_seq"), r.renderTable());
    }

    @Test
    void aMissingIndexOnTheTargetFailsTheCensus() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_index");
        pair.target().execute(db, "DROP INDEX ida.auth_txn_uin_idx");

        VerifyReport r = verifySource(pair, db);

        assertFalse(r.passed());
        assertEquals(List.of("indexes"), r.findings().stream().map(Finding::item).toList());
        CensusResult idx = r.census().stream().filter(c -> c.kind().equals("indexes")).findFirst().orElseThrow();
        assertEquals(3L, idx.source());
        assertEquals(2L, idx.target());
        assertFalse(idx.matches());
    }

    @Test
    void tablesOnOneSideOnlyAreFindings() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_presence");
        pair.target().execute(db, "DROP TABLE public.master_lang", "CREATE TABLE ida.v3_only (x int)", "INSERT INTO ida.v3_only VALUES (1)");

        VerifyReport r = verifySource(pair, db);

        assertFalse(r.passed());
        assertEquals(Status.MISSING, table(r, "public.master_lang").status());
        assertEquals(3L, table(r, "public.master_lang").sourceRows());
        assertEquals(Set.of(Kind.TABLE_MISSING), kindsFor(r, db + ".public.master_lang"));
        TableResult extra = table(r, "ida.v3_only");
        assertEquals(Status.MISSING, extra.status());
        assertEquals(1L, extra.targetRows());
        assertTrue(r.findingsFor(db + ".ida.v3_only").get(0).message().contains("not on the source"));
    }

    @Test
    void excludedTablesAreNotCompared() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_excluded");
        pair.target().execute(db, "DELETE FROM ida.audit_log WHERE event = 'event-1'");
        VerifyOptions o = new VerifyOptions(List.of(db), true, false, Map.of(), List.of(db + ".ida.audit_log", db + ".ida.nope"));
        MigrationConfig cfg = Fixture.config(pair, null, List.of(db));
        VerifyService service = new VerifyService(cfg, Fixture.env(pair), Progress.NO_OP);

        VerifyPlan plan = service.plan(o);
        VerifyReport r = service.execute(plan);

        assertTrue(r.passed(), r.findings()::toString);
        assertEquals(2, r.tables().size());
        assertTrue(plan.render().contains("ida.audit_log  excluded"), plan.render());
        assertTrue(plan.notes().stream().anyMatch(n -> n.contains(db + ".ida.nope")), plan.notes()::toString);
    }

    @Test
    void manifestComparisonPassesThenFailsAfterATargetChange() throws Exception {
        PgServers.Pair pair = PgServers.production(); // fingerprints taken on PG 12, checked on PG 16
        String db = Fixture.loadBoth(pair, "v_manifest");
        Path set = tmp.resolve("set");
        MigrationConfig cfg = Fixture.config(pair, set, List.of(db));
        Map<String, String> env = Fixture.env(pair);
        Fixture.writeManifest(cfg, env, set, List.of(db));
        VerifyOptions manifestOnly = new VerifyOptions(null, false, true, Map.of(), List.of());
        VerifyService service = new VerifyService(cfg, env, Progress.NO_OP);

        VerifyPlan plan = service.plan(manifestOnly);
        assertFalse(plan.comparesSource());
        assertTrue(plan.render().contains("backup hash compared"), plan.render());
        VerifyReport ok = service.execute(plan);
        assertTrue(ok.passed(), ok.findings()::toString);
        assertEquals(1000L, table(ok, Fixture.AUTH_TXN).manifestRows());
        assertEquals(table(ok, Fixture.AUTH_TXN).manifestHash(), table(ok, Fixture.AUTH_TXN).targetHash());
        assertNull(table(ok, Fixture.AUTH_TXN).sourceRows());

        pair.target().execute(db, "UPDATE ida.auth_txn SET score = score + 1e-9 WHERE id = 3");
        VerifyReport changed = service.execute(service.plan(manifestOnly));
        assertFalse(changed.passed());
        Finding f = changed.findingsFor(db + ".ida.auth_txn").get(0);
        assertEquals(Kind.CONTENT_HASH, f.kind());
        assertTrue(f.message().contains("backup"), f.message());
    }

    @Test
    void manifestAndSourceTogetherAndABackupFingerprintOverOtherColumnsComparesRowsOnly() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_both");
        Path set = tmp.resolve("set");
        MigrationConfig cfg = Fixture.config(pair, set, List.of(db));
        Map<String, String> env = Fixture.env(pair);
        Fixture.writeManifest(cfg, env, set, List.of(db));
        String key = db + ".ida.audit_log";
        VerifyOptions both = new VerifyOptions(null, true, true, Map.of(key, List.of("event")), List.of());

        VerifyReport r = new VerifyService(cfg, env, Progress.NO_OP).execute(new VerifyService(cfg, env, Progress.NO_OP).plan(both));

        assertTrue(r.passed(), r.findings()::toString);
        TableResult audit = table(r, Fixture.AUDIT_LOG);
        assertNull(audit.manifestHash()); // the backup hashed all columns, this run only "event"
        assertEquals(1000L, audit.manifestRows());
        assertEquals(audit.sourceHash(), audit.targetHash());
        assertTrue(r.census().stream().allMatch(c -> c.source() != null && c.manifest() != null && c.matches()));
    }

    @Test
    void aDatabaseMissingOnTheTargetIsAFinding() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = "v_no_target_db";
        pair.source().freshDatabase(db);
        pair.source().execute(db, Fixture.SCHEMA_AND_DATA);
        pair.target().execute("postgres", "DROP DATABASE IF EXISTS " + db);

        VerifyReport r = verifySource(pair, db);

        assertFalse(r.passed());
        assertEquals(Kind.DATABASE_MISSING, r.findings().get(0).kind());
        assertTrue(r.tables().stream().allMatch(t -> t.status() == Status.MISSING));
    }

    @Test
    void connectionProblemsAreErrorsNotFindings() throws Exception {
        PgServers.Pair pair = PgServers.local();
        String db = Fixture.loadBoth(pair, "v_auth");
        Map<String, String> env = new HashMap<>(Fixture.env(pair));
        env.put(Fixture.TARGET_PW_VAR, "wrong");
        MigrationConfig cfg = Fixture.config(pair, null, List.of(db));
        VerifyService service = new VerifyService(cfg, env, Progress.NO_OP);
        VerifyPlan plan = service.plan(Fixture.againstSource(db)); // planning reads only the source

        MigrateException e = assertThrows(MigrateException.class, () -> service.execute(plan));
        assertEquals(ErrorCode.AUTHENTICATION, e.code());
    }

    @Test
    void aBackupSetWithoutManifestIsAnErrorWhenItIsTheOnlyReference() {
        PgServers.Pair pair = PgServers.local();
        MigrationConfig cfg = Fixture.config(pair, tmp.resolve("empty-set"), null);
        VerifyService service = new VerifyService(cfg, Fixture.env(pair), Progress.NO_OP);

        MigrateException e = assertThrows(MigrateException.class,
                () -> service.plan(new VerifyOptions(null, false, true, Map.of(), List.of())));
        assertEquals(ErrorCode.BACKUP_SET_INVALID, e.code());
        MigrateException none = assertThrows(MigrateException.class,
                () -> service.plan(new VerifyOptions(null, false, false, Map.of(), List.of())));
        assertEquals(ErrorCode.CONFIG, none.code());
    }
}
