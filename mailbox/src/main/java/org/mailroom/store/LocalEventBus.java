package org.mailroom.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The in-process {@link EventBus}: enough while every session shares the store's JVM. */
public final class LocalEventBus implements EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(LocalEventBus.class);
    private final Map<Long, List<Consumer<MailboxEvent>>> listeners = new ConcurrentHashMap<>();

    @Override
    public Subscription subscribe(long accountId, Consumer<MailboxEvent> listener) {
        listeners.computeIfAbsent(accountId, k -> new CopyOnWriteArrayList<>()).add(listener);
        return () -> listeners.computeIfPresent(accountId, (k, list) -> {
            list.remove(listener);
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void publish(MailboxEvent event) {
        List<Consumer<MailboxEvent>> list = listeners.get(event.accountId());
        if (list == null) {
            return;
        }
        for (Consumer<MailboxEvent> l : list) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("event listener failed on {}", event.getClass().getSimpleName(), e);
            }
        }
    }
}
