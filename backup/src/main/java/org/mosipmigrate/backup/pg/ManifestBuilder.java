package org.mosipmigrate.backup.pg;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mosipmigrate.backup.pg.BackupService.DatabaseMeta;
import org.mosipmigrate.backup.pg.SourcePlan.ChunkPlan;
import org.mosipmigrate.backup.pg.SourcePlan.DatabasePlan;
import org.mosipmigrate.backup.pg.SourcePlan.TablePlan;
import org.mosipmigrate.core.crypto.BackupKey;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.ledger.Ledger;
import org.mosipmigrate.core.ledger.LedgerEntry;
import org.mosipmigrate.core.set.Manifest;
import org.mosipmigrate.core.set.SafePaths;

/**
 * Turns the frozen plan plus the ledger's DONE entries into the manifest, and cross-checks them: a
 * table whose chunks and fingerprint were read under one snapshot must have the same row count in both.
 */
final class ManifestBuilder {
    private ManifestBuilder() {
    }

    static Manifest build(SourcePlan plan, Path set, Ledger ledger, boolean withFingerprints, BackupKey key) {
        List<Manifest.DatabaseEntry> dbs = new ArrayList<>();
        for (DatabasePlan db : plan.databases()) {
            DatabaseMeta meta = read(set, db.metaFile(), new TypeReference<>() { });
            LedgerEntry schema = require(ledger, "db/" + db.name() + "/schema");
            Set<String> snapshots = new LinkedHashSet<>();
            snapshots.add((String) schema.detail().get("snapshot"));
            List<Manifest.TableEntry> tables = new ArrayList<>();
            for (TablePlan t : db.tables()) {
                List<Manifest.ChunkEntry> chunks = new ArrayList<>();
                Set<String> tableSnapshots = new LinkedHashSet<>();
                long rows = 0;
                for (ChunkPlan ch : t.chunks()) {
                    LedgerEntry e = require(ledger, ch.id());
                    tableSnapshots.add((String) e.detail().get("snapshot"));
                    long r = BackupService.num(e, "rows");
                    rows += r;
                    chunks.add(new Manifest.ChunkEntry(ch.id(), ch.predicate(), ch.file(), r, BackupService.num(e, "rawBytes"),
                            BackupService.num(e, "bytes"), (String) e.detail().get("sha256")));
                }
                Manifest.FingerprintEntry fp = null;
                if (withFingerprints) {
                    LedgerEntry f = require(ledger, t.fingerprintStep(db.name()));
                    fp = new Manifest.FingerprintEntry(BackupService.num(f, "rows"), (String) f.detail().get("hash"), t.table().columnNames());
                    boolean sameSnapshot = tableSnapshots.size() == 1 && tableSnapshots.contains(f.detail().get("snapshot"));
                    if (sameSnapshot && fp.rows() != rows) {
                        throw new MigrateException(ErrorCode.RUNTIME, "table " + db.name() + "." + t.table().qualifiedName()
                                + ": chunks hold " + rows + " rows but the fingerprint under the same snapshot counted " + fp.rows(),
                                "this is a bug in chunk ranges; please report it with the plan.json of the backup set");
                    }
                }
                snapshots.addAll(tableSnapshots);
                tables.add(new Manifest.TableEntry(t.table().schema(), t.table().name(),
                        t.table().columns().stream().map(c -> new Manifest.ColumnEntry(c.name(), c.type())).toList(),
                        t.table().copyFormat(), rows, fp, chunks));
            }
            LedgerEntry schemaEntry = schema;
            var info = db.info();
            dbs.add(new Manifest.DatabaseEntry(info.name(), info.owner(), info.encoding(), info.collate(), info.ctype(),
                    info.serverVersionNum(), meta.databaseSql(),
                    new Manifest.FileRef((String) schemaEntry.detail().get("file"), BackupService.num(schemaEntry, "bytes"), (String) schemaEntry.detail().get("sha256")),
                    new ArrayList<>(snapshots), meta.census(),
                    meta.sequences().stream().map(s -> new Manifest.SequenceEntry(s.schema(), s.name(), s.lastValue(), s.isCalled())).toList(),
                    tables));
        }
        List<Manifest.RoleEntry> roles = read(set, BackupService.ROLES_FILE, new TypeReference<>() { });
        return new Manifest(Manifest.FORMAT, Manifest.FORMAT_VERSION, plan.runId(), Instant.now().toString(), "mosip-migrate",
                new Manifest.SourceInfo(plan.sourceHost(), plan.sourcePort(), plan.serverVersionNum()), roles, dbs,
                key == null ? null : new Manifest.EncryptionInfo(key.keyId(), "AES-256-GCM, 64 KiB records, HKDF-SHA256 per-file keys",
                        ManifestStore.SEAL));
    }

    private static LedgerEntry require(Ledger ledger, String step) {
        LedgerEntry e = ledger.lastEntry(step);
        if (e == null || e.state() != LedgerEntry.State.DONE) {
            throw new MigrateException(ErrorCode.RUNTIME, "step " + step + " is not done; the manifest cannot be written",
                    "run the backup again to finish it");
        }
        return e;
    }

    private static <T> T read(Path set, String file, TypeReference<T> type) {
        try {
            return Json.MAPPER.readValue(SafePaths.resolveIn(set, file).toFile(), type);
        } catch (IOException e) {
            throw new MigrateException(ErrorCode.BACKUP_SET_CORRUPT, "cannot read " + file + " in " + set + ": " + e.getMessage(),
                    "run the backup again into a new directory", e);
        }
    }
}
