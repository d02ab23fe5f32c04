package org.mailroom.store;

/**
 * Why a store operation failed, as one enum that each protocol maps once to its own replies
 * ({@code [TRYCREATE]}, {@code 452 4.2.2}, {@code -ERR [IN-USE]}, …).
 */
public enum StoreError {
    /** The mailbox, account, domain, alias or rule does not exist. */
    NOT_FOUND,
    /** It exists already. */
    ALREADY_EXISTS,
    /** The account's storage or message quota would be exceeded. */
    OVER_QUOTA,
    /** A message named by UID has been expunged. */
    EXPUNGED,
    /** The operation is not allowed on this object (deleting INBOX, a name that is invalid). */
    NOT_ALLOWED,
    /** Another session holds the object (one POP3 session per maildrop). */
    IN_USE,
    /** The store cannot answer now (database down, lock timeout, disk full); the client may retry. */
    TEMPORARILY_UNAVAILABLE
}
