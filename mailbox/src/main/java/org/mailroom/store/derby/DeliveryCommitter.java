package org.mailroom.store.derby;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of deliveries. Every durable commit waits for a synchronous write of Derby's log
 * (0.2–30 ms on the disks measured), and each delivery committed alone also pays Derby's per-transaction
 * work and holds a pooled connection through that wait. Here the deliveries waiting at one moment, from
 * every session, are written in one transaction; each caller gets its answer only after that transaction
 * has committed (STYLE.md §15: no 250 before the commit).
 *
 * <p>There is no committer thread: a caller that finds a transaction slot free leads, writing every
 * delivery waiting at that moment (its own among them) and waking the callers it committed for; a
 * caller that finds both slots busy waits, to be either committed by a leader or woken to lead when a
 * slot frees with deliveries still waiting. With few concurrent sessions most deliveries are their own
 * leader and pay no hand-over to another thread and back (two thread switches per message, which the
 * benchmark measured at 10 sessions); with many, the groups grow while a slot writes.
 *
 * <p>A group that fails (a quota filled by the group as a whole, a bad message, a database error) is
 * not the fault of every member: each is then committed again alone, so that one bad message never
 * fails another, and each caller hears its own outcome.
 *
 * <p>Leaders lock rows in one order (accounts, then mailboxes, by id; see {@link MessageRows}), so
 * concurrent groups wait for each other rather than deadlock.
 *
 * @param <T> what one delivery needs written
 * @param <R> what a written delivery returns to its caller
 */
final class DeliveryCommitter<T, R> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryCommitter.class);
    /** Deliveries in one transaction at most: bounds the transaction's locks and log records. */
    static final int MAX_GROUP = 64;
    private static final long CLOSE_WAIT_MILLIS = 30_000;

    /** Writes deliveries in the open transaction; returns one result per delivery, in order. */
    interface Writer<T, R> {
        List<R> write(Transactions.Tx tx, List<T> deliveries) throws java.sql.SQLException, java.io.IOException;
    }

    private record Pending<T, R>(T delivery, CompletableFuture<R> done, Thread caller) {
    }

    private final Transactions tx;
    private final Writer<T, R> writer;
    private final int slots;
    /** Transactions that may be open at once: one writes while another waits for its log flush. */
    private final Semaphore free;
    private final ConcurrentLinkedQueue<Pending<T, R>> waiting = new ConcurrentLinkedQueue<>();
    private boolean closed;

    /** {@code slots} transactions may be open at once. */
    DeliveryCommitter(Transactions tx, Writer<T, R> writer, int slots) {
        this.tx = tx;
        this.writer = writer;
        this.slots = slots;
        this.free = new Semaphore(slots);
    }

    /**
     * Writes the delivery in a transaction shared with others waiting meanwhile; returns after that
     * transaction committed, with this delivery's result, or throws what committing it alone threw.
     */
    R commit(T delivery) {
        Pending<T, R> p = new Pending<>(delivery, new CompletableFuture<>(), Thread.currentThread());
        synchronized (this) {
            if (closed) {
                throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "the store is closed");
            }
            waiting.add(p);
        }
        // The delivery commits or fails either way, and the caller must know which: an interrupt waits
        // until the end, and a caller never leads with one pending (Derby may give up its work on it).
        boolean interrupted = Thread.interrupted();
        while (!p.done().isDone()) {
            if (free.tryAcquire()) {
                try {
                    lead();
                } finally {
                    free.release();
                }
                wakeNextLeader();
            } else {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return result(p.done());
    }

    /** Writes what is waiting now (up to {@link #MAX_GROUP}) in one transaction. */
    private void lead() {
        List<Pending<T, R>> group = new ArrayList<>();
        Pending<T, R> next;
        while (group.size() < MAX_GROUP && (next = waiting.poll()) != null) {
            group.add(next);
        }
        commitQuietly(group);
    }

    /** A slot just freed: a caller still waiting to be written is woken to lead the next group. */
    private void wakeNextLeader() {
        Pending<T, R> head = waiting.peek();
        if (head != null) {
            LockSupport.unpark(head.caller());
        }
    }

    private static <R> R result(CompletableFuture<R> done) {
        try {
            return done.getNow(null);
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "delivery failed", e.getCause());
        }
    }

    private void commitQuietly(List<Pending<T, R>> group) {
        if (group.isEmpty()) {
            return;
        }
        try {
            commitGroup(group);
        } catch (Throwable e) {
            // Never leave a caller waiting: whoever has no answer yet gets this failure.
            for (Pending<T, R> p : group) {
                p.done().completeExceptionally(e);
            }
            if (e instanceof Error err) {
                throw err;
            }
        } finally {
            for (Pending<T, R> p : group) {
                LockSupport.unpark(p.caller());
            }
        }
    }

    /**
     * Writes these deliveries together on the calling thread, as a committer writes a group it took;
     * for tests of the fallback. The futures are complete when this returns.
     */
    List<CompletableFuture<R>> commitTogether(List<T> deliveries) {
        List<Pending<T, R>> group = new ArrayList<>();
        for (T d : deliveries) {
            group.add(new Pending<>(d, new CompletableFuture<>(), Thread.currentThread()));
        }
        commitGroup(group);
        return group.stream().map(Pending::done).toList();
    }

    private void commitGroup(List<Pending<T, R>> group) {
        if (group.size() > 1) {
            List<T> deliveries = new ArrayList<>(group.size());
            for (Pending<T, R> p : group) {
                deliveries.add(p.delivery());
            }
            List<R> results;
            try {
                results = tx.run("deliver " + group.size() + " messages", t -> writer.write(t, deliveries));
            } catch (RuntimeException e) {
                LOG.debug("a group of {} deliveries failed ({}); committing each alone", group.size(), e.toString());
                results = null;
            }
            if (results != null) {
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).done().complete(results.get(i));
                }
                return;
            }
        }
        for (Pending<T, R> p : group) {
            commitAlone(p);
        }
    }

    private void commitAlone(Pending<T, R> p) {
        try {
            p.done().complete(tx.run("deliver", t -> writer.write(t, List.of(p.delivery()))).get(0));
        } catch (RuntimeException e) {
            p.done().completeExceptionally(e);
        }
    }

    /** Refuses new deliveries and waits (at most 30 s) for those already handed over to be written. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
        try {
            // Every slot back and nothing waiting: each caller leads or is led until its delivery is written.
            while (!(waiting.isEmpty() && free.availablePermits() == slots)) {
                if (System.currentTimeMillis() > deadline) {
                    LOG.warn("closing with deliveries still being written");
                    return;
                }
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
