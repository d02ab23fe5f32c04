package org.mailroom.admin;

import org.mailroom.store.AdminStore;
import org.mailroom.store.CredentialStore;
import org.mailroom.store.DeliveryStore;
import org.mailroom.store.DkimKeyStore;
import org.mailroom.store.EventBus;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxStore;
import org.mailroom.store.MaildropStore;
import org.mailroom.store.QueueStore;

/**
 * The test's open Derby store handed to one command after another, which close it as they would the
 * store they opened: the close is ignored, so the database boots once per test instead of once per
 * command. {@link StoreAccessTest} covers the real opening, embedded and over the network server.
 */
record SharedStore(MailStore store) implements MailStore {

    @Override
    public DeliveryStore delivery() {
        return store.delivery();
    }

    @Override
    public MaildropStore maildrops() {
        return store.maildrops();
    }

    @Override
    public MailboxStore mailboxes() {
        return store.mailboxes();
    }

    @Override
    public AdminStore admin() {
        return store.admin();
    }

    @Override
    public CredentialStore credentials() {
        return store.credentials();
    }

    @Override
    public QueueStore queue() {
        return store.queue();
    }

    @Override
    public DkimKeyStore dkimKeys() {
        return store.dkimKeys();
    }

    @Override
    public EventBus events() {
        return store.events();
    }

    @Override
    public void close() {
        // the test closes the real store
    }
}
