package org.mosipmigrate.engine;

import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.config.ObjectsConfig;
import org.mosipmigrate.core.part.PartKind;
import org.mosipmigrate.objects.ObjectStore;
import org.mosipmigrate.objects.adapter.ObjectStores;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.part.Step;
import org.mosipmigrate.core.part.Reported;
import org.mosipmigrate.engine.parts.Steps;
import org.mosipmigrate.engine.parts.Steps.Typed;
import org.mosipmigrate.seed.SeedV2;
import org.mosipmigrate.seed.V2Seeder;
import org.mosipmigrate.seed.packets.PacketLayout;
import org.mosipmigrate.seed.packets.PacketStore;

/** seed-v2 wired to the configured source servers: the seed module generates, the objects adapters write the packets. */
public final class Seeding {
    /** Where MOSIP's account layout keeps packets when no other account bucket is named. */
    public static final String DEFAULT_ACCOUNT_BUCKET = org.mosipmigrate.seed.packets.PacketSeeder.DEFAULT_ACCOUNT_BUCKET;

    private Seeding() {
    }

    /**
     * What seed-v2 is asked for.
     *
     * @param layout          bucket-per-rid or account-bucket
     * @param objectSizeScale packet sizes are 50 KiB..2 MiB times this (0 < F <= 1)
     * @param clean           replace what an earlier seed-v2 run made
     */
    public record Request(int residents, long seed, boolean defects, String layout, String accountBucket, double objectSizeScale, boolean clean) {
    }

    /** seed-v2 as a step: the plan checks every part (reads only), execute writes the databases, packets and keystores. */
    public static Step<Typed<V2Seeder.Plan>> seedV2(Engine engine, Set<PartKind> kinds, Request r) {
        if (r.objectSizeScale() <= 0 || r.objectSizeScale() > 1) {
            throw new MigrateException(ErrorCode.USAGE, "--object-size-scale " + r.objectSizeScale() + ": must be above 0 and at most 1", null);
        }
        var cfg = engine.config();
        var selection = new SeedV2.Selection(kinds.contains(PartKind.DB), kinds.contains(PartKind.OBJECTS), kinds.contains(PartKind.KEYSTORES));
        var seedV2 = new SeedV2(cfg, engine.env(), selection, () -> packetStore(cfg.objects(), engine.env()), engine.progress());
        var options = new SeedV2.Options(r.residents(), r.seed(), r.defects(), PacketLayout.parse(r.layout()), r.accountBucket(), r.objectSizeScale(), r.clean());
        return Steps.of(() -> {
            V2Seeder.Plan plan = seedV2.plan(options);
            return new Typed<>(plan, () -> (plan == null ? "" : plan.render()) + "(dry run: nothing written)\n");
        }, plan -> {
            SeedV2.Result result = seedV2.execute(plan.plan(), options);
            return Reported.of(result, render(result, r.layout()));
        });
    }

    private static String render(SeedV2.Result result, String layout) {
        StringBuilder sb = new StringBuilder();
        if (result.databases() != null) {
            long rows = result.databases().databases().stream().mapToLong(d -> d.rows()).sum();
            sb.append(String.format("databases: %d, %,d rows in %.1f s%n", result.databases().databases().size(), rows, result.databases().millis() / 1000.0));
            result.databases().planted().forEach(d -> sb.append(String.format("  planted %-28s %s: %s%n", d.findingId(), d.db(), d.what())));
        }
        if (result.objects() != null) {
            var o = result.objects();
            sb.append(String.format("objects: %,d registrations, %,d buckets, %,d objects, %,d bytes in %.1f s (%s)%n", o.registrations(), o.buckets(),
                    o.objects(), o.bytes(), o.millis() / 1000.0, layout));
        }
        result.keystores().forEach(k -> sb.append(String.format("keystore %s (%s): %d keys at %s%n", k.name(), k.type(), k.keys(), k.path())));
        sb.append(String.format("seed-v2 done in %.1f s%n", result.millis() / 1000.0));
        return sb.toString();
    }

    /** source.objectStore, through the configured client, as the place packets are written to. */
    static PacketStore packetStore(ObjectsConfig oc, Map<String, String> env) {
        return asPacketStore(ObjectStores.open(oc.source(), env, oc.partBytes(), oc.parallelism()));
    }

    /** {@code store} as the place packets are written to; closing it closes the store. */
    public static PacketStore asPacketStore(ObjectStore store) {
        return new PacketStore() {
            @Override
            public String describe() {
                return store.describe();
            }

            @Override
            public boolean holdsBuckets() {
                return store.listBuckets().iterator().hasNext();
            }

            @Override
            public void createBucket(String bucket) {
                store.createBucket(bucket);
            }

            @Override
            public void put(String bucket, String key, InputStream in, long size, String contentType, Map<String, String> userMetadata) {
                store.put(bucket, key, in, size, contentType, userMetadata);
            }

            @Override
            public void close() {
                store.close();
            }
        };
    }
}
