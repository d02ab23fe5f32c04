package org.mailroom.store;

import java.util.List;

/** A committed change, as sessions of the same account need to hear of it (RFC 9051 §7.4.1). */
public sealed interface MailboxEvent {

    long accountId();

    record MessagesAdded(long accountId, long mailboxId, List<Long> uids) implements MailboxEvent {
    }

    record FlagsChanged(long accountId, long mailboxId, List<MessageSummary> messages) implements MailboxEvent {
    }

    record MessagesExpunged(long accountId, long mailboxId, List<Long> uids, long modSeq) implements MailboxEvent {
    }

    /**
     * Annotations (RFC 5464) were set or removed: on a mailbox, or on the server when {@code mailboxId}
     * is empty. {@code entries} are the entry names, in lower case.
     */
    record MetadataChanged(long accountId, java.util.OptionalLong mailboxId, List<String> entries) implements MailboxEvent {
    }

    /** A mailbox of the account was created, deleted or renamed, or a subscription changed (IMAP NOTIFY). */
    record MailboxesChanged(long accountId) implements MailboxEvent {
    }
}
