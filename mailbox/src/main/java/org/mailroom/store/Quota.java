package org.mailroom.store;

/** An account's limits; 0 in either field means no limit. */
public record Quota(long maxBytes, long maxMessages) {

    public static final Quota UNLIMITED = new Quota(0, 0);

    public Quota {
        if (maxBytes < 0 || maxMessages < 0) {
            throw new IllegalArgumentException("a quota cannot be negative");
        }
    }

    /** Whether an account using {@code used} may take one more message of {@code size} bytes. */
    public boolean admits(QuotaUsage used, long size) {
        return (maxBytes == 0 || used.bytes() + size <= maxBytes)
                && (maxMessages == 0 || used.messages() + 1 <= maxMessages);
    }
}
