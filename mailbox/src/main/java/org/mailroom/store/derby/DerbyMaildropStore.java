package org.mailroom.store.derby;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxName;
import org.mailroom.store.Maildrop;
import org.mailroom.store.MaildropStore;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;

/**
 * POP3 maildrops (RFC 1939 §8: one session per maildrop). The exclusive lock is a set in this JVM,
 * which suffices while every POP3 session runs in the process that embeds the store; a store shared
 * by several front-ends (PostgreSQL) will need the lock in the database itself.
 */
final class DerbyMaildropStore implements MaildropStore {

    private final Transactions tx;
    private final Set<Long> locked = ConcurrentHashMap.newKeySet();

    DerbyMaildropStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public Maildrop open(long accountId) {
        if (!locked.add(accountId)) {
            throw new StoreException(StoreError.IN_USE, "the maildrop is in use by another session");
        }
        try {
            return tx.run("open maildrop", t -> {
                Connection c = t.connection();
                long inbox = MailboxRows.find(c, accountId, MailboxName.INBOX).orElseThrow(DerbyStore::noAccount);
                long uidValidity;
                try (PreparedStatement ps = c.prepareStatement("SELECT uidvalidity FROM mailbox WHERE id = ?")) {
                    ps.setLong(1, inbox);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        uidValidity = rs.getLong(1);
                    }
                }
                List<Maildrop.MaildropMessage> messages = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT uid, size FROM message WHERE mailbox_id = ? ORDER BY uid")) {
                    ps.setLong(1, inbox);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            messages.add(new Maildrop.MaildropMessage(rs.getLong(1), rs.getLong(2)));
                        }
                    }
                }
                return new Drop(accountId, inbox, uidValidity, List.copyOf(messages));
            });
        } catch (RuntimeException e) {
            locked.remove(accountId);
            throw e;
        }
    }

    private final class Drop implements Maildrop {

        private final long accountId;
        private final long inboxId;
        private final long uidValidity;
        private final List<MaildropMessage> messages;
        private final AtomicBoolean open = new AtomicBoolean(true);

        Drop(long accountId, long inboxId, long uidValidity, List<MaildropMessage> messages) {
            this.accountId = accountId;
            this.inboxId = inboxId;
            this.uidValidity = uidValidity;
            this.messages = messages;
        }

        @Override
        public long uidValidity() {
            return uidValidity;
        }

        @Override
        public List<MaildropMessage> messages() {
            return messages;
        }

        /**
         * One query per message, the copy's row joined to its content: a POP3 drain opens thousands,
         * and the mailbox check and separate row lookup IMAP's path makes were a third of its time.
         */
        @Override
        public InputStream open(long uid) {
            return ContentStream.open(tx, "open message", "SELECT m.header_prefix, c.data FROM message m "
                    + "JOIN content c ON c.id = m.content_id WHERE m.mailbox_id = ? AND m.uid = ?", ps -> {
                        ps.setLong(1, inboxId);
                        ps.setLong(2, uid);
                        return ContentStream.single(ps.executeQuery(), MessageOperations::expunged);
                    });
        }

        /** UPDATE state (RFC 1939 §6): the messages marked deleted go, in one transaction. */
        @Override
        public void commitDeletions(Collection<Long> uids) {
            if (!open.get()) {
                throw new IllegalStateException("the maildrop is closed");
            }
            try {
                if (!uids.isEmpty()) {
                    delete(new TreeSet<>(uids));
                }
            } finally {
                close();
            }
        }

        private void delete(TreeSet<Long> uids) {
            tx.run("commit maildrop", t -> {
                Connection c = t.connection();
                MessageRows.lockAccount(c, accountId);
                long modSeq = MessageRows.nextModSeq(c, accountId, inboxId).modSeq();
                List<Long> removed = new ArrayList<>();
                long bytes = 0;
                Map<Long, Integer> refs = new HashMap<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT size, content_id FROM message WHERE mailbox_id = ? AND uid = ?")) {
                    for (long uid : uids) {
                        ps.setLong(1, inboxId);
                        ps.setLong(2, uid);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next()) {
                                removed.add(uid);
                                bytes += rs.getLong(1);
                                refs.merge(rs.getLong(2), 1, Integer::sum);
                            }
                        }
                    }
                }
                if (removed.isEmpty()) {
                    t.rollbackOnly();
                    return null;
                }
                MessageRows.expungeRows(c, inboxId, removed, modSeq);
                MessageRows.refund(c, accountId, bytes, removed.size());
                MessageRows.dropRefs(c, refs);
                t.afterCommit(new MailboxEvent.MessagesExpunged(accountId, inboxId, List.copyOf(removed), modSeq));
                return null;
            });
        }

        @Override
        public void close() {
            if (open.compareAndSet(true, false)) {
                locked.remove(accountId);
            }
        }
    }
}
