package org.mosipmigrate.engine.parts;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.backup.pg.BackupResult;
import org.mosipmigrate.backup.pg.BackupService;
import org.mosipmigrate.backup.pg.SourcePlan;
import org.mosipmigrate.copy.pg.DatabaseCopy;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.ledger.ShardLedgers;
import org.mosipmigrate.core.part.Operation;
import org.mosipmigrate.core.part.Part;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.part.Reported;
import org.mosipmigrate.core.part.RunContext;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.core.set.ManifestStore;
import org.mosipmigrate.engine.parts.Steps.Typed;
import org.mosipmigrate.engine.verify.VerifyEvidence;
import org.mosipmigrate.restore.pg.RestorePlan;
import org.mosipmigrate.restore.pg.RestoreResult;
import org.mosipmigrate.restore.pg.RestoreService;
import org.mosipmigrate.verify.VerifyOptions;
import org.mosipmigrate.verify.VerifyPlan;
import org.mosipmigrate.verify.VerifyReport;
import org.mosipmigrate.verify.VerifyService;

/**
 * PostgreSQL databases: roles, schema and table data as COPY chunks under one snapshot per database (backup), loaded
 * in parallel then indexed (restore), streamed straight across (copy), and compared table by table (verify).
 */
public final class DatabasePart implements Part {
    @Override
    public PartKind kind() {
        return PartKind.DB;
    }

    @Override
    public Step<?> step(Operation op, RunContext ctx) {
        return switch (op) {
            case BACKUP -> backup(ctx);
            case RESTORE -> restore(ctx);
            case COPY -> copy(ctx);
            case VERIFY -> verify(ctx);
        };
    }

    private static Step<Typed<SourcePlan>> backup(RunContext ctx) {
        Shard shard = ctx.shard();
        var service = new BackupService(ctx.cfg(), ctx.env(), ctx.progress(), shard, ctx.spool());
        return Steps.of(() -> {
            // a shard other than 0 runs shard 0's frozen plan: it does not plan (read the source's catalogs) for nothing
            SourcePlan plan = ctx.dryRun() || shard.isFirst() ? service.plan() : null;
            return new Typed<>(plan, () -> (!shard.isSharded() ? "" : "shard " + shard.label() + "'s part"
                    + (shard.isFirst() ? " (also roles, schema and meta of every database)" : "")
                    + (service.isPlanFrozen() ? "" : "; the plan is not frozen yet, so shard 0's run may plan other chunks") + ":\n")
                    + plan.part(shard).render()
                    + (service.isComplete() ? "(backup set is already complete)" : "(dry run: nothing written)") + "\n");
        }, plan -> {
            BackupResult r = service.execute(plan.plan());
            return StepResult.of(r, new StepResult.Totals(r.chunksWritten(), "chunk", r.rows(), r.rawBytes(), null));
        });
    }

    private static Step<Typed<RestorePlan>> restore(RunContext ctx) {
        // every file of the set was checked before the first part started (the engine checks all parts at once)
        var service = new RestoreService(ctx.cfg(), ctx.env(), ctx.progress(), ctx.options().clean(), true, ctx.shard(), ctx.spool());
        return Steps.of(() -> {
            RestorePlan plan = service.plan();
            return new Typed<>(plan, () -> plan.render(ctx.shard()) + "(dry run: nothing written)\n");
        }, plan -> {
            RestoreResult r = service.execute(plan.plan());
            return StepResult.of(r, new StepResult.Totals(r.chunksLoaded(), "chunk", r.rows(), null, null));
        });
    }

    private static Step<Typed<SourcePlan>> copy(RunContext ctx) {
        Shard shard = ctx.shard();
        var copy = new DatabaseCopy(ctx.cfg(), ctx.env(), ctx.progress(), shard);
        return Steps.of(() -> {
            // a shard other than 0 runs shard 0's frozen plan: it does not plan (read the source's catalogs) for nothing
            SourcePlan plan = ctx.dryRun() || shard.isFirst() ? copy.plan() : null;
            return new Typed<>(plan, () -> (!shard.isSharded() ? "" : "shard " + shard.label() + "'s part"
                    + (shard.isFirst() ? " (also roles, target databases and pre-data)" : "") + ":\n")
                    + copy.render(plan.part(shard)) + "(dry run: nothing written)\n");
        }, plan -> {
            RestoreResult r = copy.execute(plan.plan(), ctx.options().clean());
            return StepResult.of(r, new StepResult.Totals(r.chunksLoaded(), "chunk", r.rows(), null, null));
        });
    }

    private static Step<Typed<VerifyPlan>> verify(RunContext ctx) {
        MigrationConfig cfg = ctx.cfg();
        var choices = ctx.options().verify();
        Map<String, List<String>> columns = new HashMap<>(cfg.verifyColumns());
        columns.putAll(choices.columns());
        var base = VerifyOptions.fromConfig(cfg);
        var options = new VerifyOptions(choices.databases(), base.compareSource() && choices.useSource(), base.compareManifest() && choices.useManifest(),
                columns, cfg.verifyExcludeTables());
        var service = new VerifyService(cfg, ctx.env(), ctx.progress(), ctx.shard());
        return Steps.of(() -> {
            VerifyPlan plan = service.plan(options);
            return new Typed<>(plan, () -> plan.part(ctx.shard()).render() + "(dry run: nothing compared)\n");
        }, plan -> {
            VerifyReport report = service.execute(plan.plan());
            Path written = report.writeJson(Reports.dir(ctx), ctx.shard());
            return new Reported(report, report.renderTable() + "report: " + written + "\n", report.passed(),
                    new StepResult.Totals((long) report.tables().size(), "table",
                            report.tables().stream().mapToLong(t -> t.targetRows() == null ? 0 : t.targetRows()).sum(), null, null),
                    evidence -> {
                        VerifyEvidence.addDatabases(evidence, report, cfg, ctx.env());
                        plan.plan().notes().forEach(evidence::note);
                    });
        });
    }

    /** merge-ledgers for backup, restore and copy of databases, each where its ledgers can be (by the config). */
    @Override
    public List<MergedLedger> mergeShardLedgers(RunContext ctx, boolean dryRun) {
        MigrationConfig cfg = ctx.cfg();
        List<MergedLedger> out = new ArrayList<>();
        if (cfg.backupSet() != null && cfg.source() != null) {
            add(out, Operation.BACKUP, new BackupService(cfg, ctx.env(), ctx.progress()).mergeShards());
        }
        if (cfg.backupSet() != null && cfg.target() != null && ManifestStore.exists(cfg.backupSet())) {
            add(out, Operation.RESTORE, new RestoreService(cfg, ctx.env(), ctx.progress(), false, true).mergeShards());
        }
        if (cfg.source() != null && cfg.target() != null && !cfg.source().sameServerAs(cfg.target())) {
            add(out, Operation.COPY, new DatabaseCopy(cfg, ctx.env(), ctx.progress()).mergeShards());
        }
        return out;
    }

    static void add(List<MergedLedger> out, Operation op, ShardLedgers.Merged merged) {
        if (merged != null) {
            out.add(new MergedLedger(op, merged));
        }
    }
}
