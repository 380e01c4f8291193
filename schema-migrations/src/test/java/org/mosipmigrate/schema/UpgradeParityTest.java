package org.mosipmigrate.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mosipmigrate.schema.catalog.CatalogDiff;
import org.mosipmigrate.schema.catalog.KnownDifferences;
import org.mosipmigrate.testkit.PgServer;
import org.mosipmigrate.testkit.PgServers;

/**
 * For every 1.2.0.1 database on PostgreSQL 16 (the V3 server): a V2 1.1.5.5 database with generated rows
 * (objects owned by sysadmin, as restored) is upgraded to 1.2.0.1; its catalog must equal the fresh 1.2.0.1
 * facts except for the differences listed with their reason in docs/schema-differences.md
 * ({@link KnownDifferences}); a second run is a no-op.
 */
class UpgradeParityTest {
    static final int RESIDENTS = 20;

    @ParameterizedTest
    @EnumSource(value = MosipDatabase.class, names = {"MOSIP_AUTHDEVICE", "MOSIP_REGDEVICE"}, mode = EnumSource.Mode.EXCLUDE)
    void upgradedSchemaEqualsFresh1201(MosipDatabase d) throws Exception {
        PgServer s = PgServers.production().target();
        V2Data.prepare(s, d, RESIDENTS);
        SchemaUpgrader up = SchemaTestSupport.upgrader(s, "eng");
        var outcome = up.upgrade(List.of(d), "1.2.0.1").get(0);
        assertEquals("1.2.0.1", outcome.to());
        assertEquals(d.steps().size() + (d.createdByUpgrade() ? 1 : 0), outcome.executed().size(), "every step of " + d.dbName() + " ran");
        List<CatalogDiff.Difference> diffs = SchemaTestSupport.diff(s, d, "1.2.0.1");
        assertEquals(KnownDifferences.of(d.dbName()).stream().map(KnownDifferences.Known::key).sorted().toList(),
                diffs.stream().map(CatalogDiff.Difference::key).sorted().toList(),
                d.dbName() + ": differences from fresh 1.2.0.1:\n" + diffs.stream().map(Object::toString).reduce("", (a, b) -> a + b + "\n"));
        assertTrue(up.upgrade(List.of(d), "1.2.0.1").get(0).executed().isEmpty(), "re-running is a no-op");
        OwnershipCheck.assertFreshOwnership(s, d);
    }
}
