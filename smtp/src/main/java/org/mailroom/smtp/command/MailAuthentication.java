package org.mailroom.smtp.command;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.mailroom.delivery.Envelope;
import org.mailroom.smtp.ListenerKind;
import org.mailroom.smtp.mailauth.AuthenticationResults;
import org.mailroom.smtp.mailauth.ForgedResultsFilter;
import org.mailroom.smtp.mailauth.InboundVerifier;
import org.mailroom.smtp.mailauth.MailAuthServices;
import org.mailroom.smtp.mailauth.PolicyAction;
import org.mailroom.smtp.mailauth.dkim.MessageHeader;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.Transaction;
import org.mailroom.spool.Spool;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MessageContent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mail authentication between the end of the message data and its delivery: on the MX, for clients
 * that are neither authenticated nor covered by a relay rule, SPF, DKIM and DMARC decide whether the
 * message is delivered (with our Authentication-Results field), refused or deferred; on submissions
 * (any authenticated session) and from relay-rule networks the message is DKIM-signed. The message stays in its spool: the stored
 * content is a view that prepends the added fields to it.
 */
final class MailAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(MailAuthentication.class);

    /**
     * What to deliver, or the refusal instead.
     *
     * @param junk the recipients' Junk mailbox was asked for (DMARC quarantine)
     */
    record Checked(MessageContent content, Optional<Reply> refusal, boolean junk) {
    }

    private MailAuthentication() {
    }

    static Checked apply(SessionContext session, Transaction tx, Spool spool, String id) throws IOException {
        Optional<MailAuthServices> auth = session.services().mailAuth();
        if (auth.isEmpty()) {
            return new Checked(spool, Optional.empty(), false);
        }
        boolean relayNetwork = session.services().delivery().mayRelay(session.client());
        if (session.user().isPresent() || relayNetwork) {
            // Our users and our relay-rule networks send as us: their mail of a local domain leaving over the
            // queue is signed (issue 7: "every message from a local domain leaving over the outbound queue"),
            // and never checked: RFC 7489 §6.7 leaves local policy to the receiver.
            return new Checked(signed(session, auth.get(), tx.envelope(), spool, id), Optional.empty(), false);
        }
        if (session.kind() != ListenerKind.MX || !auth.get().config().enabled()) {
            return new Checked(spool, Optional.empty(), false);
        }
        return verified(session, auth.get(), tx, spool, id);
    }

    private static Checked verified(SessionContext session, MailAuthServices auth, Transaction tx, Spool spool,
                                    String id) throws IOException {
        AuthenticationResults results;
        try (InputStream in = spool.open()) {
            results = auth.inbound().verify(session.client(), session.helo(),
                    tx.sender().map(EmailAddress::toString).orElse(""), in);
        } catch (IOException | RuntimeException e) {
            // A failure inside the checks is a temporary error (RFC 8601 §2.7), never a lost message.
            LOG.warn("smtp session={} message={} mail authentication failed: {}", session.sessionId(), id,
                    e.toString());
            results = new AuthenticationResults(null, List.of(), null, auth.config().onTemporaryError(),
                    AuthenticationResults.FIELD + ": " + session.hostname()
                            + ";\r\n\tdmarc=temperror (verification failed)\r\n");
        }
        LOG.info("smtp session={} message={} mail authentication: {}", session.sessionId(), id,
                summary(results));
        String from = results.dmarc() == null ? "" : results.dmarc().fromDomain();
        return switch (results.action()) {
            // RFC 7489 §6.7 and §10.3: a reject policy is best honoured by refusing at the end of DATA.
            case REJECT -> new Checked(spool, Optional.of(Reply.of(550, "5.7.1", "Message rejected: "
                    + "it fails the DMARC policy of " + (from.isEmpty() ? "the sender domain" : from)
                    + ", which asks to reject such mail (RFC 7489 section 6.7)")), false);
            case DEFER -> new Checked(spool, Optional.of(Reply.of(451, "4.7.0",
                    "Temporary failure checking the sender's SPF, DKIM or DMARC records, try again later")), false);
            case JUNK, ACCEPT -> new Checked(withResults(results, session.hostname(), spool), Optional.empty(),
                    results.action() == PolicyAction.JUNK);
        };
    }

    private static String summary(AuthenticationResults r) {
        String all = r.header().substring(r.header().indexOf(';') + 1).replaceAll("\\s+", " ").strip();
        return all + " action=" + r.action().name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * The message behind our Authentication-Results field, forged ones claiming our host removed. Its
     * size is counted by reading it through once (streamed, never held in heap).
     */
    private static MessageContent withResults(AuthenticationResults results, String hostname, Spool spool)
            throws IOException {
        long size;
        try (InputStream in = ForgedResultsFilter.withResults(results, hostname, spool.open())) {
            size = in.transferTo(OutputStream.nullOutputStream());
        }
        return new MessageContent() {
            @Override
            public long size() {
                return size;
            }

            @Override
            public InputStream open() throws IOException {
                return ForgedResultsFilter.withResults(results, hostname, spool.open());
            }
        };
    }

    /**
     * A submission signed by the From domain's keys, when it leaves for another server or local mail is
     * to be signed too; local and remote recipients then get the same signed message. Signing that fails
     * leaves the message unsigned rather than losing it.
     */
    private static MessageContent signed(SessionContext session, MailAuthServices auth, Envelope envelope,
                                         Spool spool, String id) {
        boolean leaves = envelope.recipients().stream()
                .anyMatch(r -> !session.services().delivery().isLocalDomain(r.address().domain()));
        if (!leaves && !auth.config().signLocal()) {
            return spool;
        }
        try {
            Optional<String> domain;
            try (InputStream in = spool.open()) {
                domain = InboundVerifier.fromDomain(MessageHeader.read(in));
            }
            if (domain.isEmpty()) {
                return spool;
            }
            String fields;
            try (InputStream in = spool.open()) {
                fields = auth.signer().sign(domain.get(), in);
            }
            if (fields.isEmpty()) {
                return spool;
            }
            byte[] prefix = fields.getBytes(StandardCharsets.US_ASCII);
            return new MessageContent() {
                @Override
                public long size() {
                    return prefix.length + spool.size();
                }

                @Override
                public InputStream open() throws IOException {
                    return new SequenceInputStream(new ByteArrayInputStream(prefix), spool.open());
                }
            };
        } catch (IOException | RuntimeException e) {
            LOG.warn("smtp session={} message={} not DKIM-signed: {}", session.sessionId(), id, e.toString());
            return spool;
        }
    }
}
