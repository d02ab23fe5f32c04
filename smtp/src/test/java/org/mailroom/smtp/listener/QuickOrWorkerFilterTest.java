package org.mailroom.smtp.listener;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.mina.core.filterchain.IoFilter.NextFilter;
import org.apache.mina.core.session.DummySession;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.junit.jupiter.api.Test;

/**
 * Which of a session's events run where they were read and which wait for a worker, and that a
 * session's events keep their order either way.
 */
class QuickOrWorkerFilterTest {

    /** Workers that run only when the test says so. */
    private final Deque<Runnable> workerQueue = new ArrayDeque<>();
    /** What reached the handler, in order, with where it ran. */
    private final List<String> handled = new ArrayList<>();
    private final QuickOrWorkerFilter filter = new QuickOrWorkerFilter(workerQueue::add,
            (session, message) -> ((String) message).startsWith("quick"));
    private final IoSession session = new DummySession();
    private boolean inWorker;
    private final NextFilter handler = (NextFilter) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {NextFilter.class}, (proxy, method, args) -> {
                String event = method.getName() + (method.getName().equals("messageReceived") ? " " + args[1] : "");
                handled.add(event + (inWorker ? " in a worker" : " at once"));
                return null;
            });

    private void runWorkers() {
        inWorker = true;
        while (!workerQueue.isEmpty()) {
            workerQueue.poll().run();
        }
        inWorker = false;
    }

    @Test
    void aQuickMessageRunsAtOnceWhenNothingOfItsSessionIsWithTheWorkers() {
        filter.sessionOpened(handler, session);
        filter.messageReceived(handler, session, "quick EHLO");

        assertThat(workerQueue).isEmpty();
        assertThat(handled).containsExactly("sessionOpened at once", "messageReceived quick EHLO at once");
    }

    @Test
    void aMessageThatMayBlockGoesToAWorker() {
        filter.messageReceived(handler, session, "slow RCPT");

        assertThat(handled).isEmpty();
        runWorkers();
        assertThat(handled).containsExactly("messageReceived slow RCPT in a worker");
    }

    @Test
    void aQuickMessageWaitsBehindItsSessionsEventsInAWorkerAndKeepsItsPlace() {
        filter.messageReceived(handler, session, "slow RCPT");
        filter.messageReceived(handler, session, "quick DATA");
        filter.sessionClosed(handler, session);

        assertThat(handled).as("nothing overtakes the event still with the workers").isEmpty();
        runWorkers();
        assertThat(handled).containsExactly("messageReceived slow RCPT in a worker",
                "messageReceived quick DATA in a worker", "sessionClosed in a worker");
    }

    @Test
    void onceTheWorkersAreDoneWithASessionItsQuickMessagesRunAtOnceAgain() {
        filter.messageReceived(handler, session, "slow RCPT");
        runWorkers();
        filter.messageReceived(handler, session, "quick QUIT");

        assertThat(workerQueue).isEmpty();
        assertThat(handled).containsExactly("messageReceived slow RCPT in a worker",
                "messageReceived quick QUIT at once");
    }

    @Test
    void anotherSessionsWorkDoesNotHoldThisOneBack() {
        IoSession other = new DummySession();
        filter.messageReceived(handler, other, "slow RCPT");
        filter.messageReceived(handler, session, "quick EHLO");

        assertThat(handled).containsExactly("messageReceived quick EHLO at once");
    }

    @Test
    void timeoutsAndErrorsAlwaysGoToAWorker() {
        filter.sessionIdle(handler, session, IdleStatus.READER_IDLE);
        filter.exceptionCaught(handler, session, new java.io.IOException("reset"));

        assertThat(handled).isEmpty();
        runWorkers();
        assertThat(handled).containsExactly("sessionIdle in a worker", "exceptionCaught in a worker");
    }
}
