package org.mailroom.store.derby;

import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.mailroom.store.Flag;
import org.mailroom.store.Flags;
import org.mailroom.store.MessageContent;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;

/**
 * The statements every writer of messages shares: content, quota counters, UID and MODSEQ
 * allocation, removal. Locks are taken in one order everywhere — account rows (by id), then mailbox
 * rows (by id), then content rows (by id) — so that concurrent writers wait instead of deadlocking.
 */
final class MessageRows {

    static final int MAX_KEYWORDS_TEXT = 4000;
    static final int MAX_HEADER_PREFIX = 8192;

    private MessageRows() {
    }

    /** Stores content once with its reference count; streams it, never holding it in memory. */
    static long insertContent(Connection c, MessageContent content, byte[] structure, int refs)
            throws SQLException, IOException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO content (refs, size, data, structure) VALUES (?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS);
             InputStream in = content.open()) {
            ps.setInt(1, refs);
            ps.setLong(2, content.size());
            ps.setBinaryStream(3, in, content.size());
            if (structure == null) {
                ps.setNull(4, java.sql.Types.BLOB);
            } else {
                ps.setBytes(4, structure);
            }
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Adds references to content rows (copies), in id order. */
    static void addRefs(Connection c, Map<Long, Integer> refsByContent) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE content SET refs = refs + ? WHERE id = ?")) {
            for (Map.Entry<Long, Integer> e : new TreeMap<>(refsByContent).entrySet()) {
                ps.setInt(1, e.getValue());
                ps.setLong(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Drops references, in id order, and deletes the content rows left without any. */
    static void dropRefs(Connection c, Map<Long, Integer> refsByContent) throws SQLException {
        if (refsByContent.isEmpty()) {
            return;
        }
        Map<Long, Integer> sorted = new TreeMap<>(refsByContent);
        try (PreparedStatement ps = c.prepareStatement("UPDATE content SET refs = refs - ? WHERE id = ?")) {
            for (Map.Entry<Long, Integer> e : sorted.entrySet()) {
                ps.setInt(1, e.getValue());
                ps.setLong(2, e.getKey());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM content WHERE id = ? AND refs <= 0")) {
            for (long id : sorted.keySet()) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Locks the account row for this transaction (the first lock every writer of an account takes).
     *
     * @throws StoreException NOT_FOUND
     */
    static void lockAccount(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET used_messages = used_messages WHERE id = ?")) {
            ps.setLong(1, accountId);
            if (ps.executeUpdate() == 0) {
                throw DerbyStore.noAccount();
            }
        }
    }

    /**
     * Adds to the account's usage if its quota admits it, in one row update: the check and the
     * charge cannot be separated by a concurrent delivery.
     *
     * @throws StoreException OVER_QUOTA, or NOT_FOUND if the account is gone
     */
    static void charge(Connection c, long accountId, long bytes, long messages) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET used_bytes = used_bytes + ?, "
                + "used_messages = used_messages + ? WHERE id = ? "
                + "AND (quota_bytes = 0 OR used_bytes + ? <= quota_bytes) "
                + "AND (quota_messages = 0 OR used_messages + ? <= quota_messages)")) {
            ps.setLong(1, bytes);
            ps.setLong(2, messages);
            ps.setLong(3, accountId);
            ps.setLong(4, bytes);
            ps.setLong(5, messages);
            if (ps.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM account WHERE id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw DerbyStore.noAccount();
                }
            }
        }
        throw new StoreException(StoreError.OVER_QUOTA, "the mailbox is full");
    }

    static void refund(Connection c, long accountId, long bytes, long messages) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET used_bytes = used_bytes - ?, "
                + "used_messages = used_messages - ? WHERE id = ?")) {
            ps.setLong(1, bytes);
            ps.setLong(2, messages);
            ps.setLong(3, accountId);
            ps.executeUpdate();
        }
    }

    /** The UIDs handed out to new messages, and the MODSEQ they and the mailbox get. */
    record Allocation(long mailboxId, long uidValidity, long firstUid, long modSeq) {
    }

    /**
     * Reserves {@code count} UIDs and a new MODSEQ in one row update, which also locks the mailbox
     * until commit: UIDs are never handed out twice (RFC 9051 §2.3.1.1), nor reused after a rollback
     * by anyone who could have seen them.
     *
     * @throws StoreException NOT_FOUND if the mailbox is not the account's
     */
    static Allocation allocate(Connection c, long accountId, long mailboxId, int count) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE mailbox SET uidnext = uidnext + ?, "
                + "highestmodseq = highestmodseq + 1 WHERE id = ? AND account_id = ?")) {
            ps.setInt(1, count);
            ps.setLong(2, mailboxId);
            ps.setLong(3, accountId);
            if (ps.executeUpdate() == 0) {
                throw noMailbox();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT uidvalidity, uidnext, highestmodseq FROM mailbox WHERE id = ?")) {
            ps.setLong(1, mailboxId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Allocation(mailboxId, rs.getLong(1), rs.getLong(2) - count, rs.getLong(3));
            }
        }
    }

    /** A new MODSEQ for a change that adds no message (flags, expunge). */
    static Allocation nextModSeq(Connection c, long accountId, long mailboxId) throws SQLException {
        return allocate(c, accountId, mailboxId, 0);
    }

    static StoreException noMailbox() {
        return new StoreException(StoreError.NOT_FOUND, "no such mailbox");
    }

    /**
     * New message rows, inserted in one batch, and what they add to their mailboxes' counters and keyword
     * sets (schema V3's columns): the only way message rows are added, so that no writer can forget the
     * counters. Since V6 no trigger counts inserted rows: {@link #execute} updates each mailbox row once
     * per batch. The caller holds the mailbox rows' locks already ({@link #allocate}).
     */
    static final class Inserts implements AutoCloseable {

        private final Connection c;
        private final PreparedStatement ps;
        private final Long saveDate;
        /** Per mailbox: messages, unseen messages, bytes. */
        private final Map<Long, long[]> counts = new TreeMap<>();
        private final Map<Long, Set<String>> keywordSets = new TreeMap<>();

        private Inserts(Connection c, Long saveDate) throws SQLException {
            this.c = c;
            this.saveDate = saveDate;
            this.ps = c.prepareStatement("INSERT INTO message (mailbox_id, uid, modseq, flags, keywords, "
                    + "internal_date, size, header_prefix, content_id, save_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        /** Delivered messages: no save date of their own, their internal date is the moment they were stored (V4). */
        static Inserts delivered(Connection c) throws SQLException {
            return new Inserts(c, null);
        }

        /**
         * Messages saved by APPEND, COPY or MOVE now (RFC 8514 §3: a copy's internal date stays, its save
         * date is the copy's). Set in the insert itself: an update afterwards found the new rows by scanning
         * the mailbox, and APPEND to a mailbox of 15,000 messages managed 90 a second.
         */
        static Inserts saved(Connection c, long epochMillis) throws SQLException {
            return new Inserts(c, epochMillis);
        }

        void add(long mailboxId, long uid, long modSeq, Flags flags, long internalDate, long size, byte[] headerPrefix,
                 long contentId) throws SQLException {
            if (headerPrefix.length > MAX_HEADER_PREFIX) {
                throw new StoreException(StoreError.NOT_ALLOWED, "the added header lines are too long");
            }
            String keywords = keywords(flags);
            ps.setLong(1, mailboxId);
            ps.setLong(2, uid);
            ps.setLong(3, modSeq);
            ps.setInt(4, flags.bits());
            ps.setString(5, keywords);
            ps.setLong(6, internalDate);
            ps.setLong(7, size);
            ps.setBytes(8, headerPrefix);
            ps.setLong(9, contentId);
            if (saveDate == null) {
                ps.setNull(10, java.sql.Types.BIGINT);
            } else {
                ps.setLong(10, saveDate);
            }
            ps.addBatch();
            long[] n = counts.computeIfAbsent(mailboxId, k -> new long[3]);
            n[0]++;
            n[1] += flags.has(Flag.SEEN) ? 0 : 1;
            n[2] += size;
            if (!keywords.isEmpty()) {
                keywordSets.computeIfAbsent(mailboxId, k -> new TreeSet<>()).add(keywords);
            }
        }

        /** Inserts the rows added, then counts them in their mailboxes (in id order, as every writer locks). */
        void execute() throws SQLException {
            if (counts.isEmpty()) {
                return;
            }
            ps.executeBatch();
            try (PreparedStatement count = c.prepareStatement("UPDATE mailbox SET message_count = message_count + ?, "
                    + "unseen_count = unseen_count + ?, total_size = total_size + ? WHERE id = ?")) {
                for (Map.Entry<Long, long[]> e : counts.entrySet()) {
                    count.setLong(1, e.getValue()[0]);
                    count.setLong(2, e.getValue()[1]);
                    count.setLong(3, e.getValue()[2]);
                    count.setLong(4, e.getKey());
                    count.addBatch();
                }
                count.executeBatch();
            }
            if (keywordSets.isEmpty()) {
                return;
            }
            // As Dovecot keeps a mailbox's keywords: a set stays listed after its last message loses it (V3).
            try (PreparedStatement add = c.prepareStatement("INSERT INTO mailbox_keywords (mailbox_id, keywords) "
                    + "SELECT ?, ? FROM SYSIBM.SYSDUMMY1 WHERE NOT EXISTS "
                    + "(SELECT 1 FROM mailbox_keywords k WHERE k.mailbox_id = ? AND k.keywords = ?)")) {
                for (Map.Entry<Long, Set<String>> e : keywordSets.entrySet()) {
                    for (String k : e.getValue()) {
                        add.setLong(1, e.getKey());
                        add.setString(2, k);
                        add.setLong(3, e.getKey());
                        add.setString(4, k);
                        add.executeUpdate();
                    }
                }
            }
        }

        @Override
        public void close() throws SQLException {
            ps.close();
        }
    }

    /** Deletes message rows and records their UIDs with the MODSEQ of the expunge (RFC 7162 §3.2.10). */
    static void expungeRows(Connection c, long mailboxId, List<Long> uids, long modSeq) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM message WHERE mailbox_id = ? AND uid = ?");
             PreparedStatement ins = c.prepareStatement(
                     "INSERT INTO expunged (mailbox_id, uid, modseq) VALUES (?, ?, ?)")) {
            for (long uid : uids) {
                del.setLong(1, mailboxId);
                del.setLong(2, uid);
                del.addBatch();
                ins.setLong(1, mailboxId);
                ins.setLong(2, uid);
                ins.setLong(3, modSeq);
                ins.addBatch();
            }
            del.executeBatch();
            ins.executeBatch();
        }
    }

    /** Keywords as stored: space-separated atoms. */
    static String keywords(Flags flags) {
        String k = String.join(" ", flags.keywords());
        for (String w : flags.keywords()) {
            if (w.isEmpty() || w.indexOf(' ') >= 0 || w.length() > Flags.MAX_KEYWORD_LENGTH) {
                throw new StoreException(StoreError.NOT_ALLOWED, "not a valid keyword");
            }
        }
        if (k.length() > MAX_KEYWORDS_TEXT) {
            throw new StoreException(StoreError.NOT_ALLOWED, "too many keywords on one message");
        }
        return k;
    }

    static Flags flags(int bits, String keywords) {
        Set<String> k = keywords.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(keywords.split(" ")));
        return new Flags(Flags.fromBits(bits), k);
    }
}
