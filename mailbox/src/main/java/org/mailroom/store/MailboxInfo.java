package org.mailroom.store;

import java.util.Optional;

/**
 * A mailbox's identity and counters at one moment. {@code uidNext} and {@code highestModSeq} follow
 * RFC 9051 §2.3.1.1 and RFC 7162 §3.1.1; {@code size} is the sum of its messages' sizes (STATUS=SIZE).
 */
public record MailboxInfo(
        long id,
        MailboxName name,
        long uidValidity,
        long uidNext,
        long highestModSeq,
        long messages,
        long unseen,
        long size,
        Optional<SpecialUse> specialUse,
        boolean subscribed) {
}
