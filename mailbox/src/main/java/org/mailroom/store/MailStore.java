package org.mailroom.store;

/**
 * The whole store, handing each consumer only the narrow port it needs (STYLE.md §2): the delivery
 * agent its delivery view, POP3 maildrops, IMAP mailboxes, the CLI administration, the outbound
 * queue its entries. An implementation must publish {@link MailboxEvent}s only after commit.
 */
public interface MailStore extends AutoCloseable {

    DeliveryStore delivery();

    MaildropStore maildrops();

    MailboxStore mailboxes();

    AdminStore admin();

    CredentialStore credentials();

    QueueStore queue();

    /**
     * DKIM signing keys. A default that refuses, so that wrappers written before keys existed still
     * compile; a store that keeps keys (Derby) overrides it.
     */
    default DkimKeyStore dkimKeys() {
        throw new UnsupportedOperationException("this store keeps no DKIM keys");
    }

    /** Change events of committed transactions, for IMAP IDLE and concurrent sessions. */
    EventBus events();

    /** Closes the store cleanly (for Derby: shuts the database down, so the next start needs no recovery). */
    @Override
    void close();
}
