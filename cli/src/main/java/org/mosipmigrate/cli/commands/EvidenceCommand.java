package org.mosipmigrate.cli.commands;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mosipmigrate.core.config.ConfigLoader;
import org.mosipmigrate.core.evidence.EvidenceCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code evidence check}: is an evidence pack exactly as verify wrote it (docs/evidence.md)? */
@Command(name = "evidence", mixinStandardHelpOptions = true, description = "Evidence packs written by verify.",
        subcommands = {EvidenceCommand.Check.class})
public final class EvidenceCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (check)");
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Check an evidence pack's signature and its report.html.", "",
                    "Exit 0: signed with the configured key and unmodified. Exit 1: unsigned, modified, or signed with another key",
                    "(each problem is named). Exit 2: usage or configuration error. Exit 3: the files cannot be read."})
    public static final class Check implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE|DIR", description = "An evidence directory, or its evidence.json.")
        Path path;

        @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
                description = "Migration YAML whose evidence.keyFile/keyEnv (else encryption.keyFile/keyEnv) holds the signing key.")
        Path config;

        @Option(names = "--json", description = "Print the result as JSON on stdout.")
        boolean json;

        @Spec
        CommandSpec spec;

        @ParentCommand
        EvidenceCommand parent;

        @Override
        public Integer call() {
            var env = parent.main.env();
            var cfg = new ConfigLoader(env).read(config);
            var result = EvidenceCheck.check(path, cfg.evidenceSigningKey(env).orElse(null));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                Output.print(out, result, true);
            } else if (result.valid()) {
                out.println("VALID: " + result.json() + " is unmodified: signed with key " + result.keyId() + ", report.html matches; verdict "
                        + result.verdict());
            } else {
                out.println("INVALID: " + result.json());
                result.problems().forEach(p -> out.println("  - " + p));
            }
            out.flush();
            return result.valid() ? 0 : 1;
        }
    }
}
