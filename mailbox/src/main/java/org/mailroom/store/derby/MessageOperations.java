package org.mailroom.store.derby;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.mailroom.mime.MessageStructure;
import org.mailroom.store.Flag;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.MessageHeader;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.UidRange;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.store.UserMailboxes;
import org.mailroom.store.UserMailboxes.Appended;
import org.mailroom.store.UserMailboxes.AppendedAll;
import org.mailroom.store.UserMailboxes.NewMessage;
import org.mailroom.store.UserMailboxes.Copied;
import org.mailroom.store.UserMailboxes.FlagsUpdated;

/** The message operations of one account's mailboxes (RFC 9051 §6.3.12, §6.4; RFC 6851; RFC 7162). */
final class MessageOperations {

    /** Past this many ranges, one scan over the whole span is cheaper than a query per range. */
    private static final int MAX_RANGE_QUERIES = 16;
    private static final String SUMMARY_COLUMNS = "uid, modseq, flags, keywords, internal_date, size";

    private final Transactions tx;
    private final long accountId;

    MessageOperations(Transactions tx, long accountId) {
        this.tx = tx;
        this.accountId = accountId;
    }

    List<MessageSummary> list(long mailboxId, UidSet uids) {
        return tx.run("list messages", t -> {
            requireMailbox(t.connection(), mailboxId);
            List<MessageSummary> out = new ArrayList<>();
            select(t.connection(), SUMMARY_COLUMNS, "", mailboxId, uids, rs -> out.add(summary(rs)));
            return out;
        });
    }

    /**
     * Reads through the index on (mailbox_id, modseq), so a resynchronisation after a few changes
     * reads those rows only, however large the mailbox; the UID set is applied to what it finds.
     */
    List<MessageSummary> changedSince(long mailboxId, UidSet uids, long modSeq) {
        if (uids.ranges().isEmpty()) {
            return List.of();
        }
        return tx.run("list changed messages", t -> {
            Connection c = t.connection();
            requireMailbox(c, mailboxId);
            List<MessageSummary> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + SUMMARY_COLUMNS + " FROM message "
                    + "--DERBY-PROPERTIES index=message_modseq\n"
                    + "WHERE mailbox_id = ? AND modseq > ?")) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, modSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (uids.contains(rs.getLong(1))) {
                            out.add(summary(rs));
                        }
                    }
                }
            }
            out.sort(java.util.Comparator.comparingLong(MessageSummary::uid));
            return out;
        });
    }

    Appended append(MailboxName mailbox, MessageContent content, Flags flags, Instant internalDate) {
        AppendedAll all = appendAll(mailbox, List.of(new NewMessage(content, flags, internalDate)));
        return new Appended(all.uidValidity(), all.uids().get(0));
    }

    /**
     * APPEND and MULTIAPPEND (RFC 3502): every structure is computed before the transaction, then the
     * contents, one quota charge for their sum, one UID allocation and one batch of rows commit together
     * or not at all.
     */
    AppendedAll appendAll(MailboxName mailbox, List<NewMessage> list) {
        if (list.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        List<byte[]> encoded = new ArrayList<>(list.size());
        long bytes = 0;
        for (NewMessage m : list) {
            try (InputStream in = m.content().open()) {
                encoded.add(MessageStructure.parse(in).encode());
            } catch (IOException e) {
                throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "cannot read the message", e);
            }
            bytes += m.content().size();
        }
        long total = bytes;
        return tx.run("append", t -> {
            Connection c = t.connection();
            // The contents go in first: streaming them locks nothing anyone else waits for.
            long[] contentIds = new long[list.size()];
            for (int i = 0; i < list.size(); i++) {
                contentIds[i] = MessageRows.insertContent(c, list.get(i).content(), encoded.get(i), 1);
            }
            MessageRows.charge(c, accountId, total, list.size());
            long mailboxId = MailboxRows.find(c, accountId, mailbox).orElseThrow(MessageRows::noMailbox);
            MessageRows.Allocation a = MessageRows.allocate(c, accountId, mailboxId, list.size());
            List<Long> uids = new ArrayList<>(list.size());
            try (MessageRows.Inserts inserts = MessageRows.Inserts.saved(c, System.currentTimeMillis())) {
                for (int i = 0; i < list.size(); i++) {
                    NewMessage m = list.get(i);
                    long uid = a.firstUid() + i;
                    inserts.add(mailboxId, uid, a.modSeq(), m.flags(), m.internalDate().toEpochMilli(),
                            m.content().size(), new byte[0], contentIds[i]);
                    uids.add(uid);
                }
                inserts.execute();
            }
            t.afterCommit(new MailboxEvent.MessagesAdded(accountId, mailboxId, List.copyOf(uids)));
            return new AppendedAll(a.uidValidity(), uids);
        });
    }

    /**
     * REPLACE (RFC 8508 §3.4): the old message's usage is given back before the new one is charged, so
     * only the net change counts against the quota; locks as MOVE does (account, target, source).
     */
    Appended replace(long mailboxId, long uid, MailboxName target, NewMessage m) {
        byte[] encoded;
        try (InputStream in = m.content().open()) {
            encoded = MessageStructure.parse(in).encode();
        } catch (IOException e) {
            throw new StoreException(StoreError.TEMPORARILY_UNAVAILABLE, "cannot read the message", e);
        }
        return tx.run("replace", t -> {
            Connection c = t.connection();
            long contentId = MessageRows.insertContent(c, m.content(), encoded, 1);
            MessageRows.lockAccount(c, accountId);
            requireMailbox(c, mailboxId);
            long[] old = new long[2];
            select(c, "uid, size, content_id", "", mailboxId, UidSet.of(new UidRange(uid, uid)), rs -> {
                old[0] = rs.getLong(2);
                old[1] = rs.getLong(3);
            });
            if (old[1] == 0) {
                throw expunged();
            }
            MessageRows.refund(c, accountId, old[0], 1);
            MessageRows.charge(c, accountId, m.content().size(), 1);
            long targetId = MailboxRows.find(c, accountId, target).orElseThrow(MessageRows::noMailbox);
            MessageRows.Allocation a = MessageRows.allocate(c, accountId, targetId, 1);
            try (MessageRows.Inserts inserts = MessageRows.Inserts.saved(c, System.currentTimeMillis())) {
                inserts.add(targetId, a.firstUid(), a.modSeq(), m.flags(), m.internalDate().toEpochMilli(),
                        m.content().size(), new byte[0], contentId);
                inserts.execute();
            }
            t.afterCommit(new MailboxEvent.MessagesAdded(accountId, targetId, List.of(a.firstUid())));
            long modSeq = MessageRows.nextModSeq(c, accountId, mailboxId).modSeq();
            MessageRows.expungeRows(c, mailboxId, List.of(uid), modSeq);
            MessageRows.dropRefs(c, Map.of(old[1], 1));
            t.afterCommit(new MailboxEvent.MessagesExpunged(accountId, mailboxId, List.of(uid), modSeq));
            return new Appended(a.uidValidity(), a.firstUid());
        });
    }

    /** COPY, or MOVE when {@code move}: the copies share the originals' content rows. */
    Copied copy(long fromId, UidSet uids, MailboxName to, boolean move) {
        return tx.run(move ? "move" : "copy", t -> {
            Connection c = t.connection();
            MessageRows.lockAccount(c, accountId);
            requireMailbox(c, fromId);
            long toId = MailboxRows.find(c, accountId, to).orElseThrow(MessageRows::noMailbox);
            List<Source> sources = new ArrayList<>();
            select(c, SUMMARY_COLUMNS + ", header_prefix, content_id", "", fromId, uids,
                    rs -> sources.add(new Source(summary(rs), rs.getBytes(7), rs.getLong(8))));
            if (sources.isEmpty()) {
                t.rollbackOnly();
                return new Copied(uidValidity(c, toId), List.of(), List.of());
            }
            long bytes = 0;
            Map<Long, Integer> refs = new HashMap<>();
            for (Source s : sources) {
                bytes += s.summary.size();
                refs.merge(s.contentId, 1, Integer::sum);
            }
            if (!move) {
                // A move leaves the account's usage as it was, so only a copy is checked.
                MessageRows.charge(c, accountId, bytes, sources.size());
                MessageRows.addRefs(c, refs);
            }
            MessageRows.Allocation a = MessageRows.allocate(c, accountId, toId, sources.size());
            List<Long> sourceUids = new ArrayList<>();
            List<Long> copyUids = new ArrayList<>();
            try (MessageRows.Inserts inserts = MessageRows.Inserts.saved(c, System.currentTimeMillis())) {
                long uid = a.firstUid();
                for (Source s : sources) {
                    MessageSummary m = s.summary;
                    inserts.add(toId, uid, a.modSeq(), m.flags(), m.internalDate().toEpochMilli(),
                            m.size(), s.headerPrefix, s.contentId);
                    sourceUids.add(m.uid());
                    copyUids.add(uid++);
                }
                inserts.execute();
            }
            t.afterCommit(new MailboxEvent.MessagesAdded(accountId, toId, copyUids));
            if (move) {
                long modSeq = MessageRows.nextModSeq(c, accountId, fromId).modSeq();
                MessageRows.expungeRows(c, fromId, sourceUids, modSeq);
                t.afterCommit(new MailboxEvent.MessagesExpunged(accountId, fromId, sourceUids, modSeq));
            }
            return new Copied(a.uidValidity(), sourceUids, copyUids);
        });
    }

    private record Source(MessageSummary summary, byte[] headerPrefix, long contentId) {
    }

    /**
     * STORE. One new MODSEQ for every message this call changes (RFC 7162 §3.1.3 lets one operation
     * share it); if nothing changes, the transaction rolls back and HIGHESTMODSEQ stays as it was.
     */
    FlagsUpdated setFlags(long mailboxId, UidSet uids, FlagUpdate update, OptionalLong unchangedSince) {
        return tx.run("set flags", t -> {
            Connection c = t.connection();
            long modSeq = MessageRows.nextModSeq(c, accountId, mailboxId).modSeq();
            List<MessageSummary> current = new ArrayList<>();
            select(c, SUMMARY_COLUMNS, "", mailboxId, uids, rs -> current.add(summary(rs)));
            List<MessageSummary> updated = new ArrayList<>();
            List<Long> modified = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE message SET flags = ?, keywords = ?, modseq = ? WHERE mailbox_id = ? AND uid = ?")) {
                for (MessageSummary m : current) {
                    if (unchangedSince.isPresent() && m.modSeq() > unchangedSince.getAsLong()) {
                        modified.add(m.uid());
                        continue;
                    }
                    Flags next = Flags.apply(m.flags(), update);
                    if (next.equals(m.flags())) {
                        continue;
                    }
                    ps.setInt(1, next.bits());
                    ps.setString(2, MessageRows.keywords(next));
                    ps.setLong(3, modSeq);
                    ps.setLong(4, mailboxId);
                    ps.setLong(5, m.uid());
                    ps.addBatch();
                    updated.add(new MessageSummary(m.uid(), modSeq, next, m.internalDate(), m.size()));
                }
                if (!updated.isEmpty()) {
                    ps.executeBatch();
                }
            }
            if (updated.isEmpty()) {
                t.rollbackOnly();
            } else {
                t.afterCommit(new MailboxEvent.FlagsChanged(accountId, mailboxId, List.copyOf(updated)));
            }
            return new FlagsUpdated(updated, modified);
        });
    }

    /** EXPUNGE / UID EXPUNGE: removes only the messages among {@code uids} that carry \Deleted. */
    List<Long> expunge(long mailboxId, UidSet uids) {
        return tx.run("expunge", t -> {
            Connection c = t.connection();
            MessageRows.lockAccount(c, accountId);
            long modSeq = MessageRows.nextModSeq(c, accountId, mailboxId).modSeq();
            int bit = Flag.DELETED.bit();
            List<Long> removed = new ArrayList<>();
            long[] bytes = new long[1];
            Map<Long, Integer> refs = new HashMap<>();
            select(c, "uid, size, content_id", "AND MOD(flags / " + bit + ", 2) = 1 ", mailboxId, uids, rs -> {
                removed.add(rs.getLong(1));
                bytes[0] += rs.getLong(2);
                refs.merge(rs.getLong(3), 1, Integer::sum);
            });
            if (removed.isEmpty()) {
                t.rollbackOnly();
                return List.of();
            }
            MessageRows.expungeRows(c, mailboxId, removed, modSeq);
            MessageRows.refund(c, accountId, bytes[0], removed.size());
            MessageRows.dropRefs(c, refs);
            t.afterCommit(new MailboxEvent.MessagesExpunged(accountId, mailboxId, List.copyOf(removed), modSeq));
            return removed;
        });
    }

    List<UserMailboxes.MessageIdentity> identities(long mailboxId, UidSet uids) {
        return tx.run("read message identities", t -> {
            requireMailbox(t.connection(), mailboxId);
            List<UserMailboxes.MessageIdentity> out = new ArrayList<>();
            select(t.connection(), "uid, content_id, COALESCE(save_date, internal_date)", "", mailboxId, uids,
                    rs -> out.add(new UserMailboxes.MessageIdentity(rs.getLong(1), rs.getLong(2),
                            Instant.ofEpochMilli(rs.getLong(3)))));
            return out;
        });
    }

    List<Long> expungedSince(long mailboxId, long modSeq) {
        return tx.run("list expunged", t -> {
            Connection c = t.connection();
            requireMailbox(c, mailboxId);
            List<Long> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid")) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, modSeq);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The copy's header prefix and content id are read first, in statements of their own, so that
     * the stream that follows (in the same transaction) holds a lock on the content row alone: no message or mailbox row stays
     * locked while a client downloads, and a STORE on this message never waits for the download.
     */
    InputStream openContent(long mailboxId, long uid) {
        return ContentStream.open(tx, "open message", "SELECT CAST(? AS VARCHAR(8192) FOR BIT DATA), data "
                + "FROM content WHERE id = ?", ps -> {
                    CopyRow copy = copyRow(ps.getConnection(), mailboxId, uid);
                    ps.setBytes(1, copy.headerPrefix());
                    ps.setLong(2, copy.contentId());
                    ResultSet rs = ps.executeQuery();
                    if (!rs.next()) {
                        rs.close();
                        throw expunged();
                    }
                    return rs;
                });
    }

    MessageStructure structure(long mailboxId, long uid) {
        return tx.run("read structure", t -> {
            Connection c = t.connection();
            CopyRow copy = copyRow(c, mailboxId, uid);
            try (PreparedStatement ps = c.prepareStatement("SELECT structure FROM content WHERE id = ?")) {
                ps.setLong(1, copy.contentId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw expunged();
                    }
                    Blob b = rs.getBlob(1);
                    byte[] encoded = b.getBytes(1, (int) b.length());
                    b.free();
                    return MessageStructure.decode(encoded).shifted(copy.headerPrefix().length);
                }
            }
        });
    }

    /**
     * One transaction: the copies' rows first (UID, content id, per-copy prefix), then each content
     * row by id in a statement of its own, as {@link #copyRow} does, so that no message row is held
     * while a content row is read. Only the structure and the header's leading bytes of the BLOB are
     * read ({@code Blob.getBytes} from position 1), never the body.
     */
    <T> List<T> headers(long mailboxId, UidSet uids, boolean withHeader, Function<MessageHeader, T> extract) {
        return tx.run("read headers", t -> {
            Connection c = t.connection();
            requireMailbox(c, mailboxId);
            List<HeaderRow> rows = new ArrayList<>();
            select(c, "uid, content_id, header_prefix", "", mailboxId, uids,
                    rs -> rows.add(new HeaderRow(rs.getLong(1), rs.getLong(2), rs.getBytes(3))));
            List<T> out = new ArrayList<>(rows.size());
            try (PreparedStatement ps = c.prepareStatement(withHeader
                    ? "SELECT structure, data FROM content WHERE id = ?" : "SELECT structure FROM content WHERE id = ?")) {
                for (HeaderRow row : rows) {
                    ps.setLong(1, row.contentId());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            continue; // expunged since the rows were read
                        }
                        Blob b = rs.getBlob(1);
                        MessageStructure own = MessageStructure.decode(b.getBytes(1, (int) b.length()));
                        b.free();
                        byte[] prefix = row.prefix() == null ? new byte[0] : row.prefix();
                        byte[] header = null;
                        if (withHeader) {
                            int length = (int) Math.min(own.headerLength(), UserMailboxes.MAX_HEADER);
                            Blob data = rs.getBlob(2);
                            byte[] ownHeader = length == 0 ? new byte[0] : data.getBytes(1, length);
                            data.free();
                            header = new byte[prefix.length + ownHeader.length];
                            System.arraycopy(prefix, 0, header, 0, prefix.length);
                            System.arraycopy(ownHeader, 0, header, prefix.length, ownHeader.length);
                        }
                        out.add(extract.apply(new MessageHeader(row.uid(), own.shifted(prefix.length), header)));
                    }
                }
            }
            return out;
        });
    }

    private record HeaderRow(long uid, long contentId, byte[] prefix) {
    }

    /** A message's own header lines and the content row it shares. */
    private record CopyRow(byte[] headerPrefix, long contentId) {
    }

    /**
     * Reads the copy's row after checking the mailbox is this account's, each in its own statement:
     * at READ COMMITTED each lock is let go before the next is taken, so this reader never holds a
     * message row while waiting for a mailbox row that a writer holds (which deadlocked).
     */
    private CopyRow copyRow(Connection c, long mailboxId, long uid) throws SQLException {
        requireMailbox(c, mailboxId);
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT header_prefix, content_id FROM message WHERE mailbox_id = ? AND uid = ?")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, uid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw expunged();
                }
                return new CopyRow(rs.getBytes(1), rs.getLong(2));
            }
        }
    }

    static StoreException expunged() {
        return new StoreException(StoreError.EXPUNGED, "the message has been expunged");
    }

    private long uidValidity(Connection c, long mailboxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT uidvalidity FROM mailbox WHERE id = ?")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** @throws StoreException NOT_FOUND unless the mailbox is this account's */
    private void requireMailbox(Connection c, long mailboxId) throws SQLException {
        if (!DerbyAdminStore.exists(c, "SELECT 1 FROM mailbox WHERE id = ? AND account_id = ?", mailboxId, accountId)) {
            throw MessageRows.noMailbox();
        }
    }

    interface RowConsumer {
        void accept(ResultSet rs) throws SQLException;
    }

    /** Feeds the rows of {@code uids} in UID order, with an extra condition ({@code ""} for none). */
    static void select(Connection c, String columns, String condition, long mailboxId, UidSet uids, RowConsumer out)
            throws SQLException {
        List<UidRange> ranges = uids.ranges();
        if (ranges.isEmpty()) {
            return;
        }
        boolean span = ranges.size() > MAX_RANGE_QUERIES;
        List<UidRange> queries = span
                ? List.of(new UidRange(ranges.get(0).first(), ranges.get(ranges.size() - 1).last())) : ranges;
        try (PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM message WHERE mailbox_id = ? "
                + "AND uid BETWEEN ? AND ? " + condition + "ORDER BY uid")) {
            for (UidRange r : queries) {
                ps.setLong(1, mailboxId);
                ps.setLong(2, r.first());
                ps.setLong(3, r.last());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (!span || uids.contains(rs.getLong(1))) {
                            out.accept(rs);
                        }
                    }
                }
            }
        }
    }

    /** Reads the columns of {@link #SUMMARY_COLUMNS}. */
    static MessageSummary summary(ResultSet rs) throws SQLException {
        return new MessageSummary(rs.getLong(1), rs.getLong(2), MessageRows.flags(rs.getInt(3), rs.getString(4)),
                Instant.ofEpochMilli(rs.getLong(5)), rs.getLong(6));
    }
}
