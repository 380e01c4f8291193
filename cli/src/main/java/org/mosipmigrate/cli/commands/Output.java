package org.mosipmigrate.cli.commands;

import java.io.PrintWriter;
import org.mosipmigrate.core.json.Json;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.StepPlan;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.engine.Engine;

/** How a command prints what the engine did: a plan's text, a result's own lines, or its record as JSON or key: value lines. */
final class Output {
    private Output() {
    }

    static void print(PrintWriter out, Object result, boolean json) {
        out.print(json ? Json.text(result) + System.lineSeparator() : Json.keyValueLines(result));
        out.flush();
    }

    static void print(PrintWriter out, StepResult result, boolean json) {
        if (!json && result.text() != null) {
            out.print(result.text());
            out.flush();
        } else {
            print(out, result.json(), json);
        }
    }

    /** One part's outcome as it finishes: its plan on a dry run, else its result. */
    static void print(PrintWriter out, Engine.PartOutcome outcome, boolean json) {
        if (outcome.plan() != null) {
            out.print(outcome.plan().render());
            out.flush();
        } else {
            print(out, outcome.result(), json);
        }
    }

    /** Plans {@code step}; on a dry run prints the plan and returns null, else executes it, prints the result and returns it. */
    static <P extends StepPlan> StepResult run(PrintWriter out, Step<P> step, boolean dryRun, boolean json) {
        try (step) {
            P plan = step.plan();
            if (dryRun) {
                out.print(plan.render());
                out.flush();
                return null;
            }
            StepResult result = step.execute(plan);
            print(out, result, json);
            return result;
        }
    }
}
