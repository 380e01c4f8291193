package org.mosipmigrate.cli.commands;

import java.util.concurrent.Callable;
import org.mosipmigrate.cli.seed.SeedV2;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.objects.seed.PacketLayout;
import org.mosipmigrate.objects.seed.PacketSeeder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code seed-v2}: a synthetic MOSIP 1.1.5.5 environment in the configured source servers (docs/preflight.md). */
@Command(name = "seed-v2", mixinStandardHelpOptions = true,
        description = {"Generate a synthetic MOSIP 1.1.5.5 (V2) environment into the configured SOURCE servers, for rehearsals and demos:",
                "the 13 V2 databases at the 1.1.5.5 schema with rows in proportion to --residents, packets for every registration in",
                "source.objectStore (either layout), and the source keystores (SoftHSM tokens / PKCS12 files with real keys).",
                "Same --seed, same rows and objects. --defects plants the runbook's known problems for preflight to find.",
                "Never touches a database, object store or keystore it did not make: existing ones are refused (--clean replaces seed-v2's own)."})
public final class SeedV2Command implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--residents", required = true, paramLabel = "N", description = "Population size; most tables get 1-4 rows per resident.")
    int residents;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of every generated value (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--defects", description = "Plant the runbook's known V2 problems (duplicate thumbprints, mixed-case user ids, stuck packets, ...).")
    boolean defects;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "bucket-per-rid",
            description = "Packet layout: bucket-per-rid (MOSIP's default) or account-bucket (default ${DEFAULT-VALUE}).")
    String layout;

    @Option(names = "--account-bucket", paramLabel = "NAME", defaultValue = PacketSeeder.DEFAULT_ACCOUNT_BUCKET,
            description = "Bucket of the account-bucket layout (default ${DEFAULT-VALUE}).")
    String accountBucket;

    @Option(names = "--object-size-scale", paramLabel = "F", defaultValue = "0.02",
            description = "Packet sizes are 50 KiB..2 MiB times F (default ${DEFAULT-VALUE}: about 25 KiB per registration; 1 = realistic sizes).")
    double objectSizeScale;

    @Option(names = "--clean", description = "Replace what an earlier seed-v2 run made (databases and keystores it marked; objects are overwritten).")
    boolean clean;

    @Spec
    CommandSpec spec;

    @ParentCommand
    org.mosipmigrate.cli.Main main;

    @Override
    public Integer call() {
        if (objectSizeScale <= 0 || objectSizeScale > 1) {
            throw new MigrateException(ErrorCode.USAGE, "--object-size-scale " + objectSizeScale + ": must be above 0 and at most 1", null);
        }
        var cfg = common.load(main.env());
        var seedV2 = new SeedV2(cfg, main.env(), common.parts(cfg), common.progress(spec.commandLine().getErr()));
        var options = new SeedV2.Options(residents, seed, defects, PacketLayout.parse(layout), accountBucket, objectSizeScale, clean);
        var plan = seedV2.plan(options);
        var out = spec.commandLine().getOut();
        if (common.dryRun) {
            if (plan != null) {
                out.print(plan.render());
            }
            out.println("(dry run: nothing written)");
            out.flush();
            return 0;
        }
        var result = seedV2.execute(plan, options);
        if (common.json) {
            Output.print(out, result, true);
        } else {
            if (result.databases() != null) {
                long rows = result.databases().databases().stream().mapToLong(d -> d.rows()).sum();
                out.printf("databases: %d, %,d rows in %.1f s%n", result.databases().databases().size(), rows, result.databases().millis() / 1000.0);
                result.databases().planted().forEach(d -> out.printf("  planted %-28s %s: %s%n", d.findingId(), d.db(), d.what()));
            }
            if (result.objects() != null) {
                var o = result.objects();
                out.printf("objects: %,d registrations, %,d buckets, %,d objects, %,d bytes in %.1f s (%s)%n", o.registrations(), o.buckets(), o.objects(),
                        o.bytes(), o.millis() / 1000.0, layout);
            }
            result.keystores().forEach(k -> out.printf("keystore %s (%s): %d keys at %s%n", k.name(), k.type(), k.keys(), k.path()));
            out.printf("seed-v2 done in %.1f s%n", result.millis() / 1000.0);
            out.flush();
        }
        return 0;
    }
}
