package org.mosipmigrate.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.part.Operation;
import org.mosipmigrate.core.part.Part;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.core.part.RunContext;
import org.mosipmigrate.core.part.RunOptions;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.StepPlan;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.core.run.Shard;
import org.mosipmigrate.transfer.SetSpools;
import org.mosipmigrate.transfer.SpoolSession;

/**
 * The one engine every command sits on: backup, restore and copy run the same loop over the selected parts (plan,
 * then print the plan on a dry run or execute it), each with what only it needs around the loop: backup publishes
 * each finished part of a set on S3, restore checks every file of the set before the first write. Verify runs the
 * same loop inside {@link org.mosipmigrate.engine.verify.Verification}, which adds the evidence pack.
 */
public final class Engine {
    private final MigrationConfig cfg;
    private final Map<String, String> env;
    private final Progress progress;

    public Engine(MigrationConfig cfg, Map<String, String> env, Progress progress) {
        this.cfg = cfg;
        this.env = Map.copyOf(env);
        this.progress = progress;
    }

    /**
     * What a command asks for.
     *
     * @param objectsShardBy {@code object} or {@code bucket} (see --shard-objects-by)
     */
    public record Request(Set<PartKind> parts, Shard shard, String objectsShardBy, RunOptions options) {
        public Request {
            org.mosipmigrate.objects.ObjectShard.of(shard, objectsShardBy); // refuses an unknown --shard-objects-by before anything runs
        }

        public static Request of(Set<PartKind> parts, RunOptions options) {
            return new Request(parts, Shard.ALL, "object", options);
        }
    }

    /** One part's outcome, handed out as soon as the part is done: its plan on a dry run, else its result and when it started. */
    public record PartOutcome(PartKind part, StepPlan plan, StepResult result, Instant started) {
    }

    public MigrationConfig config() {
        return cfg;
    }

    public Map<String, String> env() {
        return env;
    }

    public Progress progress() {
        return progress;
    }

    public void backup(Request r, Consumer<PartOutcome> out) {
        // a set on S3 is written through its spool; each part is published (manifests last) once it is finished
        try (SpoolSession session = SetSpools.open(cfg, env, progress, !r.options().dryRun())) {
            run(Operation.BACKUP, r, session, out, session::publish);
        }
    }

    public void restore(Request r, Consumer<PartOutcome> out) {
        try (SpoolSession session = SetSpools.open(cfg, env, progress, false)) {
            // shard 0 checks before it creates anything; the other shards wait for its pre-data, and each chunk's hash is
            // checked as it loads. Every file of every selected part is checked where the set lives before anything is written
            if (session.store() != null && r.shard().isFirst()) {
                SetIntegrity.requireIntact(cfg, env, r.parts(), session.store());
            }
            run(Operation.RESTORE, r, session, out, () -> {
            });
        }
    }

    public void copy(Request r, Consumer<PartOutcome> out) {
        run(Operation.COPY, r, null, out, () -> {
        });
    }

    /** The loop every command runs over its parts. {@code afterEachPart} runs after each executed part (not on a dry run). */
    public void run(Operation op, Request r, SpoolSession session, Consumer<PartOutcome> out, Runnable afterEachPart) {
        RunContext ctx = context(r, session);
        for (Part part : taking(op, r)) {
            if (!part.splitsAcrossShards() && !r.shard().isFirst()) {
                continue; // small parts are done once, by shard 0
            }
            out.accept(runStep(part.kind(), part.step(op, ctx), ctx.dryRun()));
            if (!ctx.dryRun()) {
                afterEachPart.run();
            }
        }
    }

    public RunContext context(Request r, SpoolSession session) {
        return new RunContext(cfg, env, progress, r.shard(), r.objectsShardBy(), session == null ? null : session.spool(), r.options());
    }

    /** The selected parts that take part in {@code op}; those that sit it out say why. Refuses when none is left. */
    public List<Part> taking(Operation op, Request r) {
        List<Part> taking = new ArrayList<>();
        List<String> why = new ArrayList<>();
        for (Part p : PartSelection.parts(r.parts())) {
            var sitsOut = p.sitsOut(op);
            if (sitsOut.isPresent()) {
                why.add(sitsOut.get());
            } else {
                taking.add(p);
            }
        }
        if (taking.isEmpty()) {
            throw new MigrateException(ErrorCode.USAGE, op.verb() + " has nothing to do with the selected parts: " + String.join("; ", why),
                    "select other parts with --only");
        }
        why.forEach(progress::info);
        return taking;
    }

    private static <P extends StepPlan> PartOutcome runStep(PartKind kind, Step<P> step, boolean dryRun) {
        try (step) {
            Instant started = Instant.now();
            P plan = step.plan();
            return dryRun ? new PartOutcome(kind, plan, null, started) : new PartOutcome(kind, null, step.execute(plan), started);
        }
    }
}
