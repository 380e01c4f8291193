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
            default -> {
            }
        }
    }
}
