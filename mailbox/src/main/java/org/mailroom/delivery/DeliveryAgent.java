package org.mailroom.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.mailroom.delivery.DeliveryReport.RecipientResult;
import org.mailroom.mime.MessageStructure;
import org.mailroom.store.Account;
import org.mailroom.store.Cidr;
import org.mailroom.store.DeliveryBatch;
import org.mailroom.store.DeliveryBatch.LocalCopy;
import org.mailroom.store.DeliveryStore;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.QueuedRecipient;
import org.mailroom.store.Quota;
import org.mailroom.store.SpecialUse;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The internal delivery agent (MDA): resolves every recipient, checks quotas and loops, and commits
 * the message for all local recipients and the queue entries for remote ones in one transaction
 * (DESIGN.md, "The path of a message"). Nothing is reported delivered before that commit returns.
 *
 * <p>Each local account receives one copy however many envelope recipients lead to it. A copy's own
 * {@code Return-Path} and {@code Delivered-To} lines are stored with the copy; the content is stored once.
 */
public final class DeliveryAgent implements DeliveryPort {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAgent.class);

    private final DeliveryStore store;
    private final DeliveryConfig config;
    private final Clock clock;
    private final RecipientResolver resolver;

    public DeliveryAgent(DeliveryStore store, DeliveryConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.resolver = new RecipientResolver(store, config);
    }

    @Override
    public boolean isLocalDomain(String domain) {
        return store.isLocalDomain(domain.toLowerCase(Locale.ROOT));
    }

    @Override
    public RecipientCheck check(EmailAddress recipient) {
        Resolution r = resolver.resolve(recipient);
        if (r.isUnknown()) {
            return RecipientCheck.UNKNOWN;
        }
        if (r.accounts().isEmpty() && !isLocalDomain(recipient.domain())) {
            return RecipientCheck.REMOTE;
        }
        for (Account a : r.accounts()) {
            if (!admits(a, 0)) {
                return RecipientCheck.OVER_QUOTA;
            }
        }
        return RecipientCheck.LOCAL;
    }

    @Override
    public boolean mayRelay(InetAddress client) {
        for (Cidr rule : store.relayRules()) {
            if (rule.contains(client)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean maySendAs(EmailAddress user, EmailAddress sender) {
        for (EmailAddress candidate : resolver.candidates(sender)) {
            if (candidate.key().equals(user.key())) {
                return true;
            }
        }
        return store.aliasesTargeting(user).stream()
                .anyMatch(alias -> !alias.isCatchAll() && alias.source().equals(sender.key()));
    }

    @Override
    public DeliveryReport deliver(Envelope envelope, MessageContent content) {
        try {
            return attempt(envelope, content, true);
        } catch (IOException | StoreException e) {
            LOG.warn("delivery failed, nothing committed: {}", e.toString());
            return allRecipients(envelope, Outcome.TEMPORARY_FAILURE);
        }
    }

    private DeliveryReport attempt(Envelope envelope, MessageContent content, boolean retryOnQuotaRace)
            throws IOException {
        HeaderScan header;
        try (InputStream in = content.open()) {
            header = HeaderScan.of(in);
        }
        if (header.receivedCount() > config.maxReceivedHeaders()) {
            LOG.info("refused: {} Received fields, a mail loop", header.receivedCount());
            return allRecipients(envelope, Outcome.LOOP);
        }
        String returnPath = envelope.sender().map(EmailAddress::toString).orElse("");
        // The store files a copy whose mailbox is gone into INBOX instead.
        MailboxName target = envelope.junk() ? SpecialUse.JUNK.defaultName() : MailboxName.INBOX;

        Map<Long, LocalCopy> copies = new LinkedHashMap<>();
        List<QueuedRecipient> queued = new ArrayList<>();
        List<RecipientResult> results = new ArrayList<>();
        for (Envelope.Recipient rcpt : envelope.recipients()) {
            Resolution r = resolver.resolve(rcpt.address());
            Outcome outcome = outcomeOf(r, header, content.size(), returnPath, target, copies);
            if (outcome == Outcome.DELIVERED || outcome == Outcome.QUEUED) {
                for (EmailAddress remote : r.remote()) {
                    queued.add(queueEntry(envelope, rcpt, remote));
                }
            }
            results.add(new RecipientResult(rcpt.address(), outcome));
        }
        if (copies.isEmpty() && queued.isEmpty()) {
            return new DeliveryReport(results);
        }
        MessageStructure structure;
        try (InputStream in = content.open()) {
            structure = MessageStructure.parse(in);
        }
        try {
            store.commit(new DeliveryBatch(content, structure, List.copyOf(copies.values()), queued, clock.instant()));
        } catch (StoreException e) {
            if (e.error() == StoreError.OVER_QUOTA && retryOnQuotaRace) {
                // Another delivery filled a mailbox between our check and our commit: decide again.
                return attempt(envelope, content, false);
            }
            throw e;
        }
        // Debug: the protocol that handed the message over logs one line per message already.
        LOG.debug("delivered size={} local={} queued={} from=<{}>", content.size(), copies.size(), queued.size(),
                returnPath);
        return new DeliveryReport(results, queued.size());
    }

    private Outcome outcomeOf(Resolution r, HeaderScan header, long size, String returnPath, MailboxName target,
                              Map<Long, LocalCopy> copies) {
        if (r.isUnknown()) {
            return Outcome.UNKNOWN;
        }
        if (r.accounts().isEmpty()) {
            return Outcome.QUEUED;
        }
        int deliverable = 0;
        for (Account a : r.accounts()) {
            if (header.deliveredTo().contains(a.address().key())) {
                // Postfix's rule: a message that already went to this mailbox is looping through an alias.
                return Outcome.LOOP;
            }
            if (copies.containsKey(a.id())) {
                deliverable++;
                continue;
            }
            byte[] prefix = HeaderScan.prefix(returnPath, a.address().toString());
            if (!admits(a, size + prefix.length)) {
                LOG.info("account {} is over quota", a.id());
                continue;
            }
            copies.put(a.id(), new LocalCopy(a.id(), target, prefix, Flags.NONE));
            deliverable++;
        }
        if (deliverable == 0) {
            // Every local target is full: refuse unless part of an alias goes on to remote addresses.
            return r.remote().isEmpty() ? Outcome.OVER_QUOTA : Outcome.QUEUED;
        }
        return Outcome.DELIVERED;
    }

    /**
     * Whether the account can take {@code size} more bytes now. An account without limits needs no
     * look at its usage (a query per recipient at RCPT and again at delivery); the commit checks
     * every limit again inside its transaction anyway.
     */
    private boolean admits(Account a, long size) {
        return a.quota().equals(Quota.UNLIMITED) || a.quota().admits(store.usage(a.id()), size);
    }

    private static QueuedRecipient queueEntry(Envelope envelope, Envelope.Recipient rcpt, EmailAddress remote) {
        Optional<String> orcpt = rcpt.originalRecipient();
        if (orcpt.isEmpty() && !remote.equals(rcpt.address())) {
            // Forwarded through an alias: a DSN should name the address the sender used (RFC 3461 §4.2).
            orcpt = Optional.of("rfc822;" + rcpt.address());
        }
        return new QueuedRecipient(envelope.sender(), remote, rcpt.notifyOn(), orcpt, envelope.envelopeId(),
                envelope.returnHeadersOnly());
    }

    private static DeliveryReport allRecipients(Envelope envelope, Outcome outcome) {
        return new DeliveryReport(envelope.recipients().stream()
                .map(r -> new RecipientResult(r.address(), outcome)).toList());
    }
}
