package org.mosipmigrate.testkit;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.seed.V2Cluster;

/**
 * MOSIP-shaped 1.1.5.5 (V2) databases for tests: the production builder ({@link V2Cluster}, module seed) with
 * its generic, catalog-only values, on a test server, roles with a known password.
 */
public final class MosipV2Fixture {
    /** The 11 V2 databases that MOSIP's 1.2.0.1 upgrade chain takes over (V3 has them plus resident and hotlist). */
    public static final List<String> ALL_V2_DATABASES = V2Cluster.ALL_V2_DATABASES;

    /** Databases of a V2 install that V3 drops or folds into others; the fixture can build them too. */
    public static final List<String> RETIRED_V2_DATABASES = V2Cluster.RETIRED_V2_DATABASES;

    /** Password of every role the fixture creates (sysadmin must be able to log in: the upgrade chain connects as it). */
    public static final String ROLE_PASSWORD = "mosip-fixture-pw";

    private MosipV2Fixture() {
    }

    /** Creates (dropping first) each database; returns their names in the order given. */
    public static List<String> create(PgServer s, List<String> databases, int residents, long seed) throws SQLException {
        V2Cluster.createCommonRoles(s::connect, ROLE_PASSWORD);
        List<String> created = new ArrayList<>();
        for (String db : databases) {
            s.dropDatabase(db);
            V2Cluster.createDatabase(s::connect, db, new V2Cluster.Options(residents, seed, ROLE_PASSWORD), null);
            created.add(db);
        }
        return created;
    }

    /** Tables of {@code db} whose row count is at least the number of residents. */
    public static List<String> residentScaledTables(String db) {
        return V2Cluster.residentScaledTables(db);
    }

    /** The row count each table of {@code db} gets for a given population. */
    public static Map<String, Long> plannedRowCounts(String db, int residents) {
        return V2Cluster.plannedRowCounts(db, residents);
    }

    /** App role of a V2 database, e.g. mosip_idrepo -> idrepouser. */
    public static String appRole(String db) {
        return V2Cluster.appRole(db);
    }
}
