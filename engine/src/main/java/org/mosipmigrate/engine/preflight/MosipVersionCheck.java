package org.mosipmigrate.engine.preflight;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.mosipmigrate.schema.MosipDatabase;
import org.mosipmigrate.schema.catalog.CatalogDiff;
import org.mosipmigrate.schema.catalog.SchemaCatalog;

/**
 * The MOSIP version of each source database: from mosip-migrate's Flyway history when the database has one, else
 * by fingerprint (its live catalog compared with the 1.1.5.5 and 1.2.0.1 catalog facts). The upgrade is written for
 * 1.1.5.x: anything else blocks; a 1.1.5.x schema that differs from the 1.1.5.5 facts is a warning with the
 * differences, because the upgrade steps may trip over them.
 */
final class MosipVersionCheck implements Check {
    @Override
    public String name() {
        return "mosip-version";
    }

    /** Where a database stands: its version, how it was found, and the differences from the 1.1.5.5 facts. */
    record Version(String version, String how, List<CatalogDiff.Difference> differences) {
        boolean is115x() {
            return version.startsWith("1.1.5");
        }
    }

    @Override
    public void run(PreflightContext ctx, Findings out) throws Exception {
        if (!ctx.sourceReachable()) {
            return;
        }
        List<String> v2 = SchemaCatalog.databases(MosipDatabase.BASELINE_VERSION);
        List<String> versions = new ArrayList<>();
        List<String> unsupported = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String db : ctx.sourceDatabases()) {
            if (!v2.contains(db)) {
                other.add(db);
                continue;
            }
            Version v;
            try (Connection c = ctx.openSource(db)) {
                v = versionOf(c, db);
            }
            versions.add(db + ": " + v.version() + " (" + v.how() + ")");
            out.fact("mosipVersion." + db, v.version());
            if (!v.is115x()) {
                unsupported.add(db + ": " + v.version() + " (" + v.how() + ")");
            } else if (!v.differences().isEmpty()) {
                differing.add(db + ": " + v.differences().size() + " difference(s), first: " + v.differences().get(0));
            }
        }
        if (!versions.isEmpty()) {
            out.add(Finding.listing("MOSIP_VERSION", name(), Severity.INFO, "MOSIP version of each database", versions, ""));
        }
        if (!unsupported.isEmpty()) {
            out.add(Finding.listing("MOSIP_VERSION_UNSUPPORTED", name(), Severity.BLOCKING,
                    "databases that are not at MOSIP 1.1.5.x; mosip-migrate moves and upgrades 1.1.5.x (V2) only", unsupported,
                    "point source.postgres at the V2 (1.1.5.x) server, or leave these databases out of source.postgres.databases"));
        }
        if (!differing.isEmpty()) {
            out.add(Finding.listing("MOSIP_SCHEMA_DIFFERS", name(), Severity.WARNING,
                    "1.1.5.x databases whose schema differs from the MOSIP 1.1.5.5 catalog (a patch level or local change)", differing,
                    "review the differences (mosip-migrate verify --schema 1.1.5.5 on a restored copy lists them all); the upgrade steps "
                            + "expect the 1.1.5.5 schema, so rehearse the upgrade before the window"));
        }
        if (!other.isEmpty()) {
            out.add(Finding.listing("MOSIP_OTHER_DATABASES", name(), Severity.INFO, "databases that are not MOSIP 1.1.5.5 databases: moved as they are, "
                    + "never upgraded", other, ""));
        }
        List<String> absent = new ArrayList<>();
        for (MosipDatabase d : MosipDatabase.values()) {
            if (d.inV2() && !ctx.sourceDatabases().contains(d.dbName())) {
                absent.add(d.dbName());
            }
        }
        if (!absent.isEmpty()) {
            out.add(Finding.listing("MOSIP_DATABASES_ABSENT", name(), Severity.WARNING, "V2 databases the upgrade expects that are not in the move",
                    absent, "add them to source.postgres.databases, or confirm that this V2 install does not have them"));
        }
    }

    static Version versionOf(Connection c, String db) throws SQLException {
        String history = historyVersion(c);
        if (history != null) {
            return new Version(MosipDatabase.mosipName(history), "mosip-migrate Flyway history", List.of());
        }
        SchemaCatalog live = SchemaCatalog.read(c, db, SchemaCatalog.schemaOf(db));
        if (live.tables().isEmpty()) {
            return new Version("none (no MOSIP tables in schema " + SchemaCatalog.schemaOf(db) + ")", "catalog", List.of());
        }
        List<CatalogDiff.Difference> from115 = CatalogDiff.compare(SchemaCatalog.expected(MosipDatabase.BASELINE_VERSION, db), live);
        if (from115.isEmpty()) {
            return new Version(MosipDatabase.BASELINE_VERSION, "catalog fingerprint", List.of());
        }
        int from1201 = SchemaCatalog.databases("1.2.0.1").contains(db)
                ? CatalogDiff.compare(SchemaCatalog.expected("1.2.0.1", db), live).size() : Integer.MAX_VALUE;
        if (from1201 < from115.size()) {
            return new Version("1.2.0.1" + (from1201 == 0 ? "" : "-like"), "catalog fingerprint, " + from1201 + " difference(s) from 1.2.0.1", List.of());
        }
        SchemaCatalog expected = SchemaCatalog.expected(MosipDatabase.BASELINE_VERSION, db);
        long known = expected.tables().keySet().stream().filter(live.tables()::containsKey).count();
        if (known * 2 < expected.tables().size()) {
            return new Version("unknown", "catalog fingerprint: only " + known + " of the " + expected.tables().size() + " 1.1.5.5 tables", List.of());
        }
        return new Version("1.1.5.x", "catalog fingerprint, closest to 1.1.5.5", from115);
    }

    /** The last successful version in mosip-migrate's Flyway history, or null without one. */
    private static String historyVersion(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass(" + org.mosipmigrate.core.pg.Sql.literal(MosipDatabase.HISTORY_SCHEMA + "."
                     + MosipDatabase.HISTORY_TABLE) + ") IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return null;
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version FROM " + MosipDatabase.HISTORY_SCHEMA + "." + MosipDatabase.HISTORY_TABLE
                     + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
