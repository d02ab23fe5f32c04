package org.mailroom.smtp.command;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.mailroom.delivery.DeliveryReport;
import org.mailroom.delivery.DeliveryReport.RecipientResult;
import org.mailroom.delivery.Envelope;
import org.mailroom.delivery.Outcome;
import org.mailroom.smtp.outbound.Bounces;
import org.mailroom.smtp.protocol.DataReceiver;
import org.mailroom.smtp.protocol.MessageSink;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.Transaction;
import org.mailroom.spool.Spool;
import org.mailroom.spool.SpoolWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a transaction, shared by DATA and BDAT: the spool the content goes to, and the hand-over
 * to the delivery agent, whose commit comes before our 250 (RFC 5321 section 4.1.1.4, STYLE.md §15).
 */
final class MessageDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(MessageDelivery.class);

    /** Room for what the server adds to a message, beyond the client's SIZE limit. */
    private static final long ADDED_FIELDS_ALLOWANCE = 64 * 1024;

    static final Reply TOO_BIG = Reply.of(552, "5.3.4", "Message size exceeds fixed maximum message size");

    /**
     * Some recipients have the message, but the notice for the others could not be stored. A retry
     * brings duplicates to the first; a 250 would lose the others without a word, which RFC 5321 §6.1
     * forbids; a duplicate is the lesser harm (RFC 1047, "Duplicate messages and SMTP").
     */
    static final Reply BOUNCE_NOT_STORED = Reply.of(451, "4.3.0",
            "Temporary failure storing the message, try again later");

    private MessageDelivery() {
    }

    /** A queue id and a sink with the Received field (and on submission the missing fields) for a transaction. */
    static MessageSink open(SessionContext session, Transaction tx, String id) throws IOException {
        long max = session.config().maxMessageSize();
        SpoolWriter spool = new SpoolWriter(session.config().spoolDir(), max + ADDED_FIELDS_ALLOWANCE);
        MessageSink.HeaderFields missing = session.kind().submission()
                ? new MessageSink.HeaderFields(TraceFields.date(session), TraceFields.messageId(session))
                : null;
        return new MessageSink(spool, TraceFields.received(session, tx, id), max, missing);
    }

    /** Refuses or delivers the completed content and ends the transaction. */
    static Result finish(SessionContext session, Transaction tx, MessageSink sink, DataReceiver.Defect defect,
                         String id) {
        try (sink) {
            Optional<Reply> refusal = refusal(session, sink, defect);
            if (refusal.isPresent()) {
                log(session, tx, id, sink.contentSize(), refusal.get(), "");
                return Result.reply(refusal.get());
            }
            try (Spool spool = sink.finish()) {
                MailAuthentication.Checked checked = MailAuthentication.apply(session, tx, spool, id);
                if (checked.refusal().isPresent()) {
                    log(session, tx, id, sink.contentSize(), checked.refusal().get(), "");
                    return Result.reply(checked.refusal().get());
                }
                Envelope envelope = checked.junk() ? tx.envelope().toJunk() : tx.envelope();
                DeliveryReport report = session.services().delivery().deliver(envelope, checked.content());
                Reply reply = reply(report, id);
                if (!reply.isError() && !reportRefused(session, envelope, report, spool, id)) {
                    reply = BOUNCE_NOT_STORED;
                }
                if (!reply.isError()) {
                    session.messageAccepted();
                }
                log(session, tx, id, sink.contentSize(), reply, outcomes(report));
                return Result.reply(reply);
            }
        } catch (IOException e) {
            LOG.warn("smtp session={} message={} cannot spool: {}", session.sessionId(), id, e.toString());
            return Result.reply(Reply.of(451, "4.3.0", "Temporary failure storing the message, try again later"));
        } finally {
            session.resetTransaction();
        }
    }

    private static Optional<Reply> refusal(SessionContext session, MessageSink sink, DataReceiver.Defect defect) {
        if (sink.isOverLimit()) {
            // RFC 1870 §6.3 / RFC 5321 §4.5.3.1.10: refused after the whole transfer was read.
            return Optional.of(TOO_BIG);
        }
        return switch (defect) {
            case BARE_LINE_ENDING -> Optional.of(Reply.of(554, "5.6.0",
                    "Message refused: bare CR or LF in data; lines must end with CRLF (RFC 5321 section 2.3.8)"));
            case LINE_TOO_LONG -> Optional.of(Reply.of(554, "5.6.0", "Message refused: a line is longer than "
                    + session.config().maxTextLine() + " octets (RFC 5321 section 4.5.3.1.6)"));
            case NONE -> Optional.empty();
        };
    }

    /**
     * One reply for the whole message. Accepted when every recipient was delivered or queued; when none
     * was, the first failure decides. A mixed result (a mailbox filled up between RCPT and now) is
     * accepted for those committed, and the others get a failure notice ({@link #reportRefused}).
     */
    private static Reply reply(DeliveryReport report, String id) {
        List<RecipientResult> results = report.results();
        boolean any = results.stream().anyMatch(MessageDelivery::accepted);
        if (any) {
            return Reply.of(250, "2.0.0", "OK queued as " + id);
        }
        Outcome first = results.isEmpty() ? Outcome.TEMPORARY_FAILURE : results.get(0).outcome();
        return switch (first) {
            case UNKNOWN -> RcptCommand.UNKNOWN_USER;
            case OVER_QUOTA -> Reply.of(452, "4.2.2", "Mailbox full, try again later");
            case LOOP -> Reply.of(554, "5.4.6", "Mail loop detected");
            default -> Reply.of(451, "4.3.0", "Temporary failure storing the message, try again later");
        };
    }

    /**
     * After a 250 the server answers for every recipient (RFC 5321 section 4.2.5, §6.1): those the delivery
     * refused once RCPT had accepted them (a mailbox filled up meanwhile, a Delivered-To loop, an alias
     * removed) get an RFC 3464 failure notice to the sender.
     *
     * @return false when that notice could not be stored
     */
    private static boolean reportRefused(SessionContext session, Envelope envelope, DeliveryReport report,
                                         Spool spool, String id) {
        List<Bounces.Failure> failures = new ArrayList<>();
        for (int i = 0; i < report.results().size(); i++) {
            RecipientResult r = report.results().get(i);
            if (!accepted(r)) {
                failures.add(failure(envelope.recipients().get(i), r.outcome()));
            }
        }
        if (failures.isEmpty()) {
            return true;
        }
        boolean stored = session.services().bounces().failed(session.hostname(), envelope, failures, spool);
        if (!stored) {
            LOG.warn("smtp session={} message={} delivered in part; the failure notice for {} recipients could "
                    + "not be stored, so the message is refused for a retry", session.sessionId(), id, failures.size());
        }
        return stored;
    }

    /** Permanent codes: the message is not kept for another try once its transaction has ended (RFC 3463). */
    private static Bounces.Failure failure(Envelope.Recipient recipient, Outcome outcome) {
        return switch (outcome) {
            case OVER_QUOTA -> new Bounces.Failure(recipient, "5.2.2", "mailbox full");
            case LOOP -> new Bounces.Failure(recipient, "5.4.6",
                    "mail loop: the message was already delivered to this mailbox");
            case UNKNOWN -> new Bounces.Failure(recipient, "5.1.1", "no such user here");
            default -> new Bounces.Failure(recipient, "5.3.0", "the mail system could not store the message");
        };
    }

    private static boolean accepted(RecipientResult r) {
        return r.outcome() == Outcome.DELIVERED || r.outcome() == Outcome.QUEUED;
    }

    private static String outcomes(DeliveryReport report) {
        return report.results().stream().map(r -> r.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .collect(Collectors.groupingBy(s -> s, java.util.TreeMap::new, Collectors.counting()))
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }

    /** STYLE.md: one line per message, never its content. */
    private static void log(SessionContext session, Transaction tx, String id, long size, Reply reply, String outcomes) {
        LOG.info("smtp session={} message={} from=<{}> recipients={} size={} reply={} {}", session.sessionId(), id,
                tx.sender().map(Object::toString).orElse(""), tx.recipientCount(), size, reply.code(), outcomes);
    }
}
