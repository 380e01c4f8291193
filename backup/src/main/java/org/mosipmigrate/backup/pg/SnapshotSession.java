package org.mosipmigrate.backup.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.mosipmigrate.core.pg.PgConnector;

/**
 * Holds a REPEATABLE READ transaction open and exports its snapshot, so every worker and pg_dump see
 * the same consistent state of one database. Closing ends the snapshot.
 */
public final class SnapshotSession implements AutoCloseable {
    private final Connection holder;
    private final String snapshotId;

    public SnapshotSession(PgConnector source, String db) {
        this.holder = source.open(db);
        try {
            holder.setAutoCommit(false);
            try (Statement st = holder.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                try (ResultSet rs = st.executeQuery("SELECT pg_export_snapshot()")) {
                    rs.next();
                    snapshotId = rs.getString(1);
                }
            }
        } catch (SQLException e) {
            close();
            throw source.classify(e, db);
        }
    }

    public String id() {
        return snapshotId;
    }

    /** Opens a worker connection that sees exactly this snapshot (its transaction stays open). */
    public Connection join(PgConnector source, String db) {
        Connection c = source.open(db);
        try {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                st.execute("SET TRANSACTION SNAPSHOT '" + snapshotId + "'");
            }
            return c;
        } catch (SQLException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already failing
            }
            throw source.classify(e, db);
        }
    }

    @Override
    public void close() {
        try {
            holder.rollback();
            holder.close();
        } catch (SQLException ignored) {
            // a broken holder connection has released its snapshot already
        }
    }
}
