package org.mailroom.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.mailroom.mime.MessageStructure;

/**
 * The base of the store contract suites: every implementation of {@link MailStore} runs the same
 * abstract tests by providing {@link #newStore()}, an empty store (no domain, no account).
 */
public abstract class StoreContract {

    protected static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    protected MailStore store;
    protected final List<MailboxEvent> events = new ArrayList<>();

    /** A fresh, empty store; closed by the suite after each test. */
    protected abstract MailStore newStore();

    @BeforeEach
    void openStore() {
        store = newStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static EmailAddress addr(String text) {
        return EmailAddress.parse(text);
    }

    /** Adds the account, and its domain first if need be; listens to its events. */
    protected Account user(String address) {
        return user(address, Quota.UNLIMITED);
    }

    protected Account user(String address, Quota quota) {
        EmailAddress a = addr(address);
        if (!store.admin().domains().contains(a.domain())) {
            store.admin().addDomain(a.domain());
        }
        Account account = store.admin().addAccount(a, "hash:" + address, "scram:" + address, quota);
        store.events().subscribe(account.id(), events::add);
        return account;
    }

    protected UserMailboxes boxes(Account a) {
        return store.mailboxes().of(a.id());
    }

    protected long mailboxId(Account a, String name) {
        return boxes(a).find(MailboxName.of(name)).orElseThrow().id();
    }

    protected static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected static MessageStructure structureOf(TestContent content) {
        try {
            return MessageStructure.parse(content.open());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A delivery of {@code content} to the INBOX of each account, with a Delivered-To prefix each. */
    protected static DeliveryBatch delivery(TestContent content, List<QueuedRecipient> queued, Account... to) {
        List<DeliveryBatch.LocalCopy> copies = new ArrayList<>();
        for (Account a : to) {
            copies.add(new DeliveryBatch.LocalCopy(a.id(), MailboxName.INBOX, prefix(a), Flags.NONE));
        }
        return new DeliveryBatch(content, structureOf(content), copies, queued, T0);
    }

    protected static byte[] prefix(Account a) {
        return ("Delivered-To: " + a.address() + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    protected long deliver(Account a, String subject) {
        return store.delivery().commit(delivery(TestContent.message(subject, "body of " + subject), List.of(), a)).get(0);
    }

    protected UserMailboxes.Appended append(Account a, String mailbox, String subject, Flags flags) {
        return boxes(a).append(MailboxName.of(mailbox), TestContent.message(subject, "text"), flags, T0);
    }

    protected static QueuedRecipient remote(String to) {
        return QueuedRecipient.plain(Optional.of(addr("sender@example.org")), addr(to));
    }
}
