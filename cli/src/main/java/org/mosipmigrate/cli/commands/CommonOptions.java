package org.mosipmigrate.cli.commands;

import java.nio.file.Path;
import org.mosipmigrate.core.config.ConfigLoader;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.run.Progress;
import picocli.CommandLine.Option;

/** Options every command shares. */
public final class CommonOptions {
    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "Migration YAML file (see docs/configuration.md).")
    Path config;

    @Option(names = "--dry-run", description = "Print the plan (databases, tables, sizes, chunks) and touch nothing.")
    boolean dryRun;

    @Option(names = "--quiet", description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--json", description = "Print the result as JSON on stdout.")
    boolean json;

    /** auto: text lines, plus progress bars when stderr is a terminal; text: lines only; json: one JSON object per line. */
    enum LogFormat { auto, text, json }

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "Progress on stderr: auto (default: text lines, plus a progress bar with rate and ETA per phase when stderr is a"
                    + " terminal), text (lines only), json (JSON lines: one event per phase, chunk, table and bucket; see docs/architecture.md).")
    LogFormat logFormat = LogFormat.auto;

    private Progress progress;

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Only these parts: db, objects, keystores (comma-separated). Default: every part the config describes.")
    java.util.List<String> only;

    java.util.Set<org.mosipmigrate.core.part.PartKind> parts(MigrationConfig cfg) {
        return org.mosipmigrate.engine.PartSelection.select(only, cfg);
    }

    /** The engine for this command's config, environment and progress output. */
    org.mosipmigrate.engine.Engine engine(MigrationConfig cfg, java.util.Map<String, String> env, java.io.PrintWriter err) {
        return new org.mosipmigrate.engine.Engine(cfg, env, progress(err));
    }

    MigrationConfig load(java.util.Map<String, String> env) {
        return new ConfigLoader(env).read(config);
    }

    /** The run's one progress renderer (created on first use, so bars and elapsed times are shared by every part). */
    Progress progress(java.io.PrintWriter err) {
        if (progress == null) {
            progress = quiet ? Progress.NO_OP : switch (logFormat) {
                case json -> new org.mosipmigrate.core.run.JsonLinesProgress(err);
                case text -> Progress.console(err);
                case auto -> org.mosipmigrate.cli.app.TerminalProgress.stderrIsTerminal()
                        ? new org.mosipmigrate.cli.app.TerminalProgress(err) : Progress.console(err);
            };
            org.mosipmigrate.core.run.Retry.onRetry(progress);
        }
        return progress;
    }
}
