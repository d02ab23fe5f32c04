package org.mailroom.store;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The outbound queue: remote recipients waiting for delivery, kept across restarts. */
public interface QueueStore {

    /** Queues a message the server itself writes (a bounce, a delay notice), in one transaction. */
    List<Long> enqueue(MessageContent content, List<QueuedRecipient> recipients, Instant now);

    /** Entries whose next attempt is due at {@code now}, oldest first. */
    List<QueueEntry> due(Instant now, int limit);

    List<QueueEntry> list();

    Optional<QueueEntry> find(long id);

    InputStream openContent(long id);

    /** Records a failed attempt and when to try again. */
    void deferred(long id, String error, Instant nextAttempt);

    /** Removes the entry (delivered, bounced or deleted); its content goes with its last reference. */
    void remove(long id);

    /** Makes entries due now: one, or all with {@code Optional.empty()}. @return how many */
    int retryNow(Optional<Long> id, Instant now);

    /**
     * One queued recipient.
     *
     * @param contentId the stored message this entry carries: entries with the same value share the same
     *     bytes (one delivery to several remote recipients), so the queue runner can send them in one
     *     SMTP transaction
     */
    record QueueEntry(long id, QueuedRecipient recipient, Instant created, Instant nextAttempt, int attempts,
                      Optional<String> lastError, long size, long contentId) {
    }
}
