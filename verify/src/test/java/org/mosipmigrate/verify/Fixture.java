package org.mosipmigrate.verify;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.config.PasswordSource;
import org.mosipmigrate.core.config.PgEndpoint;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.pg.SchemaCensus;
import org.mosipmigrate.core.pg.TableFingerprint;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/** Test data that looks like a MOSIP database, loaded identically on both sides, and configs pointing at it. */
final class Fixture {
    static final String SOURCE_PW_VAR = "MM_TEST_SOURCE_PW";
    static final String TARGET_PW_VAR = "MM_TEST_TARGET_PW";

    private Fixture() {
    }

    /** Same DDL + DML on both sides; every value is a function of generate_series, so both sides are equal. */
    static final String[] SCHEMA_AND_DATA = {
        "CREATE SCHEMA ida",
        "CREATE SEQUENCE ida.txn_seq",
        "CREATE TABLE ida.auth_txn (id bigint PRIMARY KEY DEFAULT nextval('ida.txn_seq'), uin varchar(64) NOT NULL, "
            + "cr_dtimes timestamptz, score double precision, ratio real, amount numeric(14,4), payload jsonb, photo bytea, "
            + "active boolean, tags text[], wait interval, born date, note text)",
        "CREATE INDEX auth_txn_uin_idx ON ida.auth_txn (uin)",
        "INSERT INTO ida.auth_txn (uin, cr_dtimes, score, ratio, amount, payload, photo, active, tags, wait, born, note) "
            + "SELECT 'UIN' || lpad(g::text, 10, '0'), "
            + "CASE WHEN g % 7 = 0 THEN NULL ELSE timestamptz '2021-03-01 10:00:00.123456+05:30' + g * interval '37 minutes 11.5 seconds' END, "
            + "CASE WHEN g % 11 = 0 THEN NULL ELSE g / 3.0::float8 + 0.1 END, "
            + "(g * 0.7)::real, g * 1.0001, "
            + "CASE WHEN g % 5 = 0 THEN NULL ELSE jsonb_build_object('g', g, 'name', 'nom ' || g, 'list', jsonb_build_array(g % 3, 'é', NULL)) END, "
            + "CASE WHEN g % 13 = 0 THEN NULL ELSE decode(md5(g::text), 'hex') END, "
            + "g % 2 = 0, ARRAY['a' || g, NULL, 'quote''s \"x\"'], g * interval '1 hour 2 minutes', date '1970-01-01' + g, "
            + "CASE WHEN g % 3 = 0 THEN NULL ELSE E'line\\ttab\\nnewline ' || g END "
            + "FROM generate_series(1, 1000) g",
        // no primary key and duplicate rows: only the hash's sums (not a set) can tell 2 copies from 3
        "CREATE TABLE ida.audit_log (event text, at timestamptz, detail jsonb)",
        "INSERT INTO ida.audit_log SELECT 'event-' || (g % 100), timestamptz '2022-01-01 00:00:00+00' + (g % 100) * interval '1 day', "
            + "CASE WHEN g % 4 = 0 THEN NULL ELSE jsonb_build_object('k', g % 100) END FROM generate_series(1, 1000) g",
        "CREATE TABLE public.master_lang (code char(3) PRIMARY KEY, name text NOT NULL, is_active boolean)",
        "INSERT INTO public.master_lang VALUES ('eng', 'English', true), ('fra', 'Français', true), ('ara', 'العربية', NULL)",
    };

    static final String AUTH_TXN = "ida.auth_txn";
    static final String AUDIT_LOG = "ida.audit_log";

    /** Creates {@code db} on both servers and loads the same data into it. */
    static String loadBoth(PgServers.Pair pair, String db) throws Exception {
        for (PgServer s : List.of(pair.source(), pair.target())) {
            s.freshDatabase(db);
            s.execute(db, SCHEMA_AND_DATA);
        }
        return db;
    }

    static Map<String, String> env(PgServers.Pair pair) {
        Map<String, String> env = new HashMap<>();
        // trust-auth servers have no password; any value then does
        env.put(SOURCE_PW_VAR, pair.source().password() == null ? "unused" : pair.source().password());
        env.put(TARGET_PW_VAR, pair.target().password() == null ? "unused" : pair.target().password());
        return env;
    }

    static MigrationConfig config(PgServers.Pair pair, Path backupSet, List<String> databases) {
        return config(pair, backupSet, databases, Map.of());
    }

    static MigrationConfig config(PgServers.Pair pair, Path backupSet, List<String> databases, Map<String, List<String>> columns) {
        PgEndpoint source = endpoint("source", pair.source(), SOURCE_PW_VAR, databases);
        PgEndpoint target = endpoint("target", pair.target(), TARGET_PW_VAR, null);
        return new MigrationConfig(null, source, target, backupSet, 2, 256L << 20, 3, true, null, null, columns, List.of());
    }

    static PgEndpoint endpoint(String role, PgServer s, String passwordVar, List<String> databases) {
        return new PgEndpoint(role, s.host(), s.port(), s.user(), new PasswordSource(PasswordSource.Kind.ENV, passwordVar),
                databases, "disable");
    }

    /** Source only, one database. */
    static VerifyOptions againstSource(String db) {
        return new VerifyOptions(List.of(db), true, false, Map.of(), List.of());
    }

    /**
     * Writes a manifest for {@code databases} as a backup would: columns, counts and fingerprints, census
     * and sequences all read from the source through a PgConnector session (the fingerprint's settings).
     */
    static void writeManifest(MigrationConfig cfg, Map<String, String> env, Path set, List<String> databases) throws Exception {
        PgConnector source = new PgConnector(cfg.source(), env);
        List<Manifest.DatabaseEntry> dbs = new ArrayList<>();
        int version = 0;
        for (String db : databases) {
            try (Connection c = source.open(db)) {
                version = PgCatalog.serverVersionNum(c);
                List<Manifest.TableEntry> tables = new ArrayList<>();
                for (PgCatalog.TableInfo t : PgCatalog.listTables(c)) {
                    TableFingerprint.Fingerprint fp = TableFingerprint.compute(c, t.schema(), t.name(), t.columnNames());
                    tables.add(new Manifest.TableEntry(t.schema(), t.name(),
                            t.columns().stream().map(col -> new Manifest.ColumnEntry(col.name(), col.type())).toList(),
                            t.copyFormat(), fp.rows(), new Manifest.FingerprintEntry(fp.rows(), fp.hash(), t.columnNames()), List.of()));
                }
                List<Manifest.SequenceEntry> seqs = PgCatalog.listSequences(c).stream()
                        .map(s -> new Manifest.SequenceEntry(s.schema(), s.name(), s.lastValue(), s.isCalled())).toList();
                dbs.add(new Manifest.DatabaseEntry(db, "postgres", "UTF8", "C", "C", version, List.of(), null, List.of(),
                        SchemaCensus.take(c), seqs, tables));
            }
        }
        ManifestStore.write(set, new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, "test-run", Instant.now().toString(),
                "mosip-migrate test", new Manifest.SourceInfo(cfg.source().host(), cfg.source().port(), version), List.of(), dbs));
    }
}
