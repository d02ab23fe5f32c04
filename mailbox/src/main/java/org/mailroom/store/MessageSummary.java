package org.mailroom.store;

import java.time.Instant;

/** What a mailbox listing says of one message, without its content. */
public record MessageSummary(long uid, long modSeq, Flags flags, Instant internalDate, long size) {
}
