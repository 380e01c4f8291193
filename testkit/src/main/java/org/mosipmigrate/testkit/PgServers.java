package org.mosipmigrate.testkit;

import java.util.EnumMap;
import java.util.Map;

/**
 * Shared servers per test JVM, started on first use and stopped by a shutdown hook (so also when a
 * test fails). Tests isolate themselves with fresh database names, not fresh servers.
 */
public final class PgServers {
    /** Which server plays a side. V2_* are sources, V3_* targets: always different servers. */
    public enum Flavor {
        V2_LOCAL, V3_LOCAL, V2_PG12, V3_PG16
    }

    private static final Map<Flavor, PgServer> RUNNING = new EnumMap<>(Flavor.class);

    private PgServers() {
    }

    public static synchronized PgServer get(Flavor flavor) {
        return RUNNING.computeIfAbsent(flavor, f -> switch (f) {
            case V2_LOCAL, V3_LOCAL -> LocalPgServer.start();
            case V2_PG12 -> ZonkyPgServer.start(System.getProperty("mm.pg12.binaries", "12.22.0"));
            case V3_PG16 -> ZonkyPgServer.start(System.getProperty("mm.pg16.binaries", "16.15.0"));
        });
    }

    /** A V2 -> V3 pair: the machine's major on both sides, or embedded 12 -> 16 as in production. */
    public record Pair(String name, PgServer source, PgServer target) {
        @Override
        public String toString() {
            return name;
        }
    }

    public static Pair local() {
        return new Pair("pg" + get(Flavor.V2_LOCAL).majorVersion() + "->pg" + get(Flavor.V3_LOCAL).majorVersion(),
                get(Flavor.V2_LOCAL), get(Flavor.V3_LOCAL));
    }

    public static Pair production() {
        return new Pair("pg12->pg16", get(Flavor.V2_PG12), get(Flavor.V3_PG16));
    }
}
