package org.mosipmigrate.schema;

import org.mosipmigrate.testkit.PgServer;

/**
 * MosipV2Fixture generates rows from the catalog alone; a few of its combinations never occur on a V2 site
 * (they would break invariants that V2's services keep). Each adjustment names the invariant.
 */
final class RealisticData {
    private RealisticData() {
    }

    static void adjust(PgServer s, MosipDatabase d) throws Exception {
        switch (d) {
            // every published or draft identity schema has a version and its UI attribute JSON
            case MOSIP_MASTER -> s.execute("mosip_master", "UPDATE master.identity_schema SET id_attr_json = coalesce(id_attr_json, '[]'), "
                    + "id_version = coalesce(id_version, 1)");
            default -> {
            }
        }
    }
}
