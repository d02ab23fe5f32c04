package org.mailroom.store.derby;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit of deliveries. Every durable commit waits for a synchronous write of Derby's log
 * (5–30 ms on the disks measured), and each delivery committed alone also pays Derby's per-transaction
 * work and holds a pooled connection through that wait. Here a few committer threads each take all
 * the deliveries waiting at that moment, from every session, and write them in one transaction; each
 * caller gets its answer only after that transaction has committed (STYLE.md §15: no 250 before the
 * commit).
 *
 * <p>A group that fails (a quota filled by the group as a whole, a bad message, a database error) is
 * not the fault of every member: each is then committed again alone, so that one bad message never
 * fails another, and each caller hears its own outcome.
 *
 * <p>Committers lock rows in one order (accounts, then mailboxes, by id; see {@link MessageRows}), so
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

    private record Pending<T, R>(T delivery, CompletableFuture<R> done) {
    }

    private final Transactions tx;
    private final Writer<T, R> writer;
    private final int committers;
    private final LinkedBlockingQueue<Pending<T, R>> waiting = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private boolean closed;

    /** {@code committers} transactions may be open at once (one writes while another waits for its log flush). */
    DeliveryCommitter(Transactions tx, Writer<T, R> writer, int committers) {
        this.tx = tx;
        this.writer = writer;
        this.committers = committers;
    }

    /**
     * Writes the delivery in a transaction shared with others waiting meanwhile; returns after that
     * transaction committed, with this delivery's result, or throws what committing it alone threw.
     */
    R commit(T delivery) {
        Pending<T, R> p = new Pending<>(delivery, new CompletableFuture<>());
        synchronized (this) {
            if (closed) {
                throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "the store is closed");
            }
            startCommitters();
            waiting.add(p);
        }
        return await(p.done());
    }

    /** Waits even when interrupted: the delivery commits or fails either way, and the caller must know which. */
    private static <R> R await(CompletableFuture<R> done) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "delivery failed", e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Started at the first delivery: a store that never delivers (the admin tool's) runs no thread. */
    private void startCommitters() {
        if (!threads.isEmpty()) {
            return;
        }
        for (int i = 0; i < committers; i++) {
            Thread t = new Thread(this::run, "delivery-commit-" + (i + 1));
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
    }

    private void run() {
        while (true) {
            Pending<T, R> first;
            try {
                first = waiting.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                first = null;
            }
            if (first == null) {
                synchronized (this) {
                    // Nothing is added once closed is set, so an empty queue stays empty.
                    if (closed && waiting.isEmpty()) {
                        return;
                    }
                }
                continue;
            }
            List<Pending<T, R>> group = new ArrayList<>();
            group.add(first);
            waiting.drainTo(group, MAX_GROUP - 1);
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
            group.add(new Pending<>(d, new CompletableFuture<>()));
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

    /** Lets the committers finish every delivery already handed over, then stops them. */
    @Override
    public void close() {
        List<Thread> running;
        synchronized (this) {
            closed = true;
            running = List.copyOf(threads);
        }
        long deadline = System.currentTimeMillis() + CLOSE_WAIT_MILLIS;
        for (Thread t : running) {
            try {
                t.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
