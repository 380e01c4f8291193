package org.mosipmigrate.core.pg;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Bookkeeping kept inside each target database while a restore or copy runs. A chunk's marker row is
 * inserted in the same transaction as its COPY, so "loaded" is true exactly when its rows are there:
 * a kill -9 between commit and ledger write can never make a resume load the chunk twice.
 * The schema is dropped when the database is finished.
 */
public final class RestoreMarkers {
    public static final String SCHEMA = "mosip_migrate";

    private RestoreMarkers() {
    }

    /** Creates the marker schema and claims the database for {@code runId}. */
    public static void claim(Connection c, String runId) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
            st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".run (run_id text PRIMARY KEY, started timestamptz DEFAULT now())");
            st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".loaded_chunk (step_id text PRIMARY KEY, rows bigint NOT NULL, "
                    + "loaded timestamptz DEFAULT now())");
            st.execute("CREATE TABLE IF NOT EXISTS " + SCHEMA + ".phase (name text PRIMARY KEY, done timestamptz DEFAULT now())");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + SCHEMA + ".run(run_id) VALUES (?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, runId);
            ps.executeUpdate();
        }
    }

    /** The run that owns this database's unfinished restore, if any. */
    public static Optional<String> owner(Connection c) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT to_regclass('" + SCHEMA + ".run') IS NOT NULL")) {
            rs.next();
            if (!rs.getBoolean(1)) {
                return Optional.empty();
            }
        }
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT run_id FROM " + SCHEMA + ".run ORDER BY started LIMIT 1")) {
            return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
        }
    }

    public static Set<String> loadedChunks(Connection c) throws SQLException {
        Set<String> out = new HashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT step_id FROM " + SCHEMA + ".loaded_chunk")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Rows recorded for a loaded chunk, or null when it is not loaded. */
    public static Long loadedRows(Connection c, String stepId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT rows FROM " + SCHEMA + ".loaded_chunk WHERE step_id = ?")) {
            ps.setString(1, stepId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** Call inside the chunk's transaction, after its COPY. */
    public static void markLoaded(Connection c, String stepId, long rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + SCHEMA + ".loaded_chunk(step_id, rows) VALUES (?, ?)")) {
            ps.setString(1, stepId);
            ps.setLong(2, rows);
            ps.executeUpdate();
        }
    }

    public static boolean phaseDone(Connection c, String phase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + SCHEMA + ".phase WHERE name = ?")) {
            ps.setString(1, phase);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    public static void markPhase(Connection c, String phase) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + SCHEMA + ".phase(name) VALUES (?) ON CONFLICT DO NOTHING")) {
            ps.setString(1, phase);
            ps.executeUpdate();
        }
    }

    public static void drop(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }
}
