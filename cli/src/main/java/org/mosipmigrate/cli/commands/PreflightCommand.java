package org.mosipmigrate.cli.commands;

import java.nio.file.Path;
import org.mosipmigrate.engine.preflight.PreflightReport;
import org.mosipmigrate.engine.preflight.PreflightService;
import org.mosipmigrate.core.error.ErrorCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code preflight}: the go/no-go before the maintenance window (docs/preflight.md). */
@Command(name = "preflight", mixinStandardHelpOptions = true,
        description = {"Check, before the window, whether the move will work: servers, versions, locales, disk, MOSIP versions and the runbook's",
                "data checks, object store layout and copy estimate, keystores. Prints a table and writes preflight-report.json.",
                "Exit 0 = GO (no blocking finding), 1 = NO-GO (at least one blocking finding), 2 = usage/config error, 3 = preflight failed.",
                "",
                "--fix applies only safe, reversible fixes to the SOURCE (V2) databases: today, removing exact duplicate",
                "(cert_thumbprint, partner_domain) rows of ca_cert_store in mosip_keymgr and mosip_ida, each saved first under",
                "<backupSet>/preflight-fixes/<timestamp>/. This is the only command that writes to the source."})
public final class PreflightCommand extends ConfiguredCommand {
    @Option(names = "--fix", description = "Apply the safe fixes (saved first in the backup set; writes to the source!). With --dry-run: only list them.")
    boolean fix;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where preflight-report.json goes (default: stateDir, else the backup set, else beside the config).")
    Path reportDir;

    @Override
    public Integer call() {
        var cfg = config();
        var service = new PreflightService(cfg, main.env(), common.parts(cfg), common.progress(err()));
        var out = out();
        if (common.dryRun && !fix) {
            out.println("preflight would run these checks (each only reads): " + String.join(", ", service.checkNames()));
            out.println("(dry run: nothing checked)");
            out.flush();
            return 0;
        }
        var outcome = service.run(fix, common.dryRun, reportDir);
        PreflightReport report = outcome.report();
        if (common.json) {
            Output.print(out, report, true);
        } else {
            out.print(report.renderTable());
            out.println("report: " + outcome.written());
            out.flush();
        }
        return report.go() ? 0 : ErrorCode.PREFLIGHT_NO_GO.exitCode();
    }
}
