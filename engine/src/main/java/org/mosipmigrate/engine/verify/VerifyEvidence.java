package org.mosipmigrate.engine.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.evidence.EvidenceBuilder;
import org.mosipmigrate.core.evidence.EvidencePack;
import org.mosipmigrate.core.evidence.EvidencePack.Mismatch;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.set.BackupSetCheck;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.engine.SetIntegrity;
import org.mosipmigrate.objects.ObjectVerifyService;
import org.mosipmigrate.schema.MosipDatabase;
import org.mosipmigrate.schema.SchemaVerify;
import org.mosipmigrate.verify.CensusResult;
import org.mosipmigrate.verify.TableResult;
import org.mosipmigrate.verify.VerifyReport;
import org.mosipmigrate.verify.keystore.KeystoreVerifier;

/**
 * Turns each part's verify report into the evidence pack's sections (counts, hashes, mismatches). Used by
 * {@code verify} and by any pipeline that ends with a verification (rehearse); each method adds one part.
 */
public final class VerifyEvidence {
    private VerifyEvidence() {
    }

    /** The backup run the target came from, when the backup set's manifest exists (its seal is the restore's business). */
    public static void addSource(EvidenceBuilder b, MigrationConfig cfg) {
        if (cfg.backupSet() == null || !ManifestStore.exists(cfg.backupSet())) {
            return;
        }
        try {
            Manifest m = ManifestStore.read(cfg.backupSet());
            Map<String, List<String>> snapshots = new TreeMap<>();
            m.databases().forEach(d -> snapshots.put(d.name(), d.snapshots()));
            var src = m.source();
            b.source(new EvidencePack.SourceRef(cfg.backupSet().toString(), m.runId(), m.createdAt(), src == null ? null : src.host(),
                    src == null ? null : src.port(), src == null ? null : src.serverVersionNum(), snapshots, null));
        } catch (MigrateException e) {
            b.note("the backup set's manifest could not be read for the source reference: " + e.getMessage());
        }
    }

    /** Tables, databases (with Flyway history when the target has one) and every db finding. */
    public static void addDatabases(EvidenceBuilder b, VerifyReport r, MigrationConfig cfg, Map<String, String> env) {
        for (TableResult t : r.tables()) {
            b.table(new EvidencePack.TableEvidence(t.db(), t.table(), t.columns().size(), t.sourceRows(), t.sourceHash(), t.manifestRows(),
                    t.manifestHash(), t.targetRows(), t.targetHash(), t.status().name()));
        }
        Set<String> dbs = new LinkedHashSet<>();
        r.tables().forEach(t -> dbs.add(t.db()));
        r.census().forEach(c -> dbs.add(c.db()));
        PgConnector target = cfg.target() == null ? null : new PgConnector(cfg.target(), env);
        for (String db : dbs) {
            Map<String, Long> census = new TreeMap<>();
            for (CensusResult c : r.census()) {
                if (c.db().equals(db) && c.target() != null) {
                    census.put(c.kind(), c.target());
                }
            }
            List<TableResult> tables = r.tables().stream().filter(t -> t.db().equals(db)).toList();
            long rows = tables.stream().mapToLong(t -> t.targetRows() == null ? 0 : t.targetRows()).sum();
            int sequences = (int) r.sequences().stream().filter(s -> s.db().equals(db)).count();
            b.database(new EvidencePack.DatabaseEvidence(db, tables.size(), rows, census, sequences, migrations(target, db, b)));
        }
        r.findings().forEach(f -> b.mismatch(new Mismatch("db", f.db(), f.item(), f.kind().name(), f.expected(), f.actual(), f.message())));
    }

    /**
     * The applied migrations of a target database's Flyway history ({@code mosip_migrate.flyway_schema_history}), or null
     * when it has none (not upgraded) or cannot be read (a note says why).
     */
    static List<EvidencePack.Migration> migrations(PgConnector target, String db, EvidenceBuilder b) {
        if (target == null) {
            return null;
        }
        String table = MosipDatabase.HISTORY_SCHEMA + "." + MosipDatabase.HISTORY_TABLE;
        try (Connection c = target.open(db); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT to_regclass('" + table + "') IS NOT NULL")) {
                if (!rs.next() || !rs.getBoolean(1)) {
                    return null;
                }
            }
            List<EvidencePack.Migration> out = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT installed_rank, version, description, script, checksum, success FROM " + table
                    + " ORDER BY installed_rank")) {
                while (rs.next()) {
                    int checksum = rs.getInt(5);
                    out.add(new EvidencePack.Migration(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.wasNull() ? null : checksum, rs.getBoolean(6)));
                }
            }
            return out;
        } catch (SQLException | MigrateException e) {
            b.note(db + ": migration history not read: " + e.getMessage());
            return null;
        }
    }

    public static void addObjects(EvidenceBuilder b, ObjectVerifyService.Report r) {
        Set<String> failedBuckets = new LinkedHashSet<>();
        r.findings().forEach(f -> failedBuckets.add(f.bucket()));
        List<EvidencePack.BucketEvidence> buckets = new ArrayList<>();
        for (ObjectVerifyService.BucketCount c : r.perBucket()) {
            buckets.add(new EvidencePack.BucketEvidence(c.bucket(), c.expectedObjects(), c.expectedBytes(), c.targetObjects(), c.targetBytes(),
                    failedBuckets.contains(c.bucket()) ? "MISMATCH" : "OK"));
        }
        b.objects(new EvidencePack.ObjectsEvidence(r.mode(), r.deep(), r.buckets(), r.objects(), r.bytes(), r.differences(), buckets));
        r.findings().forEach(f -> b.mismatch(new Mismatch("objects", null, f.bucket() + "/" + f.key(), f.kind(), null, null, f.detail())));
        if (r.differences() > r.findings().size()) {
            b.mismatch(new Mismatch("objects", null, "(more)", "TRUNCATED", null, null,
                    (r.differences() - r.findings().size()) + " further difference(s) not listed; see objects-verify-report.json"));
        }
    }

    public static void addKeystores(EvidenceBuilder b, KeystoreVerifier.Report r) {
        for (KeystoreVerifier.KeystoreResult k : r.keystores()) {
            var shown = k.target() != null ? k.target() : k.source();
            List<EvidencePack.KeyEvidence> keys = shown == null ? List.of() : shown.stream()
                    .map(e -> new EvidencePack.KeyEvidence(e.key(), e.kind(), e.algorithm(), e.notAfter(), e.certSha256(), e.roundTrip())).toList();
            boolean bad = r.findings().stream().anyMatch(f -> f.contains(k.name()));
            b.keystore(new EvidencePack.KeystoreEvidence(k.name(), k.type(), k.files(), k.sides(), k.opened(), keys, bad ? "MISMATCH" : "OK"));
        }
        r.findings().forEach(f -> b.mismatch(new Mismatch("keystores", null, null, "DIFFERENCE", null, null, f)));
        r.warnings().forEach(w -> b.note("keystores: warning: " + w));
        r.notes().forEach(n -> b.note("keystores: " + n));
    }

    public static void addSchema(EvidenceBuilder b, List<SchemaVerify.Result> results, String version) {
        for (SchemaVerify.Result r : results) {
            b.schema(new EvidencePack.SchemaEvidence(r.db(), version, r.exists(), r.unexpected().size(), r.known().size(), r.passed()));
            if (!r.exists()) {
                b.mismatch(new Mismatch("schema", r.db(), r.db(), "DATABASE_MISSING", null, null, "database does not exist on the target"));
            }
            r.unexpected().forEach(d -> b.mismatch(new Mismatch("schema", r.db(), null, "UNEXPECTED", null, null, String.valueOf(d))));
        }
    }

    public static void addSetCheck(EvidenceBuilder b, SetIntegrity.Report r) {
        for (BackupSetCheck.Problem p : r.files().problems()) {
            b.mismatch(new Mismatch("set", null, p.file(), "FILE", null, null, r.ownerOf(p.file()) + ": " + p.what()));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("parts", r.partsChecked());
        summary.put("files", r.files().filesChecked());
        summary.put("bytes", r.files().bytesChecked());
        b.note("backup set check: " + summary + (r.keyId() == null ? "" : ", seals verified with key " + r.keyId()));
    }
}
