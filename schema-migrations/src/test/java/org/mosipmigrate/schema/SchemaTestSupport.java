package org.mosipmigrate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.mosipmigrate.core.run.Progress;
import org.mosipmigrate.schema.catalog.CatalogDiff;
import org.mosipmigrate.schema.catalog.SchemaCatalog;
import org.mosipmigrate.testkit.PgServer;

/** Shared helpers of the schema tests: an upgrader on a test server, catalog reads and known differences. */
final class SchemaTestSupport {
    static final Progress LOG = m -> System.out.println("[upgrade] " + m);

    private SchemaTestSupport() {
    }

    static TargetDatabases target(PgServer s) {
        return db -> {
            try {
                return s.connect(db);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    static SchemaUpgrader upgrader(PgServer s, String lang) {
        return new SchemaUpgrader(target(s), new UpgradeSettings(lang, null, null, null, Map.of()), LOG);
    }

    static SchemaCatalog live(PgServer s, MosipDatabase d) throws SQLException {
        try (Connection c = s.connect(d.dbName())) {
            return SchemaCatalog.read(c, d.dbName(), d.schema());
        }
    }

    static List<CatalogDiff.Difference> diff(PgServer s, MosipDatabase d, String version) throws SQLException {
        return CatalogDiff.compare(SchemaCatalog.expected(version, d.dbName()), live(s, d));
    }
}
