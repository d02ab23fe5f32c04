package org.mailroom.store;

import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
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
     * The UIDs of the mailbox, ascending, as one compact array: the sequence-number map of an IMAP
     * selection (RFC 9051 §2.3.1.2) without a record per message. A store answers from its index.
     */
    default long[] uids(long mailboxId) {
        return messages(mailboxId, UidSet.ALL).stream().mapToLong(MessageSummary::uid).toArray();
    }

    /** The lowest UID without {@code \Seen}, 0 if every message is seen (IMAP4rev1's UNSEEN response code). */
    default long firstUnseenUid(long mailboxId) {
        return messages(mailboxId, UidSet.ALL).stream().filter(m -> !m.flags().has(Flag.SEEN))
                .mapToLong(MessageSummary::uid).findFirst().orElse(0);
    }

    /**
     * The keywords used in the mailbox, for SELECT's FLAGS (RFC 9051 §7.3.5). A store may also name
     * keywords that no message carries any longer.
     */
    default java.util.SortedSet<String> keywords(long mailboxId) {
        java.util.SortedSet<String> out = new java.util.TreeSet<>();
        messages(mailboxId, UidSet.ALL).forEach(m -> out.addAll(m.flags().keywords()));
        return out;
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

    /**
     * REPLACE (RFC 8508 §3.4): appends {@code message} to {@code target} and expunges message {@code uid}
     * of {@code mailboxId} in one transaction, the quota charged only for the difference. Nothing of the
     * old message carries over (§1).
     *
     * @throws StoreException EXPUNGED if the old message is gone, NOT_FOUND if the target is (TRYCREATE),
     *     OVER_QUOTA
     */
    Appended replace(long mailboxId, long uid, MailboxName target, NewMessage message);

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

    /**
     * Who the messages of {@code uids} are, in UID order: the content they were stored from, which their
     * copies share (RFC 8474 EMAILID), and when each was saved into this mailbox (RFC 8514).
     */
    List<MessageIdentity> identities(long mailboxId, UidSet uids);

    /** The message's full bytes, as a client sees them. @throws StoreException EXPUNGED */
    InputStream openContent(long mailboxId, long uid);

    /** The structure of the full message (offsets count the per-copy header lines too). */
    MessageStructure structure(long mailboxId, long uid);

    /**
     * Reads the structure (and, with {@code withHeader}, the top-level header bytes, at most
     * {@code MAX_HEADER} of them) of every message of {@code uids} that exists, in UID order, and
     * returns what {@code extract} makes of each. Never reads a body: SORT, THREAD and header SEARCH
     * need only this. {@code extract} must be a pure function (a store may run it again on retry).
     * The default reads message by message; a store answers it in one pass.
     */
    default <T> List<T> headers(long mailboxId, UidSet uids, boolean withHeader, Function<MessageHeader, T> extract) {
        List<T> out = new java.util.ArrayList<>();
        for (MessageSummary m : messages(mailboxId, uids)) {
            MessageStructure s;
            byte[] header = null;
            try {
                s = structure(mailboxId, m.uid());
                if (withHeader) {
                    try (InputStream in = openContent(mailboxId, m.uid())) {
                        header = in.readNBytes((int) Math.min(s.headerLength(), MAX_HEADER));
                    }
                }
            } catch (StoreException e) {
                if (e.error() == StoreError.EXPUNGED) {
                    continue;
                }
                throw e;
            } catch (java.io.IOException e) {
                throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "cannot read the message", e);
            }
            out.add(extract.apply(new MessageHeader(m.uid(), s, header)));
        }
        return out;
    }

    /** The most header octets {@link #headers} returns of one message. */
    int MAX_HEADER = 1 << 20;

    Quota quota();

    /** The account's annotations on the server and its mailboxes (RFC 5464). */
    UserMetadata metadata();

    QuotaUsage usage();

    record Appended(long uidValidity, long uid) {
    }

    /**
     * @param contentId the stored content, the same for every copy made by COPY or MOVE
     * @param saveDate when APPEND, COPY, MOVE or delivery put the message into this mailbox
     */
    record MessageIdentity(long uid, long contentId, Instant saveDate) {
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
