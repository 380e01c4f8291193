package org.mosipmigrate.cli.commands;

import org.mosipmigrate.engine.Seeding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seed-v2}: a synthetic MOSIP 1.1.5.5 environment in the configured source servers (docs/preflight.md). */
@Command(name = "seed-v2", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic MOSIP 1.1.5.5 (V2) environment into the configured SOURCE servers, for rehearsals and demos:",
                "the 13 V2 databases at the 1.1.5.5 schema with rows in proportion to --residents, packets for every registration in",
                "source.objectStore (either layout), and the source keystores (SoftHSM tokens / PKCS12 files with real keys).",
                "Same --seed, same rows and objects. --defects plants the runbook's known problems for preflight to find.",
                "Never touches a database, object store or keystore it did not make: existing ones are refused (--clean replaces seed-v2's own)."})
public final class SeedV2Command extends ConfiguredCommand {
    @Option(names = "--residents", required = true, paramLabel = "N", description = "Population size; most tables get 1-4 rows per resident.")
    int residents;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of every generated value (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--defects", description = "Plant the runbook's known V2 problems (duplicate thumbprints, mixed-case user ids, stuck packets, ...).")
    boolean defects;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "bucket-per-rid",
            description = "Packet layout: bucket-per-rid (MOSIP's default) or account-bucket (default ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--account-bucket", paramLabel = "NAME", defaultValue = Seeding.DEFAULT_ACCOUNT_BUCKET,
            description = "Bucket of the account-bucket layout (default ${DEFAULT-VALUE}).")
    String accountBucket;

    @Option(names = "--object-size-scale", paramLabel = "F", defaultValue = "0.02",
            description = "Packet sizes are 50 KiB..2 MiB times F (default ${DEFAULT-VALUE}: about 25 KiB per registration; 1 = realistic sizes).")
    double objectSizeScale;

    @Option(names = "--clean", description = "Replace what an earlier seed-v2 run made (databases and keystores it marked; objects are overwritten).")
    boolean clean;

    @Override
    public Integer call() {
        var cfg = config();
        var request = new Seeding.Request(residents, seed, defects, layout, accountBucket, objectSizeScale, clean);
        Output.run(out(), Seeding.seedV2(engine(cfg), common.parts(cfg), request), common.dryRun, common.json);
        return 0;
    }
}
