package org.mailroom.store;

import java.util.function.Consumer;

/**
 * Delivers committed {@link MailboxEvent}s to the sessions of the account they concern. Listeners run
 * on the publishing thread and must only enqueue: they may not block or touch the store.
 */
public interface EventBus {

    Subscription subscribe(long accountId, Consumer<MailboxEvent> listener);

    void publish(MailboxEvent event);

    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
