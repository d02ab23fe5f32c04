package org.mailroom.smtp.outbound;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.mailroom.delivery.DeliveryPort;
import org.mailroom.delivery.Envelope;
import org.mailroom.smtp.outbound.DsnWriter.Action;
import org.mailroom.store.MessageContent;
import org.mailroom.store.QueuedRecipient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Failure notices for mail that was accepted and then could not be delivered to some of its recipients,
 * for the SMTP server: once it has answered 250 it is responsible for reporting what it cannot deliver
 * (RFC 5321 §4.2.5, §6.1). The notice is the queue's own RFC 3464 report, handed to the delivery port
 * from the null sender, so it lands in a local sender's mailbox or in the queue for a remote one.
 */
public final class Bounces {

    private static final Logger LOG = LoggerFactory.getLogger(Bounces.class);

    private final DeliveryPort delivery;
    private final Clock clock;

    public Bounces(DeliveryPort delivery, Clock clock) {
        this.delivery = delivery;
        this.clock = clock;
    }

    /**
     * A recipient the delivery refused.
     *
     * @param status the RFC 3463 enhanced status code, permanent (5.x.x): the notice says delivery failed
     * @param reason our own words for it, for the notice's text and its Diagnostic-Code
     */
    public record Failure(Envelope.Recipient recipient, String status, String reason) {
    }

    /**
     * Sends the envelope sender one failure notice for these recipients of one message: those whose
     * NOTIFY asks for failures (RFC 3461 §4.1), and never to the null sender (RFC 5321 §4.5.5).
     *
     * @param reportingMta the host name of the server that accepted the message
     * @param original the message as it was received, with the fields the server added
     * @return false when the notice could not be stored now; nothing of it was then committed
     */
    public boolean failed(String reportingMta, Envelope envelope, List<Failure> failures, MessageContent original) {
        List<DsnWriter.Recipient> wanted = failures.stream()
                .filter(f -> Notices.wanted(f.recipient().notifyOn(), Action.FAILED))
                .map(f -> new DsnWriter.Recipient(queued(envelope, f.recipient()), f.status(), f.reason(),
                        Optional.of("X-Mailroom; " + f.reason()), Optional.empty()))
                .toList();
        if (wanted.isEmpty()) {
            return true;
        }
        if (envelope.sender().isEmpty()) {
            LOG.info("no failure notice for {} recipients: the message has the null sender", wanted.size());
            return true;
        }
        byte[] dsn;
        try (InputStream in = original.open()) {
            dsn = new DsnWriter(reportingMta, clock).write(Action.FAILED, clock.instant(), wanted, in, original.size(),
                    Optional.empty());
        } catch (IOException e) {
            LOG.warn("cannot read the message for its failure notice: {}", e.toString());
            return false;
        }
        return Notices.handOver(delivery, envelope.sender().get(), dsn,
                "failure notice for " + wanted.size() + " of " + envelope.recipients().size() + " recipients");
    }

    /** The recipient as the report sees it: its address with its transaction's DSN parameters. */
    private static QueuedRecipient queued(Envelope envelope, Envelope.Recipient r) {
        return new QueuedRecipient(envelope.sender(), r.address(), r.notifyOn(), r.originalRecipient(),
                envelope.envelopeId(), envelope.returnHeadersOnly());
    }
}
