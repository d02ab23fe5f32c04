package org.mailroom.imap.session;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * Runs one session's tasks one at a time, in order, on a shared pool: commands, store events woken
 * up for IDLE, and delayed replies. {@link #hold()} from inside a task stops the queue after it until
 * {@link #resume(Runnable)}, so a delayed reply stays ahead of every command pipelined behind it.
 */
public final class SerialExecutor implements Executor {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor pool;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    private boolean held;

    public SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    @Override
    public void execute(Runnable task) {
        synchronized (this) {
            queue.addLast(task);
            if (running || held) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    /** Called by the running task: nothing else runs after it until {@link #resume}. */
    public synchronized void hold() {
        held = true;
    }

    /** Runs {@code first}, then what queued up while held. */
    public void resume(Runnable first) {
        synchronized (this) {
            held = false;
            queue.addFirst(first);
            if (running) {
                return;
            }
            running = true;
        }
        pool.execute(this::drain);
    }

    public synchronized int pending() {
        return queue.size();
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                if (held || queue.isEmpty()) {
                    running = false;
                    return;
                }
                next = queue.pollFirst();
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                // A task that fails must not stop the tasks behind it (the session's close among them).
                LOG.error("imap session task failed", e);
            }
        }
    }
}
