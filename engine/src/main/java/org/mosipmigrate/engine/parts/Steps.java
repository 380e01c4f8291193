package org.mosipmigrate.engine.parts;

import java.util.function.Function;
import java.util.function.Supplier;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.StepPlan;
import org.mosipmigrate.core.part.StepResult;

/** Steps made of two functions, for the stage services that already split plan and execute. */
public final class Steps {
    private Steps() {
    }

    public static <P extends StepPlan> Step<P> of(Supplier<P> plan, Function<P, StepResult> execute) {
        return new Step<>() {
            @Override
            public P plan() {
                return plan.get();
            }

            @Override
            public StepResult execute(P p) {
                return execute.apply(p);
            }
        };
    }

    /** A stage's plan object, with how to print it (only a dry run does). */
    public record Typed<T>(T plan, Supplier<String> text) implements StepPlan {
        @Override
        public String render() {
            return text.get();
        }
    }
}
