package org.mailroom.delivery;

/** What became of one recipient of a delivery. */
public enum Outcome {
    /** Committed to the recipient's mailbox (or every mailbox an alias expands to). */
    DELIVERED,
    /** Committed to the outbound queue, for a remote address. */
    QUEUED,
    /** No such local address. */
    UNKNOWN,
    /** The mailbox is full. */
    OVER_QUOTA,
    /** The message has passed through too many hops: a mail loop (RFC 5321 §6.3). */
    LOOP,
    /** The store failed; nothing was committed for this recipient; the sender may retry. */
    TEMPORARY_FAILURE
}
