package org.mailroom.store;

import java.time.Instant;
import java.util.List;
import org.mailroom.mime.MessageStructure;

/**
 * Everything one delivery commits at once: the shared content, a copy per local recipient and a
 * queue entry per remote recipient.
 *
 * @param content the message as received (after the headers SMTP adds, such as Received)
 * @param structure computed once from {@code content}
 * @param copies one per local mailbox that receives it
 * @param queued remote recipients, for the outbound queue
 * @param arrival the internal date of every copy
 */
public record DeliveryBatch(
        MessageContent content,
        MessageStructure structure,
        List<LocalCopy> copies,
        List<QueuedRecipient> queued,
        Instant arrival) {

    public DeliveryBatch {
        copies = List.copyOf(copies);
        queued = List.copyOf(queued);
    }

    /**
     * A local recipient's copy. {@code headerPrefix} holds the header lines particular to this copy
     * ({@code Return-Path}, {@code Delivered-To}), stored with the copy and served before the shared
     * content, so that the content itself is stored once (RFC 5321 §4.4 puts Return-Path first).
     */
    public record LocalCopy(long accountId, MailboxName mailbox, byte[] headerPrefix, Flags flags) {
    }
}
