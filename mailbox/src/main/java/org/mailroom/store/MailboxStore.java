package org.mailroom.store;

/** The IMAP view of the store: gives the mailboxes of one account, and nothing of any other. */
public interface MailboxStore {

    UserMailboxes of(long accountId);
}
