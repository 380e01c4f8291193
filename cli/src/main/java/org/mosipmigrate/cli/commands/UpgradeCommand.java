package org.mosipmigrate.cli.commands;

import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.part.StepResult;
import org.mosipmigrate.engine.schema.SchemaSteps;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "upgrade", mixinStandardHelpOptions = true,
        description = {"Upgrade the MOSIP schemas on the target from 1.1.5.5 to 1.2.0.1 with Flyway (see docs/schema-upgrades.md).", "",
                "A restored V2 database without history is baselined at 1.1.5.5; each step commits whole or not at all;",
                "re-running is a no-op; a modified migration is refused. --dry-run runs the chain in one transaction and rolls back."})
public final class UpgradeCommand extends ConfiguredCommand {
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

    @Override
    public Integer call() {
        var engine = engine(config());
        var request = new SchemaSteps.UpgradeRequest(databases, to, primaryLanguage, shareDomain, newRolePasswordEnv);
        StepResult result = status ? SchemaSteps.upgradeStatus(engine, request)
                : common.dryRun ? SchemaSteps.upgradeDryRun(engine, request)
                : SchemaSteps.upgrade(engine, request);
        Output.print(out(), result, common.json);
        return result.passed() ? 0 : ErrorCode.RUNTIME.exitCode();
    }
}
