package org.mosipmigrate.seed;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.mosipmigrate.core.config.MigrationConfig;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.PgConnector;
import org.mosipmigrate.core.run.Progress;
import java.util.function.Supplier;
import org.mosipmigrate.seed.keystores.KeystoreSeeder;
import org.mosipmigrate.seed.packets.PacketLayout;
import org.mosipmigrate.seed.packets.PacketSeeder;
import org.mosipmigrate.seed.packets.PacketStore;
import org.mosipmigrate.seed.V2Seeder;

/**
 * {@code seed-v2}: a synthetic MOSIP 1.1.5.5 environment in the configured SOURCE servers, for rehearsals, demos
 * and tests: databases ({@link V2Seeder}), packets for every registration of regprc.registration ({@link PacketSeeder}),
 * and the source keystores ({@link KeystoreSeeder}). Everything is checked before anything is written.
 */
public final class SeedV2 {
    public record Options(int residents, long seed, boolean defects, PacketLayout layout, String accountBucket, double objectSizeScale,
                          boolean clean) {
    }

    public record Result(V2Seeder.Result databases, PacketSeeder.Result objects, List<KeystoreSeeder.Created> keystores, long millis) {
    }

    private final MigrationConfig cfg;
    private final Map<String, String> env;
    private final Selection parts;
    private final Supplier<PacketStore> packetStore;
    private final Progress progress;

    /** Which of the source's parts to seed. */
    public record Selection(boolean db, boolean objects, boolean keystores) {
    }

    /** {@code packetStore} opens source.objectStore (only called when objects are seeded). */
    public SeedV2(MigrationConfig cfg, Map<String, String> env, Selection parts, Supplier<PacketStore> packetStore, Progress progress) {
        this.cfg = cfg;
        this.env = env;
        this.parts = parts;
        this.packetStore = packetStore;
        this.progress = progress;
    }

    /** Checks every part (reads only) and returns the database plan, or null when the database part is not selected. */
    public V2Seeder.Plan plan(Options o) {
        V2Seeder.Plan plan = null;
        if (parts.db()) {
            plan = new V2Seeder(source()::open, progress).plan(cfg.source().databases(), o.residents(), o.seed(), o.defects(), o.clean());
        }
        if (objectsPart()) {
            if (!o.clean()) {
                try (PacketStore s = packetStore.get()) {
                    if (s.holdsBuckets()) {
                        throw new MigrateException(ErrorCode.TARGET_NOT_EMPTY, s.describe() + " already holds buckets",
                                "seed-v2 writes into an empty object store; pass --clean to write over it (objects of the same names are replaced, "
                                        + "nothing is deleted)");
                    }
                }
            }
        }
        if (parts.keystores()) {
            new KeystoreSeeder(cfg.keystores(), env, progress).check(o.clean());
        }
        return plan;
    }

    public Result execute(V2Seeder.Plan plan, Options o) {
        long t0 = System.nanoTime();
        V2Seeder.Result dbs = plan == null ? null : new V2Seeder(source()::open, progress).execute(plan, cfg.parallelism());
        PacketSeeder.Result objects = null;
        if (objectsPart()) {
            objects = packets(o);
        }
        List<KeystoreSeeder.Created> keystores = parts.keystores() ? new KeystoreSeeder(cfg.keystores(), env, progress).create(o.seed()) : List.of();
        return new Result(dbs, objects, keystores, (System.nanoTime() - t0) / 1_000_000);
    }

    /** Packets go to source.objectStore; a config with only a target object store seeds none. */
    private boolean objectsPart() {
        return parts.objects() && cfg.objects().source() != null;
    }

    private PgConnector source() {
        if (cfg.source() == null) {
            throw new MigrateException(ErrorCode.CONFIG, cfg.file() + ": seed-v2 writes into source.postgres, which is not configured",
                    "add source.postgres (the throwaway V2 server), or use --only objects/keystores");
        }
        return new PgConnector(cfg.source(), env);
    }

    /** Packets for every registration id in regprc.registration, streamed from the database. */
    private PacketSeeder.Result packets(Options o) {
        try (PacketStore store = packetStore.get(); Connection c = source().open("mosip_regprc")) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.setFetchSize(1000);
                try (ResultSet rs = st.executeQuery("SELECT id FROM regprc.registration ORDER BY id")) {
                    PacketSeeder.Result r = new PacketSeeder(store, progress).seed(() -> rows(rs), new PacketSeeder.Options(o.layout(), o.accountBucket(),
                            o.seed(), o.objectSizeScale(), cfg.objects().parallelism()));
                    progress.info(String.format("seed-v2: packets: %,d registrations, %,d objects, %,d bytes in %.1f s (%s)", r.registrations(), r.objects(),
                            r.bytes(), r.millis() / 1000.0, o.layout().label()));
                    return r;
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: cannot read the registration ids from mosip_regprc: " + e.getMessage(),
                    "seed the databases first (seed-v2 without --only objects)", e);
        }
    }

    private static Iterator<String> rows(ResultSet rs) {
        return new Iterator<>() {
            private Boolean ahead;

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    try {
                        ahead = rs.next();
                    } catch (SQLException e) {
                        throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: reading registration ids: " + e.getMessage(), null, e);
                    }
                }
                return ahead;
            }

            @Override
            public String next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                ahead = null;
                try {
                    return rs.getString(1);
                } catch (SQLException e) {
                    throw new MigrateException(ErrorCode.RUNTIME, "seed-v2: reading registration ids: " + e.getMessage(), null, e);
                }
            }
        };
    }
}
