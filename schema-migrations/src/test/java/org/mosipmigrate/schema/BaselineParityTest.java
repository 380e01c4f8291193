package org.mosipmigrate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mosipmigrate.schema.catalog.CatalogDiff;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/** The packaged V2 baseline script of every database builds exactly the 1.1.5.5 catalog (PostgreSQL 12, as V2 runs). */
class BaselineParityTest {
    @ParameterizedTest
    @EnumSource(value = MosipDatabase.class)
    void baselineEqualsTheCatalogOf1155(MosipDatabase d) throws Exception {
        PgServer s = PgServers.production().source();
        s.dropDatabase(d.dbName());
        s.execute("postgres", "CREATE DATABASE " + d.dbName());
        new SchemaInit(SchemaTestSupport.target(s), SchemaTestSupport.LOG).createSchema(d, "1.1.5.5");
        List<CatalogDiff.Difference> diffs = SchemaTestSupport.diff(s, d, "1.1.5.5");
        assertEquals(List.of(), diffs, d.dbName() + ": baseline differs from the 1.1.5.5 catalog");
        if (d.inV2()) {
            assertEquals(SchemaTestSupport.live(s, d).tables().keySet(),
                    org.mosipmigrate.schema.catalog.SchemaCatalog.expected("1.1.5.5", d.dbName()).tables().keySet());
        }
        s.dropDatabase(d.dbName());
    }
}
