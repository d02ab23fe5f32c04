package org.mailroom.store;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.mailroom.mime.MessageStructure;

/**
 * One account's mailboxes and messages. Mailbox ids passed in must belong to this account; any other
 * id is {@link StoreError#NOT_FOUND}. Every change publishes its {@link MailboxEvent} after commit.
 */
public interface UserMailboxes {

    long accountId();

    /** Every mailbox of the account, sorted by name. */
    List<MailboxInfo> list();

    Optional<MailboxInfo> find(MailboxName name);

    /**
     * Creates the mailbox and any missing ancestors (RFC 9051 §6.3.4).
     *
     * @throws StoreException ALREADY_EXISTS
     */
    MailboxInfo create(MailboxName name, Optional<SpecialUse> specialUse);

    /**
     * Deletes a mailbox and its messages.
     *
     * @throws StoreException NOT_FOUND; NOT_ALLOWED for INBOX or a mailbox that has children
     */
    void delete(MailboxName name);

    /**
     * Renames a mailbox with its children, creating missing ancestors of the new name. Renaming INBOX
     * moves its messages into a new mailbox and leaves INBOX empty (RFC 9051 §6.3.6).
     *
     * @throws StoreException NOT_FOUND, ALREADY_EXISTS, NOT_ALLOWED (into its own child)
     */
    void rename(MailboxName from, MailboxName to);

    /** Subscribes or unsubscribes a name; a subscription may name a mailbox that does not exist. */
    void subscribe(MailboxName name, boolean subscribed);

    List<MailboxName> subscriptions();

    /** The messages of {@code uids} that exist, in UID order. */
    List<MessageSummary> messages(long mailboxId, UidSet uids);

    /**
     * The messages of {@code uids} whose MODSEQ is above {@code modSeq}, in UID order: what FETCH
     * with CHANGEDSINCE and a QRESYNC SELECT report (RFC 7162 §3.1.4.1, §3.2.5). A store with an
     * index on MODSEQ answers without reading the unchanged messages of a large mailbox.
     */
    default List<MessageSummary> messagesChangedSince(long mailboxId, UidSet uids, long modSeq) {
        return messages(mailboxId, uids).stream().filter(m -> m.modSeq() > modSeq).toList();
    }

    /**
     * Appends a message, computing its structure once.
     *
     * @throws StoreException NOT_FOUND (the client should be told TRYCREATE), OVER_QUOTA
     */
    Appended append(MailboxName mailbox, MessageContent content, Flags flags, Instant internalDate);

    /**
     * Appends several messages in one transaction, in order, with consecutive UIDs: all of them or
     * none (MULTIAPPEND, RFC 3502 §6.3.11). The quota is checked once for their sum.
     *
     * @throws StoreException NOT_FOUND (the client should be told TRYCREATE), OVER_QUOTA
     */
    AppendedAll appendAll(MailboxName mailbox, List<NewMessage> messages);

    /** Copies messages with their flags and internal dates; the content is shared, not copied. */
    Copied copy(long fromMailboxId, UidSet uids, MailboxName to);

    /** Copies, then expunges the originals, in one transaction (RFC 6851). */
    Copied move(long fromMailboxId, UidSet uids, MailboxName to);

    /**
     * Changes flags; with {@code unchangedSince}, messages whose MODSEQ is higher are left alone and
     * reported in {@link FlagsUpdated#modified()} (RFC 7162 §3.1.3).
     */
    FlagsUpdated setFlags(long mailboxId, UidSet uids, FlagUpdate update, OptionalLong unchangedSince);

    /** Removes the messages of {@code uids} that carry {@code \Deleted}; returns their UIDs in order. */
    List<Long> expunge(long mailboxId, UidSet uids);

    /** UIDs expunged from the mailbox with a MODSEQ above {@code modSeq} (for QRESYNC VANISHED). */
    List<Long> expungedSince(long mailboxId, long modSeq);

    /** The message's full bytes, as a client sees them. @throws StoreException EXPUNGED */
    InputStream openContent(long mailboxId, long uid);

    /** The structure of the full message (offsets count the per-copy header lines too). */
    MessageStructure structure(long mailboxId, long uid);

    Quota quota();

    QuotaUsage usage();

    record Appended(long uidValidity, long uid) {
    }

    /** One message of {@link #appendAll}. */
    record NewMessage(MessageContent content, Flags flags, Instant internalDate) {
    }

    /** The UIDs {@link #appendAll} gave, in the order of its messages (RFC 3502 APPENDUID with a set). */
    record AppendedAll(long uidValidity, List<Long> uids) {

        public AppendedAll {
            uids = List.copyOf(uids);
        }
    }

    /** The UIDs of the source messages and of their copies, pairwise (RFC 4315 COPYUID). */
    record Copied(long uidValidity, List<Long> sourceUids, List<Long> copyUids) {
    }

    record FlagsUpdated(List<MessageSummary> updated, List<Long> modified) {
    }
}
