package org.mosipmigrate.schema;

import java.util.List;
import org.mosipmigrate.testkit.MosipV2Fixture;
import org.mosipmigrate.testkit.PgServer;

/**
 * Builds a V2 database as restored on the V3 server: MosipV2Fixture's 1.1.5.5 schema and generated rows,
 * plus the rows V2 sites always have and the upgrade relies on (PMS seed data), and fixes of generated rows
 * that no real V2 site holds (see each method). Databases created by the upgrade are dropped instead.
 */
final class V2Data {
    private V2Data() {
    }

    static void prepare(PgServer s, MosipDatabase d, int residents) throws Exception {
        if (d.createdByUpgrade()) {
            s.dropDatabase(d.dbName());
            return;
        }
        MosipV2Fixture.create(s, List.of(d.dbName()), residents, 42L);
        if (d == MosipDatabase.MOSIP_PMS) {
            MosipV2Fixture.create(s, List.of("mosip_authdevice", "mosip_regdevice"), residents, 43L);
            PmsSeed.load(s);
        }
        RealisticData.adjust(s, d);
    }
}
