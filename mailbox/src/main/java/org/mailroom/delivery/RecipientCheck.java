package org.mailroom.delivery;

/** What RCPT TO may be told about an address before any content arrives. */
public enum RecipientCheck {
    /** An account, alias, subaddress or catch-all of a local domain: deliverable. */
    LOCAL,
    /** A local domain, but nobody there has that address (550 5.1.1). */
    UNKNOWN,
    /** The account exists but cannot take another message now (452 4.2.2). */
    OVER_QUOTA,
    /** Not a local domain: relaying, subject to the session's rights. */
    REMOTE
}
