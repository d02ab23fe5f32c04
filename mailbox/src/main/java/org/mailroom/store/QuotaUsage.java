package org.mailroom.store;

/** What an account uses now, over all its mailboxes. */
public record QuotaUsage(long bytes, long messages) {
}
