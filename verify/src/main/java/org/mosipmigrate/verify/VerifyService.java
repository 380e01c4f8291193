package org.mosipmigrate.verify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.verify.TableJudge.Judged;
import org.mosipmigrate.verify.VerifyPlan.DatabasePlan;

/**
 * The verification stage: proves the target holds what the source (live) and/or the backup set
 * (manifest) hold, table by table (row count and content fingerprint), plus schema-object counts and
 * sequence values. Only reads. Differences end up in the report; exceptions mean verification could not run.
 */
public final class VerifyService {
    private final MigrationConfig cfg;
    private final Map<String, String> env;
    private final Progress progress;
    private final Shard shard;

    public VerifyService(MigrationConfig cfg, Map<String, String> env, Progress progress) {
        this(cfg, env, progress, Shard.ALL);
    }

    /** Compares only the tables {@code shard} owns (by db.schema.table); shard 0 also compares schema objects and sequences. */
    public VerifyService(MigrationConfig cfg, Map<String, String> env, Progress progress, Shard shard) {
        this.shard = shard;
        this.cfg = cfg;
        this.env = env;
        this.progress = progress == null ? Progress.NO_OP : progress;
    }

    /** Decides what will be compared; reads the manifest and the source catalog, writes nothing. */
    public VerifyPlan plan(VerifyOptions o) {
        return new VerifyPlanner(cfg, env).plan(o);
    }

    public VerifyReport execute(VerifyPlan p) {
        Instant started = Instant.now();
        ReadOnlySide target = new ReadOnlySide(p.target(), env);
        ReadOnlySide source = p.comparesSource() ? new ReadOnlySide(p.source(), env) : null;
        Set<String> targetDatabases = SideCatalog.databaseNames(target);

        List<TableJob> jobs = new ArrayList<>();
        List<CensusResult> census = new ArrayList<>();
        List<SequenceResult> sequences = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        for (DatabasePlan db : p.databases()) {
            progress.info("verify: reading the catalogs of " + db.name());
            SideCatalog onSource = source == null ? null : SideCatalog.read(source, db.name());
            SideCatalog onTarget = null;
            if (targetDatabases.contains(db.name())) {
                onTarget = SideCatalog.read(target, db.name());
            } else if (shard.isFirst()) {
                findings.add(new Finding(db.name(), db.name(), Finding.Kind.DATABASE_MISSING, "present", "absent",
                        "database " + db.name() + " is missing on the target"));
            }
            jobs.addAll(TableInventory.jobs(db, p.options(), p.comparesManifest(),
                    onTarget == null ? Map.of() : onTarget.tables(), onSource == null ? null : onSource.tables()).stream()
                    .filter(j -> shard.owns(j.item())).toList());
            if (onTarget != null && shard.isFirst()) {
                var c = SchemaObjectsCheck.census(db.name(), onSource == null ? null : onSource.census(), db.manifestCensus(), onTarget.census());
                census.addAll(c.results());
                findings.addAll(c.findings());
                var s = SchemaObjectsCheck.sequences(db.name(), onSource == null ? null : onSource.sequences(),
                        db.manifestSequences(), onTarget.sequences());
                sequences.addAll(s.results());
                findings.addAll(s.findings());
            }
        }

        List<Judged> judged = new FingerprintWorkers(target, source, cfg.parallelism(), progress).run(jobs);
        List<TableResult> tables = new ArrayList<>();
        // tables in a stable order (workers finish in any order); database-level findings stay first
        judged.sort(Comparator.comparing((Judged j) -> j.result().db()).thenComparing(j -> j.result().table()));
        for (Judged j : judged) {
            tables.add(j.result());
            findings.addAll(j.findings());
        }
        VerifyReport report = new VerifyReport(started.toString(), Instant.now().toString(), p.target().describe(),
                source == null ? null : p.source().describe(),
                p.manifestFile() == null ? null : p.manifestFile().toString(), tables, census, sequences, findings);
        progress.info("verify: " + (report.passed() ? "passed" : "FAILED with " + report.findings().size() + " findings"));
        return report;
    }
}
