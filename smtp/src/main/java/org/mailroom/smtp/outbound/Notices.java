package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailroom.delivery.DeliveryPort;
import org.mailroom.delivery.DeliveryReport;
import org.mailroom.delivery.Envelope;
import org.mailroom.delivery.Outcome;
import org.mailroom.smtp.outbound.DsnWriter.Action;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MessageContent;
import org.mailroom.store.QueueStore;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient.DsnNotify;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends delivery status notifications to the envelope sender through the delivery agent: into a local
 * mailbox, or into the queue for a remote sender, always from the null sender so that a notice is
 * never answered by another (RFC 5321 §4.5.5, RFC 3461 §6.2).
 */
final class Notices {

    private static final Logger LOG = LoggerFactory.getLogger(Notices.class);

    private final DsnWriter writer;
    private final DeliveryPort delivery;
    private final QueueStore queue;

    Notices(DsnWriter writer, DeliveryPort delivery, QueueStore queue) {
        this.writer = writer;
        this.delivery = delivery;
        this.queue = queue;
    }

    /** Whether the recipient's NOTIFY asks for this action; absent NOTIFY means FAILURE,DELAY (RFC 3461 §4.1). */
    static boolean wanted(Set<DsnNotify> notify, Action action) {
        if (notify.contains(DsnNotify.NEVER)) {
            return false;
        }
        Set<DsnNotify> effective = notify.isEmpty() ? Set.of(DsnNotify.FAILURE, DsnNotify.DELAY) : notify;
        return switch (action) {
            case FAILED -> effective.contains(DsnNotify.FAILURE);
            case DELAYED -> effective.contains(DsnNotify.DELAY);
            case RELAYED -> effective.contains(DsnNotify.SUCCESS);
        };
    }

    /**
     * Sends one notice for these recipients of one message, those whose NOTIFY asks for it.
     *
     * @return false only when the notice could not be handed over for now and should be tried again
     */
    boolean send(Action action, List<RecipientResult> results, Optional<Instant> willRetryUntil) {
        List<RecipientResult> wanted = results.stream()
                .filter(r -> wanted(r.entry().recipient().notifyOn(), action)).toList();
        if (wanted.isEmpty()) {
            return true;
        }
        Optional<EmailAddress> sender = wanted.get(0).entry().recipient().sender();
        if (sender.isEmpty()) {
            LOG.info("no {} notice: the message has the null sender", action.value);
            return true;
        }
        byte[] dsn;
        QueueEntry first = wanted.get(0).entry();
        try (InputStream original = queue.openContent(first.id())) {
            dsn = writer.write(action, first.created(), wanted.stream().map(r -> r.forNotice(action)).toList(),
                    original, first.size(), willRetryUntil);
        } catch (IOException | StoreException e) {
            LOG.warn("cannot read queue entry {} for its {} notice: {}", first.id(), action.value, e.toString());
            return false;
        }
        return handOver(delivery, sender.get(), dsn, action.value + " notice for queue entry " + first.id());
    }

    /**
     * Delivers a notice to the sender from the null sender.
     *
     * @param what names the notice in the log
     * @return false only when the store failed and the notice should be tried again
     */
    static boolean handOver(DeliveryPort delivery, EmailAddress sender, byte[] dsn, String what) {
        Envelope envelope = new Envelope(Optional.empty(),
                List.of(new Envelope.Recipient(sender, Set.of(), Optional.empty())), Optional.empty(), false);
        DeliveryReport report = delivery.deliver(envelope, new Bytes(dsn));
        Outcome outcome = report.results().get(0).outcome();
        if (outcome == Outcome.TEMPORARY_FAILURE) {
            return false;
        }
        if (!report.allAccepted()) {
            // Nowhere to send it (the sender is unknown here, or over quota): a notice is not itself bounced.
            LOG.warn("{} to <{}> dropped: {}", what, sender, outcome);
        } else {
            LOG.info("{} sent to <{}>", what, sender);
        }
        return true;
    }

    record Bytes(byte[] bytes) implements MessageContent {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public InputStream open() {
            return new java.io.ByteArrayInputStream(bytes);
        }
    }
}
