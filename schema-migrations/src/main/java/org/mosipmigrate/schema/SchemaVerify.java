package org.mosipmigrate.schema;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.core.error.ErrorCode;
import org.mosipmigrate.core.error.MigrateException;
import org.mosipmigrate.core.pg.Sql;
import org.mosipmigrate.schema.catalog.CatalogDiff;
import org.mosipmigrate.schema.catalog.KnownDifferences;
import org.mosipmigrate.schema.catalog.SchemaCatalog;

/**
 * {@code verify --schema VERSION}: compares each live database with the catalog facts of a MOSIP version. For
 * 1.2.0.1 the differences listed in {@link KnownDifferences} are reported as known (an absent known leftover,
 * e.g. after {@code cleanup --apply}, is no difference at all); any other difference fails.
 */
public final class SchemaVerify {
    private final TargetDatabases target;

    public SchemaVerify(TargetDatabases target) {
        this.target = target;
    }

    /** known: differences explained by KnownDifferences (with the reason); unexpected: everything else. */
    public record Result(String db, boolean exists, List<CatalogDiff.Difference> unexpected, List<Known> known) {
        public boolean passed() {
            return exists && unexpected.isEmpty();
        }
    }

    public record Known(CatalogDiff.Difference difference, String reason) {
    }

    public List<Result> verify(List<MosipDatabase> dbs, String version) {
        if (!version.equals("1.1.5.5") && !version.equals("1.2.0.1")) {
            throw new MigrateException(ErrorCode.USAGE, "verify --schema " + version + ": only 1.1.5.5 and 1.2.0.1 are known", null);
        }
        List<Result> out = new ArrayList<>();
        for (MosipDatabase d : dbs) {
            if (version.equals("1.2.0.1") && !d.inV3() || version.equals("1.1.5.5") && !d.inV2()) {
                throw new MigrateException(ErrorCode.USAGE, d.dbName() + " is not part of MOSIP " + version, "leave it out of --databases");
            }
            boolean exists;
            try (Connection c = target.open("postgres")) {
                exists = SchemaUpgrader.exists(c, "SELECT 1 FROM pg_database WHERE datname = " + Sql.literal(d.dbName()));
            } catch (SQLException e) {
                throw new MigrateException(ErrorCode.RUNTIME, "verify --schema: " + e.getMessage(), null, e);
            }
            if (!exists) {
                out.add(new Result(d.dbName(), false, List.of(), List.of()));
                continue;
            }
            SchemaCatalog live;
            try (Connection c = target.open(d.dbName())) {
                live = SchemaCatalog.read(c, d.dbName(), d.schema());
            } catch (SQLException e) {
                throw new MigrateException(ErrorCode.RUNTIME, d.dbName() + ": cannot read the schema: " + e.getMessage(), null, e);
            }
            List<CatalogDiff.Difference> unexpected = new ArrayList<>();
            List<Known> known = new ArrayList<>();
            for (CatalogDiff.Difference diff : CatalogDiff.compare(SchemaCatalog.expected(version, d.dbName()), live)) {
                KnownDifferences.Known k = version.equals("1.2.0.1") ? KnownDifferences.match(diff) : null;
                if (k != null && diff.difference().equals("unexpected")) {
                    known.add(new Known(diff, k.reason()));
                } else {
                    unexpected.add(diff);
                }
            }
            out.add(new Result(d.dbName(), true, unexpected, known));
        }
        return out;
    }
}
