package org.mailroom.smtp.listener;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.filterchain.IoFilterEvent;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoEventType;
import org.apache.mina.core.session.IoSession;

/**
 * Hands a session's events to the workers (an ordered executor: one session's events run one at a
 * time, in order), except those the handler answers at once from the session's own state, which run on
 * the I/O thread that read them.
 *
 * <p>STYLE.md §9 keeps blocking work off the I/O threads: a delivery waits for the store, a recipient
 * may need a directory query, AUTH hashes a password. But most of an SMTP session is answered from
 * memory (the greeting, EHLO, DATA's 354, QUIT, the end of the session), and handing each of those to
 * a worker and its reply back to the I/O thread cost two thread switches: at 10 concurrent sessions the
 * benchmark measured 26 context switches per message, more server CPU than the delivery itself.
 *
 * <p>An event runs in place only while none of the session's events is queued for or running in a
 * worker; otherwise it queues behind them, so the session still sees its events in order. Only the I/O
 * thread queues a session's events, so a count of zero read there stays zero until it queues another.
 */
final class QuickOrWorkerFilter extends IoFilterAdapter {

    /** Whether a received message can be handled at once, without blocking. */
    interface Quick {
        boolean answersAtOnce(IoSession session, Object message);
    }

    private static final AttributeKey IN_WORKERS = new AttributeKey(QuickOrWorkerFilter.class, "inWorkers");

    private final Executor workers;
    private final Quick quick;

    QuickOrWorkerFilter(Executor workers, Quick quick) {
        this.workers = workers;
        this.quick = quick;
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) {
        handle(next, IoEventType.SESSION_OPENED, session, null, () -> true);
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) {
        handle(next, IoEventType.MESSAGE_RECEIVED, session, message, () -> quick.answersAtOnce(session, message));
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) {
        handle(next, IoEventType.SESSION_CLOSED, session, null, () -> true);
    }

    @Override
    public void sessionIdle(NextFilter next, IoSession session, IdleStatus status) {
        handle(next, IoEventType.SESSION_IDLE, session, status, () -> false);
    }

    @Override
    public void exceptionCaught(NextFilter next, IoSession session, Throwable cause) {
        handle(next, IoEventType.EXCEPTION_CAUGHT, session, cause, () -> false);
    }

    /**
     * Runs the event here if nothing of its session is with the workers and {@code atOnce} says it may
     * (asked only then: it takes the session's lock), else queues it for the workers.
     */
    private void handle(NextFilter next, IoEventType type, IoSession session, Object parameter,
                        BooleanSupplier atOnce) {
        AtomicInteger inWorkers = inWorkers(session);
        if (inWorkers.get() == 0 && atOnce.getAsBoolean()) {
            new IoFilterEvent(next, type, session, parameter).fire();
            return;
        }
        inWorkers.incrementAndGet();
        workers.execute(new IoFilterEvent(next, type, session, parameter) {
            @Override
            public void fire() {
                try {
                    super.fire();
                } finally {
                    inWorkers.decrementAndGet();
                }
            }
        });
    }

    private static AtomicInteger inWorkers(IoSession session) {
        AtomicInteger n = (AtomicInteger) session.getAttribute(IN_WORKERS);
        if (n == null) {
            n = new AtomicInteger();
            AtomicInteger earlier = (AtomicInteger) session.setAttributeIfAbsent(IN_WORKERS, n);
            if (earlier != null) {
                n = earlier;
            }
        }
        return n;
    }
}
