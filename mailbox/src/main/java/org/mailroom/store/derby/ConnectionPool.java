package org.mailroom.store.derby;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small pool of JDBC connections, each in manual-commit mode at READ COMMITTED. A connection is
 * lent to one transaction, or to one open content stream, at a time.
 */
final class ConnectionPool implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    /** Opens a fresh, fully set-up connection. */
    interface Factory {
        Connection open() throws SQLException;
    }

    private final Factory factory;
    private final Semaphore permits;
    private final long waitMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ConnectionPool(Factory factory, int size, long waitMillis) {
        this.factory = factory;
        this.permits = new Semaphore(size);
        this.waitMillis = waitMillis;
    }

    Connection borrow() throws SQLException {
        if (closed) {
            throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "the store is closed");
        }
        try {
            if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "no database connection free");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "interrupted waiting for a connection");
        }
        try {
            Connection c = idle.pollFirst();
            return c != null ? c : factory.open();
        } catch (SQLException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Takes a connection back; a broken one (or any after close) is closed instead of kept. */
    void release(Connection c, boolean broken) {
        try {
            if (broken || closed) {
                closeQuietly(c);
            } else {
                idle.addFirst(c);
                if (closed && idle.remove(c)) {
                    closeQuietly(c);
                }
            }
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            if (!c.isClosed()) {
                c.rollback();
                c.close();
            }
        } catch (SQLException e) {
            LOG.debug("closing a database connection failed", e);
        }
    }
}
