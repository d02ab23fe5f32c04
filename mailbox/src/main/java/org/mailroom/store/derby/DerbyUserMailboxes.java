package org.mailroom.store.derby;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.mailroom.store.MessageHeader;
import java.util.OptionalLong;
import org.mailroom.mime.MessageStructure;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.Quota;
import org.mailroom.store.QuotaUsage;
import org.mailroom.store.SpecialUse;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.store.UserMetadata;

/**
 * One account's mailboxes: the hierarchy here, the messages in {@link MessageOperations}. Every
 * writer first locks the account row ({@link MessageRows#lockAccount}), which serialises the changes
 * of one account and keeps the lock order of {@link MessageRows}.
 */
final class DerbyUserMailboxes implements UserMailboxes {

    private final Transactions tx;
    private final long accountId;
    private final MessageOperations messages;
    private final SelectionReads selection;

    DerbyUserMailboxes(Transactions tx, long accountId, UidLists uidLists) {
        this.tx = tx;
        this.accountId = accountId;
        this.messages = new MessageOperations(tx, accountId);
        this.selection = new SelectionReads(tx, accountId, uidLists);
    }

    @Override
    public long accountId() {
        return accountId;
    }

    @Override
    public List<MailboxInfo> list() {
        return tx.run("list mailboxes", t -> MailboxRows.infos(t.connection(), accountId, Optional.empty()));
    }

    @Override
    public Optional<MailboxInfo> find(MailboxName name) {
        return tx.run("find mailbox", t -> MailboxRows.infos(t.connection(), accountId, Optional.of(name)).stream().findFirst());
    }

    @Override
    public MailboxInfo create(MailboxName name, Optional<SpecialUse> specialUse) {
        return tx.run("create mailbox", t -> {
            Connection c = t.connection();
            MessageRows.lockAccount(c, accountId);
            if (MailboxRows.find(c, accountId, name).isPresent()) {
                throw new StoreException(StoreError.ALREADY_EXISTS, "the mailbox exists already");
            }
            createWithAncestors(c, name, specialUse);
            t.afterCommit(new MailboxEvent.MailboxesChanged(accountId));
            return MailboxRows.infos(c, accountId, Optional.of(name)).get(0);
        });
    }

    /** Creates the missing levels of {@code name}, itself last (RFC 9051 §6.3.4). */
    private void createWithAncestors(Connection c, MailboxName name, Optional<SpecialUse> specialUse)
            throws SQLException {
        List<MailboxName> missing = new ArrayList<>();
        for (MailboxName level : name.lineage()) {
            if (MailboxRows.find(c, accountId, level).isEmpty()) {
                missing.add(level);
            }
        }
        long uidValidity = MailboxRows.nextUidValidities(c, missing.size());
        for (MailboxName level : missing) {
            MailboxRows.insert(c, accountId, level, level.equals(name) ? specialUse : Optional.empty(), uidValidity++);
        }
    }

    @Override
    public void delete(MailboxName name) {
        if (name.isInbox()) {
            throw new StoreException(StoreError.NOT_ALLOWED, "INBOX cannot be deleted");
        }
        tx.run("delete mailbox", t -> {
            Connection c = t.connection();
            MessageRows.lockAccount(c, accountId);
            long id = MailboxRows.find(c, accountId, name).orElseThrow(MessageRows::noMailbox);
            if (DerbyAdminStore.exists(c, "SELECT 1 FROM mailbox WHERE account_id = ? AND name LIKE ? ESCAPE '\\'",
                    accountId, childPattern(name))) {
                throw new StoreException(StoreError.NOT_ALLOWED, "the mailbox has children");
            }
            MailboxRows.removeAllMessages(c, accountId, "x.mailbox_id = ?", id);
            DerbyAdminStore.update(c, "DELETE FROM mailbox WHERE id = ?", id);
            t.afterCommit(new MailboxEvent.MailboxesChanged(accountId));
            return null;
        });
    }

    @Override
    public void rename(MailboxName from, MailboxName to) {
        tx.run("rename mailbox", t -> {
            Connection c = t.connection();
            MessageRows.lockAccount(c, accountId);
            long fromId = MailboxRows.find(c, accountId, from).orElseThrow(MessageRows::noMailbox);
            if (MailboxRows.find(c, accountId, to).isPresent()) {
                throw new StoreException(StoreError.ALREADY_EXISTS, "the new name exists already");
            }
            if (to.isDescendantOf(from)) {
                throw new StoreException(StoreError.NOT_ALLOWED, "a mailbox cannot move into itself");
            }
            if (to.parent().isPresent()) {
                createWithAncestors(c, to.parent().get(), Optional.empty());
            }
            if (from.isInbox()) {
                renameInbox(t, fromId, to);
            } else {
                int cut = from.path().length() + 1;
                for (String table : List.of("mailbox", "subscription")) {
                    DerbyAdminStore.update(c, "UPDATE " + table + " SET name = CAST(? AS VARCHAR(512)) || SUBSTR(name, ?) "
                            + "WHERE account_id = ? AND (name = ? OR name LIKE ? ESCAPE '\\')",
                            to.path(), cut, accountId, from.path(), childPattern(from));
                }
            }
            t.afterCommit(new MailboxEvent.MailboxesChanged(accountId));
            return null;
        });
    }

    /**
     * RFC 9051 §6.3.6: renaming INBOX moves its messages into a new mailbox of that name and leaves
     * INBOX empty; INBOX's children stay where they are. The messages keep their UIDs under the new
     * mailbox's own UIDVALIDITY; INBOX records them as expunged and never hands those UIDs out again.
     */
    private void renameInbox(Transactions.Tx t, long inboxId, MailboxName to) throws SQLException {
        Connection c = t.connection();
        MessageRows.Allocation inbox = MessageRows.nextModSeq(c, accountId, inboxId);
        long newId = MailboxRows.insert(c, accountId, to, Optional.empty(), MailboxRows.nextUidValidities(c, 1),
                inbox.firstUid(), inbox.modSeq());
        List<Long> uids = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM message WHERE mailbox_id = ? ORDER BY uid")) {
            ps.setLong(1, inboxId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    uids.add(rs.getLong(1));
                }
            }
        }
        DerbyAdminStore.update(c, "UPDATE message SET mailbox_id = ? WHERE mailbox_id = ?", newId, inboxId);
        DerbyAdminStore.update(c, "INSERT INTO expunged (mailbox_id, uid, modseq) SELECT ?, uid, ? FROM message "
                + "WHERE mailbox_id = ?", inboxId, inbox.modSeq(), newId);
        if (!uids.isEmpty()) {
            t.afterCommit(new MailboxEvent.MessagesExpunged(accountId, inboxId, uids, inbox.modSeq()));
        }
    }

    /** A LIKE pattern matching every descendant of {@code name}. */
    static String childPattern(MailboxName name) {
        String escaped = name.path().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return escaped + MailboxName.SEPARATOR + "%";
    }

    @Override
    public void subscribe(MailboxName name, boolean subscribed) {
        tx.run("subscribe", t -> {
            Connection c = t.connection();
            boolean exists = DerbyAdminStore.exists(c, "SELECT 1 FROM subscription WHERE account_id = ? AND name = ?",
                    accountId, name.path());
            if (subscribed && !exists) {
                MessageRows.lockAccount(c, accountId);
                DerbyAdminStore.update(c, "INSERT INTO subscription (account_id, name) VALUES (?, ?)", accountId, name.path());
                t.afterCommit(new MailboxEvent.MailboxesChanged(accountId));
            } else if (!subscribed && exists) {
                DerbyAdminStore.update(c, "DELETE FROM subscription WHERE account_id = ? AND name = ?", accountId, name.path());
                t.afterCommit(new MailboxEvent.MailboxesChanged(accountId));
            }
            return null;
        });
    }

    @Override
    public List<MailboxName> subscriptions() {
        return tx.run("list subscriptions", t -> DerbyAdminStore.strings(t.connection(),
                "SELECT name FROM subscription WHERE account_id = ? ORDER BY name", accountId)
                .stream().map(MailboxName::of).sorted().toList());
    }

    @Override
    public List<MessageSummary> messages(long mailboxId, UidSet uids) {
        return messages.list(mailboxId, uids);
    }

    @Override
    public List<MessageSummary> messagesChangedSince(long mailboxId, UidSet uids, long modSeq) {
        return messages.changedSince(mailboxId, uids, modSeq);
    }

    @Override
    public long[] uids(long mailboxId) {
        return selection.uids(mailboxId);
    }

    @Override
    public long firstUnseenUid(long mailboxId) {
        return selection.firstUnseenUid(mailboxId);
    }

    @Override
    public java.util.SortedSet<String> keywords(long mailboxId) {
        return selection.keywords(mailboxId);
    }

    @Override
    public Appended append(MailboxName mailbox, MessageContent content, Flags flags, Instant internalDate) {
        return messages.append(mailbox, content, flags, internalDate);
    }

    @Override
    public AppendedAll appendAll(MailboxName mailbox, List<NewMessage> list) {
        return messages.appendAll(mailbox, list);
    }

    @Override
    public Appended replace(long mailboxId, long uid, MailboxName target, NewMessage message) {
        return messages.replace(mailboxId, uid, target, message);
    }

    @Override
    public Copied copy(long fromMailboxId, UidSet uids, MailboxName to) {
        return messages.copy(fromMailboxId, uids, to, false);
    }

    @Override
    public Copied move(long fromMailboxId, UidSet uids, MailboxName to) {
        return messages.copy(fromMailboxId, uids, to, true);
    }

    @Override
    public FlagsUpdated setFlags(long mailboxId, UidSet uids, FlagUpdate update, OptionalLong unchangedSince) {
        return messages.setFlags(mailboxId, uids, update, unchangedSince);
    }

    @Override
    public List<Long> expunge(long mailboxId, UidSet uids) {
        return messages.expunge(mailboxId, uids);
    }

    @Override
    public List<Long> expungedSince(long mailboxId, long modSeq) {
        return messages.expungedSince(mailboxId, modSeq);
    }

    @Override
    public List<MessageIdentity> identities(long mailboxId, UidSet uids) {
        return messages.identities(mailboxId, uids);
    }

    @Override
    public InputStream openContent(long mailboxId, long uid) {
        return messages.openContent(mailboxId, uid);
    }

    @Override
    public MessageStructure structure(long mailboxId, long uid) {
        return messages.structure(mailboxId, uid);
    }

    @Override
    public <T> List<T> headers(long mailboxId, UidSet uids, boolean withHeader, Function<MessageHeader, T> extract) {
        return messages.headers(mailboxId, uids, withHeader, extract);
    }

    @Override
    public UserMetadata metadata() {
        return new DerbyUserMetadata(tx, accountId);
    }

    @Override
    public Quota quota() {
        return tx.run("read quota", t -> {
            try (PreparedStatement ps = t.connection().prepareStatement(
                    "SELECT quota_bytes, quota_messages FROM account WHERE id = ?")) {
                ps.setLong(1, accountId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw DerbyStore.noAccount();
                    }
                    return new Quota(rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }

    @Override
    public QuotaUsage usage() {
        return tx.run("read usage", t -> DerbyDeliveryStore.usage(t.connection(), accountId));
    }
}
