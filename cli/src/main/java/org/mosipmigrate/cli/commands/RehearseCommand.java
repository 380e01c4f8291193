package org.mosipmigrate.cli.commands;

import java.nio.file.Path;
import org.mosipmigrate.cli.Main;
import org.mosipmigrate.engine.rehearse.Rehearsal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "rehearse", mixinStandardHelpOptions = true,
        description = {"The scheduled rehearsal of the move: preflight -> backup into a scratch set -> restore into the scratch target ->",
                "verify --deep -> upgrade to 1.2.0.1 -> verify --schema -> signed evidence pack with per-phase timings and their trend",
                "-> the scratch target and set are cleaned (unless --keep). Non-interactive: exit 0 = passed, 1 = a difference or",
                "NO-GO, 2 = usage/config, 3 = a phase failed. The config's target must be a scratch server; backupSet a directory",
                "only rehearsals use (it is emptied on every run). See docs/rehearse.md."})
public final class RehearseCommand extends ConfiguredCommand {
    @Option(names = "--keep", description = "Keep the scratch target's databases/objects and the scratch set for inspection (the next rehearsal removes them).")
    boolean keep;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where each rehearsal's directory (evidence pack, reports, outputs) and rehearsals.jsonl (the trend) go. Default: <stateDir>/rehearsals.")
    Path reportDir;

    @Option(names = "--primary-language", paramLabel = "CODE", description = "For the upgrade (master B1); default: upgrade.primaryLanguageCode.")
    String primaryLanguage;

    @Option(names = "--no-upgrade", description = "Stop after verify: no schema upgrade (e.g. for a non-MOSIP rehearsal).")
    boolean noUpgrade;

    @Override
    public Integer call() {
        var cfg = config();
        var progress = common.progress(err());
        var out = out();
        Rehearsal r = new Rehearsal(cfg, common.config, main.env(), (argv, stdout, stderr) -> {
            var c = Main.commandLine(main.env());
            c.setOut(stdout);
            c.setErr(stderr);
            return c.execute(argv.toArray(String[]::new));
        }, progress, out, err());
        var options = new Rehearsal.Options(reportDir, keep, primaryLanguage, common.only, noUpgrade);
        if (common.dryRun) {
            r.plan(options).forEach(s -> out.println("would: " + s));
            out.println("(dry run: nothing run)");
            return 0;
        }
        Rehearsal.Result result = r.run(options);
        out.println();
        out.printf("%-14s %5s %9s%n", "phase", "exit", "seconds");
        result.phases().forEach(p -> out.printf("%-14s %5d %9.1f%n", p.name(), p.exit(), p.seconds()));
        out.println("trend:");
        result.trend().forEach(t -> out.println("  " + t));
        out.println("REHEARSAL " + result.verdict() + ": evidence " + result.evidenceDir().resolve("evidence.json") + ", report "
                + result.evidenceDir().resolve("report.html"));
        out.flush();
        return result.exit();
    }
}
