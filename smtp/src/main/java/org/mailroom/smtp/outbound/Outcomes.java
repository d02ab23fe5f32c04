package org.mailroom.smtp.outbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailroom.smtp.outbound.DsnWriter.Action;
import org.mailroom.smtp.outbound.RecipientResult.Kind;
import org.mailroom.store.QueueStore;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient.DsnNotify;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what an attempt did in the queue: a delivered entry is removed, a failed one removed once its
 * bounce is stored, a deferred one waits along the retry schedule until the maximum age; with the
 * notices (failed, delayed, relayed) that each recipient's NOTIFY asks for.
 */
final class Outcomes {

    private static final Logger LOG = LoggerFactory.getLogger(Outcomes.class);

    private final OutboundConfig config;
    private final QueueStore queue;
    private final Clock clock;
    private final Notices notices;

    Outcomes(OutboundConfig config, QueueStore queue, Clock clock, Notices notices) {
        this.config = config;
        this.queue = queue;
        this.clock = clock;
        this.notices = notices;
    }

    /** Applies the outcome of one attempt to the store, with the notices it calls for. */
    void record(List<RecipientResult> results) {
        Instant now = clock.instant();
        List<RecipientResult> delivered = new ArrayList<>();
        List<RecipientResult> failed = new ArrayList<>();
        List<RecipientResult> deferred = new ArrayList<>();
        for (RecipientResult r : results) {
            switch (r.kind()) {
                case DELIVERED -> delivered.add(r);
                case PERMANENT -> failed.add(r);
                case TEMPORARY -> {
                    if (now.isBefore(r.entry().created().plus(config.maxAge()))) {
                        deferred.add(r);
                    } else {
                        failed.add(expired(r));
                    }
                }
            }
        }
        List<RecipientResult> relayed = delivered.stream().filter(r -> !r.dsnPassedOn()
                && r.entry().recipient().notifyOn().contains(DsnNotify.SUCCESS)).toList();
        if (!relayed.isEmpty()) {
            notices.send(Action.RELAYED, relayed, Optional.empty());
        }
        for (RecipientResult r : delivered) {
            LOG.info("delivered id={} to=<{}> relay={} reply={}", r.entry().id(), r.entry().recipient().recipient(),
                    r.remoteMta().orElse("-"), r.reason());
            remove(r.entry());
        }
        if (!failed.isEmpty()) {
            boolean sent = notices.send(Action.FAILED, failed, Optional.empty());
            for (RecipientResult r : failed) {
                LOG.info("failed id={} to=<{}> status={} reason={}", r.entry().id(), r.entry().recipient().recipient(),
                        r.status(), r.reason());
                if (sent) {
                    remove(r.entry());
                } else {
                    // The bounce itself could not be stored: keep the entry and decide again later.
                    defer(r.entry(), "bounce pending: " + r.reason(), now.plus(config.retryDelay(1)));
                }
            }
        }
        List<RecipientResult> late = deferred.stream().filter(r -> delayNoticeDue(r.entry(), now)).toList();
        if (!late.isEmpty()) {
            notices.send(Action.DELAYED, late, Optional.of(late.get(0).entry().created().plus(config.maxAge())));
        }
        for (RecipientResult r : deferred) {
            Duration wait = config.retryDelay(r.entry().attempts() + 1);
            String error = r.reply().isPresent() ? r.remoteMta().orElse("?") + " said: " + r.reason() : r.reason();
            LOG.info("deferred id={} to=<{}> status={} retry-in={} reason={}", r.entry().id(),
                    r.entry().recipient().recipient(), r.status(), wait, error);
            defer(r.entry(), error, now.plus(wait));
        }
    }

    /** RFC 3463 X.4.7: delivery time expired; the notice carries the last error too. */
    private RecipientResult expired(RecipientResult r) {
        return new RecipientResult(r.entry(), Kind.PERMANENT, "5.4.7", r.reply(),
                "gave up after " + config.maxAge().toDays() + " days in the queue; last error: " + r.reason(),
                r.remoteMta(), false);
    }

    /**
     * A delay notice goes out once: at the first failed attempt after the message has waited
     * {@code queue.delay-notice}. The previous attempt's time follows from the schedule.
     */
    private boolean delayNoticeDue(QueueEntry e, Instant now) {
        if (config.delayNotice().isZero()) {
            return false;
        }
        Instant threshold = e.created().plus(config.delayNotice());
        if (now.isBefore(threshold)) {
            return false;
        }
        if (e.attempts() == 0) {
            return true;
        }
        Instant previous = e.nextAttempt().minus(config.retryDelay(e.attempts()));
        return previous.isBefore(threshold);
    }

    private void remove(QueueEntry e) {
        try {
            queue.remove(e.id());
        } catch (StoreException ex) {
            // Deleted meanwhile (queue delete): nothing left to do.
            LOG.info("queue entry {} already gone: {}", e.id(), ex.getMessage());
        }
    }

    private void defer(QueueEntry e, String error, Instant next) {
        try {
            queue.deferred(e.id(), error, next);
        } catch (StoreException ex) {
            LOG.info("queue entry {} not deferred: {}", e.id(), ex.getMessage());
        }
    }
}
