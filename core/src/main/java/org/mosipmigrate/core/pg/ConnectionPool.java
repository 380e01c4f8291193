package org.mosipmigrate.core.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Reuses one connection per worker for many small steps (a MOSIP cluster has hundreds of tables).
 * Each connection is prepared once by the supplier, e.g. joined to an exported snapshot.
 */
public final class ConnectionPool implements AutoCloseable {
    private final Supplier<Connection> opener;
    private final ConcurrentLinkedQueue<Connection> idle = new ConcurrentLinkedQueue<>();
    private final List<Connection> all = new ArrayList<>();

    public ConnectionPool(Supplier<Connection> opener) {
        this.opener = opener;
    }

    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection c) throws Exception;
    }

    /** Runs work on a pooled connection; a connection whose work failed is closed, not reused. */
    public <T> T with(Work<T> work) throws Exception {
        Connection c = idle.poll();
        if (c == null) {
            c = opener.get();
            synchronized (all) {
                all.add(c);
            }
        }
        try {
            T result = work.apply(c);
            idle.add(c);
            return result;
        } catch (Exception e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the connection is being discarded anyway
        }
    }

    @Override
    public void close() {
        synchronized (all) {
            all.forEach(ConnectionPool::closeQuietly);
            all.clear();
        }
        idle.clear();
    }
}
