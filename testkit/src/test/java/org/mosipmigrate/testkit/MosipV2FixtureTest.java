package org.mosipmigrate.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.core.pg.TableFingerprint;
import org.mosipmigrate.seed.MosipCatalog;
import org.mosipmigrate.seed.MosipCatalog.ConstraintType;

class MosipV2FixtureTest {
    private static final int RESIDENTS = 200;
    private static final List<String> SOME = List.of("mosip_idrepo", "mosip_regprc", "mosip_master", "mosip_pms", "mosip_prereg");

    @Test
    void buildsCatalogShapedDatabasesOnPg12() throws Exception {
        PgServer pg12 = PgServers.production().source();
        assertEquals(12, pg12.majorVersion());
        checkAll(pg12, MosipV2Fixture.create(pg12, SOME, RESIDENTS, 42));
    }

    @Test
    void buildsEveryV2DatabaseOnTheLocalServer() throws Exception {
        PgServer local = PgServers.local().source();
        List<String> all = new ArrayList<>(MosipV2Fixture.ALL_V2_DATABASES);
        all.addAll(MosipV2Fixture.RETIRED_V2_DATABASES);
        checkAll(local, MosipV2Fixture.create(local, all, RESIDENTS, 42));
    }

    @Test
    void sameSeedGivesSameData() throws Exception {
        PgServer pg12 = PgServers.production().source();
        PgServer local = PgServers.local().source();
        MosipV2Fixture.create(pg12, List.of("mosip_idmap"), 50, 7);
        MosipV2Fixture.create(local, List.of("mosip_idmap"), 50, 7);
        assertEquals(fingerprint(pg12, "mosip_idmap", "vid"), fingerprint(local, "mosip_idmap", "vid"));
    }

    @Test
    @Tag("slow")
    void tenThousandResidentsLoadQuickly() throws Exception {
        PgServer local = PgServers.local().source();
        long start = System.nanoTime();
        MosipV2Fixture.create(local, MosipV2Fixture.ALL_V2_DATABASES, 10_000, 1);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        System.err.println("MosipV2Fixture: 10,000 residents over " + MosipV2Fixture.ALL_V2_DATABASES.size() + " databases in " + seconds + " s");
        assertTrue(seconds < 60, "took " + seconds + " s");
    }

    private static void checkAll(PgServer s, List<String> dbs) throws SQLException {
        for (String db : dbs) {
            try (Connection c = s.connect(db)) {
                String schema = MosipCatalog.schemaOf(db);
                List<MosipCatalog.Table> tables = MosipCatalog.v2Tables(db);
                assertEquals(tables.size(), count(c, "SELECT count(*) FROM pg_tables WHERE schemaname = " + Sql.literal(schema)), db + " tables");
                long pks = tables.stream().filter(t -> t.primaryKey().isPresent()).count();
                assertEquals(pks, count(c, constraintCount(schema, 'p')), db + " primary keys");
                long fks = tables.stream().mapToLong(t -> t.constraints(ConstraintType.FOREIGN_KEY).size()).sum();
                assertEquals(fks, count(c, constraintCount(schema, 'f') + " AND convalidated"), db + " validated foreign keys");
                long indexes = tables.stream().mapToLong(t -> t.indexes().size()).sum();
                assertEquals(indexes, count(c, "SELECT count(*) FROM pg_indexes WHERE schemaname = " + Sql.literal(schema)), db + " indexes");
                assertEquals("sysadmin", string(c, "SELECT tableowner FROM pg_tables WHERE schemaname = " + Sql.literal(schema) + " LIMIT 1"));
                for (String table : MosipV2Fixture.residentScaledTables(db)) {
                    long rows = count(c, "SELECT count(*) FROM " + Sql.qualified(schema, table));
                    assertTrue(rows >= RESIDENTS, db + "." + table + " has " + rows + " rows");
                }
                for (MosipCatalog.Table t : tables) {
                    assertTrue(count(c, "SELECT count(*) FROM " + Sql.qualified(schema, t.name())) > 0, db + "." + t.name() + " is empty");
                }
                if (db.equals("mosip_regprc")) {
                    // the regprc upgrade joins registration_list to registration on reg_id: every row must match
                    assertEquals(0, count(c, "SELECT count(*) FROM regprc.registration_list l "
                            + "WHERE NOT EXISTS (SELECT 1 FROM regprc.registration r WHERE r.id = l.reg_id)"));
                }
                assertTrue(count(c, "SELECT count(*) FROM information_schema.role_table_grants WHERE grantee = "
                        + Sql.literal(MosipV2Fixture.appRole(db)) + " AND privilege_type = 'SELECT'") == tables.size(), db + " grants");
            }
        }
    }

    private static String constraintCount(String schema, char type) {
        return "SELECT count(*) FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = "
                + Sql.literal(schema) + " AND k.contype = '" + type + "'";
    }

    private static TableFingerprint.Fingerprint fingerprint(PgServer s, String db, String table) throws SQLException {
        try (Connection c = s.connect(db); Statement st = c.createStatement()) {
            st.execute("SET TimeZone = 'UTC'");
            st.execute("SET extra_float_digits = 1");
            List<String> cols = MosipCatalog.v2Tables(db).stream().filter(t -> t.name().equals(table)).findFirst().orElseThrow()
                    .columns().stream().map(MosipCatalog.Column::name).toList();
            return TableFingerprint.compute(c, MosipCatalog.schemaOf(db), table, cols);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String string(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
