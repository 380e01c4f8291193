package org.mosipmigrate.schema;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.seed.V2Cluster;
import org.mosipmigrate.testkit.MosipV2Fixture;
import org.mosipmigrate.testkit.PgServer;

/**
 * V2 databases as a restored MOSIP 1.1.5.5 site has them (no migration history, objects owned by sysadmin): the published
 * 1.1.5.5 DDL (our baseline script, generated from the catalog facts) and representative seed rows in MOSIP's shape, written
 * for mosip-migrate (resources fixtures/ISSUE-17-published-1.1.5.5/&lt;db&gt;.sql; English, French and Arabic where MOSIP's data
 * has them).
 */
final class PublishedV2Data {
    static final String FIXTURES = "fixtures/ISSUE-17-published-1.1.5.5/";

    private PublishedV2Data() {
    }

    static void load(PgServer s, List<MosipDatabase> dbs) throws Exception {
        V2Cluster.createCommonRoles(s::connect, MosipV2Fixture.ROLE_PASSWORD);
        for (MosipDatabase d : dbs) {
            s.dropDatabase(d.dbName());
            V2Cluster.createRoleIfMissing(s::connect, d.appRole(), "LOGIN", MosipV2Fixture.ROLE_PASSWORD);
            s.execute("postgres", "CREATE DATABASE " + Sql.ident(d.dbName()) + " OWNER sysadmin ENCODING 'UTF8' TEMPLATE template0");
            try (Connection c = s.connect(d.dbName()); Statement st = c.createStatement()) {
                st.execute("SET ROLE sysadmin");
                st.execute(SchemaUpgrader.resource(MosipDatabase.location(d.dbName()) + "/" + MosipDatabase.BASELINE_SCRIPT));
                st.execute(SchemaUpgrader.resource(FIXTURES + d.dbName() + ".sql"));
            }
        }
    }
}
