package org.mosipmigrate.engine.parts;

import java.nio.file.Path;
import java.util.Optional;
import org.mosipmigrate.backup.keystore.KeystoreBackup;
import org.mosipmigrate.core.part.Operation;
import org.mosipmigrate.core.part.Part;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.part.Reported;
import org.mosipmigrate.core.part.RunContext;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.StepPlan;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.engine.parts.Steps.Typed;
import org.mosipmigrate.engine.verify.VerifyEvidence;
import org.mosipmigrate.restore.keystore.KeystoreRestore;
import org.mosipmigrate.verify.keystore.KeystoreVerifier;

/**
 * SoftHSM token directories and PKCS12 keystores: always encrypted in the set (backup), put back with their modes
 * (restore), opened with their PINs and compared key by key (verify). Small and done once: by shard 0 of a sharded
 * run. Copy does not move them: key material travels only inside an encrypted backup set.
 */
public final class KeystoresPart implements Part {
    @Override
    public PartKind kind() {
        return PartKind.KEYSTORES;
    }

    @Override
    public boolean splitsAcrossShards() {
        return false;
    }

    @Override
    public Optional<String> sitsOut(Operation op) {
        return op == Operation.COPY ? Optional.of("keystores: not moved by copy; use backup + restore --only keystores") : Optional.empty();
    }

    @Override
    public Step<?> step(Operation op, RunContext ctx) {
        return switch (op) {
            case BACKUP -> backup(ctx);
            case RESTORE -> restore(ctx);
            case VERIFY -> verify(ctx);
            case COPY -> throw new MigrateException(ErrorCode.USAGE, "copy does not move keystores",
                    "use backup --only keystores, then restore --only keystores (keystores always travel encrypted)");
        };
    }

    private static Step<Typed<KeystoreBackup.Plan>> backup(RunContext ctx) {
        var service = new KeystoreBackup(ctx.cfg(), ctx.env(), ctx.progress());
        return Steps.of(() -> {
            var plan = service.plan();
            return new Typed<>(plan, () -> plan.render() + (plan.alreadyComplete() ? "(keystores already in the backup set)" : "(dry run: nothing written)") + "\n");
        }, plan -> {
            var r = service.execute(plan.plan());
            return StepResult.of(r, new StepResult.Totals((long) r.keystores(), "keystore", null, r.bytes(), null));
        });
    }

    private static Step<Typed<KeystoreRestore.Plan>> restore(RunContext ctx) {
        var service = new KeystoreRestore(ctx.cfg(), ctx.env(), ctx.progress(), ctx.options().replaceExisting());
        return Steps.of(() -> {
            var plan = service.plan();
            return new Typed<>(plan, () -> plan.render() + "(dry run: nothing written)\n");
        }, plan -> {
            var result = service.execute(plan.plan());
            StringBuilder text = new StringBuilder();
            for (var k : result.keystores()) {
                text.append(String.format("keystore %-12s %-12s %d file(s) -> %s%s%n", k.name(), k.action(), k.files(), k.target(),
                        k.movedAsideTo() == null ? "" : "; previous content moved to " + k.movedAsideTo()));
            }
            return new Reported(result, text.toString(), true, new StepResult.Totals((long) result.keystores().size(), "keystore", null, null, null), b -> { });
        });
    }

    private static Step<StepPlan> verify(RunContext ctx) {
        var choices = ctx.options().verify();
        return Steps.of(() -> StepPlan.of("keystores: would compare " + ctx.cfg().keystores().targets().size()
                + " target keystore(s) with the backup set and the source (dry run: nothing compared)\n"), plan -> {
            var report = new KeystoreVerifier(ctx.cfg(), ctx.env(), ctx.progress()).crossCheckDb(choices.crossCheckDb()).run();
            Path written = report.writeJson(Reports.dir(ctx));
            return new Reported(report, report.renderTable() + "report: " + written + "\n", report.passed(),
                    new StepResult.Totals((long) report.keystores().size(), "keystore", null, null, null), evidence -> VerifyEvidence.addKeystores(evidence, report));
        });
    }
}
