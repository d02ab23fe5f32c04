package org.mailroom.store.derby;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.mailroom.store.EventBus;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs units of work in one transaction each: commit, or roll back on any failure; SQL failures
 * become {@link StoreException}s (details go to the log only); events are published after commit,
 * never while a database lock is held. A deadlock victim, or a transaction refused a lock (Derby's
 * identity-column generator refuses one when concurrent inserts contend for its next block of
 * values), is retried after a short random pause, since every unit of work can run again from the
 * start (content is re-read through {@code MessageContent.open()}).
 */
final class Transactions {

    private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
    private static final int ATTEMPTS = 5;
    private static final int MAX_PAUSE_MILLIS = 20;

    /** A unit of work; it may throw {@link StoreException} to fail with a reason the client may hear. */
    interface Work<T> {
        T run(Tx tx) throws SQLException, IOException;
    }

    /** The open transaction: its connection, and the events to publish once it has committed. */
    static final class Tx {
        private final Connection connection;
        private final List<MailboxEvent> events = new ArrayList<>();
        private boolean rollbackOnly;

        Tx(Connection connection) {
            this.connection = connection;
        }

        Connection connection() {
            return connection;
        }

        void afterCommit(MailboxEvent event) {
            events.add(event);
        }

        /** Ends the transaction with a rollback and no events: the work found nothing to change. */
        void rollbackOnly() {
            rollbackOnly = true;
        }
    }

    private final ConnectionPool pool;
    private final EventBus events;

    Transactions(ConnectionPool pool, EventBus events) {
        this.pool = pool;
        this.events = events;
    }

    ConnectionPool pool() {
        return pool;
    }

    /** Runs {@code work} in a transaction; {@code what} names it in the log. */
    <T> T run(String what, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            Connection c;
            try {
                c = pool.borrow();
            } catch (SQLException e) {
                throw unavailable(what, e);
            }
            boolean broken = false;
            Tx tx = new Tx(c);
            try {
                T result = work.run(tx);
                if (tx.rollbackOnly) {
                    c.rollback();
                    pool.release(c, false);
                    return result;
                }
                c.commit();
                pool.release(c, false);
                for (MailboxEvent e : tx.events) {
                    events.publish(e);
                }
                return result;
            } catch (SQLException e) {
                broken = rollback(c) || isFatal(e);
                pool.release(c, broken);
                if (isTransient(e) && attempt < ATTEMPTS) {
                    LOG.debug("{}: SQLState {} after {} ms, trying again", what, e.getSQLState(), (System.nanoTime() - started) / 1_000_000);
                    pause(attempt);
                    continue;
                }
                throw translate(what, e);
            } catch (IOException e) {
                broken = rollback(c);
                pool.release(c, broken);
                LOG.warn("{}: reading the message failed", what, e);
                throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "cannot read the message", e);
            } catch (RuntimeException | Error e) {
                broken = rollback(c);
                pool.release(c, broken);
                throw e;
            }
        }
    }

    /** Rolls back; true if the connection is unusable afterwards. */
    private static boolean rollback(Connection c) {
        try {
            c.rollback();
            return false;
        } catch (SQLException e) {
            LOG.debug("rollback failed", e);
            return true;
        }
    }

    /** A deadlock victim (40001) or a lock refused (40XL1): nothing was changed, the work may run again. */
    static boolean isTransient(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40XL1".equals(state);
    }

    /** A random pause growing with the attempt, so that the contenders do not collide again at once. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextInt(1, MAX_PAUSE_MILLIS * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "interrupted");
        }
    }

    /** Derby's session- or database-severity errors (and lost network connections) end the connection. */
    static boolean isFatal(SQLException e) {
        String state = e.getSQLState();
        return e.getErrorCode() >= 40000 || (state != null && state.startsWith("08"));
    }

    /** Maps an SQL failure to the store's error enum: SQLSTATE class 23 is a constraint violation. */
    static StoreException translate(String what, SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.equals("23505")) {
            return new StoreException(StoreError.ALREADY_EXISTS, what + ": it exists already", e);
        }
        if (state.equals("23503")) {
            return new StoreException(StoreError.NOT_FOUND, what + ": a referenced object does not exist", e);
        }
        return unavailable(what, e);
    }

    static StoreException unavailable(String what, SQLException e) {
        LOG.error("{}: database failure (SQLState {})", what, e.getSQLState(), e);
        return new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "the store is temporarily unavailable", e);
    }
}
