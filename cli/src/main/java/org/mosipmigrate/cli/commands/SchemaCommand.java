package org.mosipmigrate.cli.commands;

import java.util.List;
import java.util.concurrent.Callable;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.schema.MosipDatabase;
import org.mosipmigrate.schema.SchemaInit;
import org.mosipmigrate.schema.UpgradeSettings;
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

    static PgConnector target(org.mosipmigrate.core.config.MigrationConfig cfg, java.util.Map<String, String> env) {
        var endpoint = cfg.targetPg().orElseThrow(() -> new MigrateException(ErrorCode.CONFIG, "the config has no target.postgres section",
                "add target.postgres (host, port, user, passwordEnv)"));
        return new PgConnector(endpoint, env);
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
            PgConnector target = target(cfg, env);
            List<MosipDatabase> dbs = databases != null ? databases.stream().map(MosipDatabase::of).toList()
                    : version.equals("1.1.5.5") ? java.util.Arrays.stream(MosipDatabase.values()).filter(MosipDatabase::inV2).toList()
                    : MosipDatabase.v3();
            var out = spec.commandLine().getOut();
            if (common.dryRun) {
                dbs.forEach(d -> out.printf("would create %s (schema %s %s)%s%n", d.dbName(), d.schema(), version, clean ? ", dropping it first if it exists" : ""));
                out.println("(dry run: nothing created)");
                return 0;
            }
            var init = new SchemaInit(target::open, new UpgradeSettings(null, null, null,
                    newRolePasswordEnv != null ? newRolePasswordEnv : cfg.upgrade().newRolePasswordEnv(), env), common.progress(spec.commandLine().getErr()));
            for (var c : init.init(dbs, version, clean)) {
                out.printf("%-18s %s created, %d tables%n", c.db(), c.version(), c.tables().size());
            }
            return 0;
        }
    }
}
