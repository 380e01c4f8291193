package org.mosipmigrate.cli.commands;

import org.mosipmigrate.engine.schema.SchemaSteps;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "cleanup", mixinStandardHelpOptions = true,
        description = {"List (default) or, with --apply, save and drop the upgrade's leftovers on the target (after verification):",
                "tables *_to_be_deleted, *_migr_bkp, *_migr_dupes in the MOSIP schemas, and the databases mosip_authdevice / mosip_regdevice.",
                "--apply first saves every row (and the two databases' schema) under <backupSet>/cleanup/<timestamp>/ with cleanup-manifest.json."})
public final class CleanupCommand extends ConfiguredCommand {
    @Option(names = "--apply", description = "Save, then drop (default: only list).")
    boolean apply;

    @Option(names = "--databases", split = ",", paramLabel = "DB",
            description = "Only these databases (default: the 13 of 1.2.0.1, mosip_authdevice and mosip_regdevice).")
    List<String> databases;

    @Override
    public Integer call() {
        var step = SchemaSteps.cleanup(engine(config()), databases);
        Output.run(out(), step, !apply || common.dryRun, common.json);
        return 0;
    }
}
