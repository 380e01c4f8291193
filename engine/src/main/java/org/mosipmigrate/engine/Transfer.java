package org.mosipmigrate.engine;

import java.nio.file.Path;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.core.set.store.BackupSetStore;
import org.mosipmigrate.core.set.store.SetLocation;
import org.mosipmigrate.engine.parts.Steps.Typed;
import org.mosipmigrate.transfer.SetStores;
import org.mosipmigrate.transfer.SetTransfer;

/** transfer: a whole finished backup set from one location (a directory or s3://bucket/prefix) to another. */
public final class Transfer {
    private Transfer() {
    }

    /** The transfer as a step; the stores it opens are closed when the step has executed (or when a dry run has planned). */
    public static Step<Typed<SetTransfer.Plan>> step(Engine engine, String fromText, String toText) {
        var cfg = engine.config();
        Path cwd = Path.of("").toAbsolutePath();
        SetLocation from = SetLocation.parse(fromText, cwd, "--from");
        SetLocation to = SetLocation.parse(toText, cwd, "--to");
        if (from.overlaps(to)) {
            throw new MigrateException(ErrorCode.USAGE, "--from " + from + " and --to " + to + " are the same set or one lies inside the other",
                    "transfer into another directory or prefix");
        }
        var key = cfg.encryption().load(engine.env()).orElse(null);
        BackupSetStore source = SetStores.open(from, cfg, engine.env());
        BackupSetStore target;
        try {
            target = SetStores.open(to, cfg, engine.env());
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
        SetTransfer transfer = new SetTransfer(source, target, cfg.transferStateDir(), key, cfg.parallelism(), engine.progress());
        return new Step<>() {
            @Override
            public Typed<SetTransfer.Plan> plan() {
                SetTransfer.Plan plan = transfer.plan();
                return new Typed<>(plan, () -> plan.render() + "(dry run: nothing sent)\n");
            }

            @Override
            public StepResult execute(Typed<SetTransfer.Plan> plan) {
                SetTransfer.Result r = transfer.execute(plan.plan());
                return StepResult.of(r, new StepResult.Totals(r.sent(), "file", null, r.bytesSent(), null));
            }

            @Override
            public void close() {
                try (source; target) {
                    // both stores closed, the second even when the first fails
                }
            }
        };
    }
}
