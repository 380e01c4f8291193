package org.mosipmigrate.cli.commands;

import java.util.List;
import java.util.concurrent.Callable;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.schema.MosipDatabase;
import org.mosipmigrate.schema.SchemaUpgrader;
import org.mosipmigrate.schema.UpgradeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Upgrade the MOSIP schemas on the target from 1.1.5.5 to 1.2.0.1 with Flyway (see docs/schema-upgrades.md).", "",
                "A restored V2 database without history is baselined at 1.1.5.5; each step commits whole or not at all;",
                "re-running is a no-op; a modified migration is refused. --dry-run runs the chain in one transaction and rolls back."})
public final class UpgradeCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--databases", split = ",", paramLabel = "DB", description = "Only these databases (default: the 13 of 1.2.0.1).")
    List<String> databases;

    @Option(names = "--to", paramLabel = "VERSION", defaultValue = "1.2.0.1",
            description = "Target: 1.2.0.1 (default), a MOSIP step such as 1.2.0.1-B2, or a Flyway version.")
    String to;

    @Option(names = "--status", description = "Per MOSIP database (default: all 15, incl. mosip_authdevice/mosip_regdevice): state (missing, empty, "
            + "baseline, step 1.2.0.1-B<n>, done) and pending steps; changes nothing, exit 0.")
    boolean status;

    @Option(names = "--primary-language", paramLabel = "CODE", description = "Primary language code of the V2 install (master B1), e.g. eng. Default: upgrade.primaryLanguageCode.")
    String primaryLanguage;

    @Option(names = "--share-domain", paramLabel = "FROM=TO", description = "Partner policies' shareDomain rewrite (default: upgrade.shareDomain, else datashare-service=datashare.datashare).")
    String shareDomain;

    @Option(names = "--new-role-password-env", paramLabel = "VAR",
            description = "Environment variable with the password of app roles the upgrade creates (default: upgrade.newRolePasswordEnv, else they are created NOLOGIN).")
    String newRolePasswordEnv;

    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        var cfg = common.load(main.env());
        var endpoint = cfg.targetPg().orElseThrow(() -> new org.mosipmigrate.core.error.MigrateException(
                org.mosipmigrate.core.error.ErrorCode.CONFIG, "the config has no target.postgres section", "add target.postgres (host, port, user, passwordEnv)"));
        PgConnector target = new PgConnector(endpoint, main.env());
        // command-line options win over the upgrade.* config keys
        String lang = primaryLanguage != null ? primaryLanguage : cfg.upgrade().primaryLanguageCode();
        String domain = shareDomain != null ? shareDomain : cfg.upgrade().shareDomain();
        String roleEnv = newRolePasswordEnv != null ? newRolePasswordEnv : cfg.upgrade().newRolePasswordEnv();
        String from = domain == null ? null : domain.split("=", 2)[0];
        String toDomain = domain == null ? null : domain.contains("=") ? domain.split("=", 2)[1] : "";
        var upgrader = new SchemaUpgrader(target::open, new UpgradeSettings(lang, from, toDomain, roleEnv, main.env()),
                common.progress(spec.commandLine().getErr()));
        List<MosipDatabase> dbs = databases != null ? databases.stream().map(MosipDatabase::of).toList()
                : status ? List.of(MosipDatabase.values()) : MosipDatabase.v3();
        var out = spec.commandLine().getOut();
        if (status) {
            for (var s : upgrader.status(dbs, to)) {
                out.printf("%-18s %-20s pending: %s%s%n", s.db(), s.state(), s.pending().stream().map(p -> p.step()).toList(),
                        s.note().isEmpty() ? "" : "  (" + s.note() + ")");
            }
            return 0;
        }
        if (common.dryRun) {
            boolean failed = false;
            for (var d : upgrader.dryRun(dbs, to)) {
                out.printf("%s (from %s):%n", d.db(), d.from());
                d.steps().forEach(s -> out.printf("  %-12s %-50s %6d ms  %s%n", s.step(), s.description(), s.millis(), s.state()));
                d.notTransactional().forEach(n -> out.println("  not transactional: " + n));
                if (d.firstFailure() != null) {
                    out.println("  FIRST FAILURE: " + d.firstFailure());
                    failed = true;
                }
            }
            out.println("(dry run: every step rolled back)");
            return failed ? 3 : 0;
        }
        for (var o : upgrader.upgrade(dbs, to)) {
            out.printf("%-18s %s -> %s%s, %d steps%n", o.db(), o.from(), o.to(), o.baselined() ? " (baselined)" : "", o.executed().size());
        }
        return 0;
    }
}
