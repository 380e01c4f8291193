package org.mosipmigrate.engine.parts;

import java.nio.file.Path;
import org.mosipmigrate.core.part.RunContext;

/** Where a verify step writes its JSON report: --report-dir, else stateDir, else the backup set. */
final class Reports {
    private Reports() {
    }

    static Path dir(RunContext ctx) {
        Path chosen = ctx.options().verify().reportDir();
        return chosen != null ? chosen : ctx.cfg().effectiveStateDir();
    }
}
