package org.mosipmigrate.cli.commands;

import org.mosipmigrate.engine.schema.SchemaSteps;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code schema init}: empty MOSIP databases of 1.1.5.5 or 1.2.0.1 on the target (see docs/schema-upgrades.md). */
@Command(name = "schema", mixinStandardHelpOptions = true, description = "MOSIP schemas on the target.",
        subcommands = {SchemaCommand.Init.class})
public final class SchemaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (init)");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = {"Create MOSIP databases, their app roles and empty schemas of 1.1.5.5 or 1.2.0.1 on the target.", "",
                    "1.1.5.5: the packaged baseline, Flyway history at 1.1.5.5 (then `upgrade` works as on a restored V2 database).",
                    "1.2.0.1: the fresh-install schema, baselined at the final step (`upgrade` has nothing to do).",
                    "Refuses existing databases unless --clean (drops them and their data)."})
    public static final class Init implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--version", required = true, paramLabel = "VERSION", description = "1.1.5.5 or 1.2.0.1.")
        String version;

        @Option(names = "--databases", split = ",", paramLabel = "DB",
                description = "Only these databases (default: the 13 of 1.2.0.1; for 1.1.5.5 the 13 of V2 incl. mosip_authdevice/mosip_regdevice).")
        List<String> databases;

        @Option(names = "--clean", description = "Drop databases that already exist (their data is lost) and re-create them.")
        boolean clean;

        @Option(names = "--new-role-password-env", paramLabel = "VAR",
                description = "Environment variable with the password of app roles created here (default: upgrade.newRolePasswordEnv, else NOLOGIN).")
        String newRolePasswordEnv;

        @Spec
        CommandSpec spec;

        @ParentCommand
        SchemaCommand parent;

        @Override
        public Integer call() {
            var env = parent.main.env();
            var cfg = common.load(env);
            var engine = common.engine(cfg, env, spec.commandLine().getErr());
            Output.run(spec.commandLine().getOut(), SchemaSteps.init(engine, version, databases, clean, newRolePasswordEnv), common.dryRun, common.json);
            return 0;
        }
    }
}
