package org.mailroom.store;

/** The POP3 view of the store: one account's INBOX as a maildrop (RFC 1939). */
public interface MaildropStore {

    /**
     * Opens and locks the account's INBOX, snapshotting its messages.
     *
     * @throws StoreException {@link StoreError#IN_USE} while another maildrop of the account is open
     */
    Maildrop open(long accountId);
}
