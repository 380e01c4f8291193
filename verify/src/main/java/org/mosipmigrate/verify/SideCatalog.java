package org.mosipmigrate.verify;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mosipmigrate.core.pg.PgCatalog;
import org.mosipmigrate.core.pg.PgCatalog.SequenceInfo;
import org.mosipmigrate.core.pg.PgCatalog.TableInfo;
import org.mosipmigrate.core.pg.SchemaCensus;

/** One database's catalog on one live side: its tables, schema-object counts and sequence values. */
record SideCatalog(Map<String, TableInfo> tables, Map<String, Long> census, List<SequenceInfo> sequences) {
    SideCatalog {
        // kept in catalog order so that reports list objects the way the server does
        tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        census = Collections.unmodifiableMap(new LinkedHashMap<>(census));
        sequences = List.copyOf(sequences);
    }

    static SideCatalog read(ReadOnlySide side, String db) {
        Connection c = side.open(db);
        try {
            return new SideCatalog(TableInventory.byName(PgCatalog.listTables(c)), SchemaCensus.take(c), PgCatalog.listSequences(c));
        } catch (SQLException e) {
            throw side.failure(e, db, "reading the catalog");
        } finally {
            ReadOnlySide.closeQuietly(c);
        }
    }

    /** Every database of the server, templates and {@code postgres} included (any of them may be verified). */
    static Set<String> databaseNames(ReadOnlySide side) {
        Connection c = side.open("postgres");
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT datname FROM pg_database")) {
            Set<String> out = new HashSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw side.failure(e, "postgres", "listing databases");
        } finally {
            ReadOnlySide.closeQuietly(c);
        }
    }
}
