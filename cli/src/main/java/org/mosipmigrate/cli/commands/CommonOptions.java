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

    @Option(names = "--only", split = ",", paramLabel = "PART",
            description = "Only these parts: db, objects, keystores (comma-separated). Default: every part the config describes.")
    java.util.List<String> only;

    org.mosipmigrate.cli.app.Parts parts(MigrationConfig cfg) {
        return org.mosipmigrate.cli.app.Parts.select(only, cfg);
    }

    MigrationConfig load(java.util.Map<String, String> env) {
        return new ConfigLoader(env).read(config);
    }

    Progress progress(java.io.PrintWriter err) {
        Progress p = quiet ? Progress.NO_OP : Progress.console(err);
        org.mosipmigrate.core.run.Workers.onRetry(p);
        return p;
    }
}
