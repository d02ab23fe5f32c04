package org.mailroom.store.derby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The UIDs of large mailboxes, kept between SELECTs and brought up to date from what changed since,
 * the way a QRESYNC client resynchronises (RFC 7162 §3.2.5): rows added since are the UIDs from the
 * UIDNEXT last seen on, rows removed since are the {@code expunged} rows above the HIGHESTMODSEQ last
 * seen. Reading every UID of a mailbox of 100,000 messages took 40–50 ms, and SELECT grew with the
 * mailbox; now it costs what changed.
 *
 * <p>Every writer that adds message rows allocates their UIDs from UIDNEXT, and every writer that
 * removes rows from a mailbox that stays records them in {@code expunged} with a new HIGHESTMODSEQ
 * ({@link MessageRows}). A change committed while the list is read may be seen twice; adding and
 * removing are idempotent, so a list a little ahead of the state it was recorded with comes right at
 * the next change. A list whose length disagrees with the mailbox's message count is read whole.
 */
final class UidLists {

    /** Mailboxes smaller than this are read whole each time (a few milliseconds at most). */
    static final int MIN_KEPT = 2_000;
    /** UIDs kept over all mailboxes: 4 MB as 32-bit UIDs (RFC 9051 §2.3.1.1: UIDs are 32-bit). */
    static final int MAX_KEPT_UIDS = 1_000_000;

    private record Known(long uidValidity, long uidNext, long highestModSeq, int[] uids) {
    }

    private record Counters(long uidValidity, long uidNext, long highestModSeq, long messages) {
    }

    private static final String ALL_FROM = "SELECT uid FROM message WHERE mailbox_id = ? AND uid >= ? ORDER BY uid";

    private final Map<Long, Known> known = new LinkedHashMap<>(16, 0.75f, true);
    private long keptUids;
    /** Lists read whole, for tests that the kept ones are used. */
    private final java.util.concurrent.atomic.AtomicLong readsWhole = new java.util.concurrent.atomic.AtomicLong();

    /**
     * The UIDs of the account's mailbox in ascending order, read in the caller's transaction.
     *
     * @throws org.mailroom.store.StoreException NOT_FOUND if the mailbox is not the account's
     */
    long[] uids(Connection c, long accountId, long mailboxId) throws SQLException {
        Counters now = counters(c, accountId, mailboxId);
        Known k = get(mailboxId);
        long[] uids = null;
        if (k != null && k.uidValidity() == now.uidValidity()) {
            uids = k.uidNext() == now.uidNext() && k.highestModSeq() == now.highestModSeq()
                    ? widen(k.uids()) : changedSince(c, mailboxId, k);
            if (uids.length != now.messages()) {
                uids = null;
            }
        }
        if (uids == null) {
            uids = readAll(c, mailboxId);
        }
        if (uids.length >= MIN_KEPT && uids.length == now.messages()) {
            put(mailboxId, new Known(now.uidValidity(), now.uidNext(), now.highestModSeq(), narrow(uids)));
        } else {
            remove(mailboxId);
        }
        return uids;
    }

    private static Counters counters(Connection c, long accountId, long mailboxId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT uidvalidity, uidnext, highestmodseq, message_count "
                + "FROM mailbox WHERE id = ? AND account_id = ?")) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw MessageRows.noMailbox();
                }
                return new Counters(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /** The kept list without the rows expunged since and with the rows added since, merged in order. */
    private static long[] changedSince(Connection c, long mailboxId, Known k) throws SQLException {
        long[] removed = read(c, "SELECT uid FROM expunged WHERE mailbox_id = ? AND modseq > ? ORDER BY uid",
                mailboxId, k.highestModSeq());
        long[] added = read(c, ALL_FROM, mailboxId, k.uidNext());
        int[] old = k.uids();
        long[] out = new long[old.length + added.length];
        int n = 0;
        int i = 0;
        int j = 0;
        while (i < old.length || j < added.length) {
            long a = i < old.length ? Integer.toUnsignedLong(old[i]) : Long.MAX_VALUE;
            long b = j < added.length ? added[j] : Long.MAX_VALUE;
            long u = Math.min(a, b);
            i += a == u ? 1 : 0;
            j += b == u ? 1 : 0;
            if (Arrays.binarySearch(removed, u) < 0) {
                out[n++] = u;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private long[] readAll(Connection c, long mailboxId) throws SQLException {
        readsWhole.incrementAndGet();
        return read(c, ALL_FROM, mailboxId, 0);
    }

    long readsWhole() {
        return readsWhole.get();
    }

    /** Runs {@code sql}, whose parameters are the mailbox and a lower bound, and returns column 1. */
    private static long[] read(Connection c, String sql, long mailboxId, long bound) throws SQLException {
        long[] out = new long[64];
        int n = 0;
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, mailboxId);
            ps.setLong(2, bound);
            ps.setFetchSize(1000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (n == out.length) {
                        out = Arrays.copyOf(out, n * 2);
                    }
                    out[n++] = rs.getLong(1);
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int[] narrow(long[] uids) {
        int[] out = new int[uids.length];
        for (int i = 0; i < uids.length; i++) {
            out[i] = (int) uids[i];
        }
        return out;
    }

    private static long[] widen(int[] uids) {
        long[] out = new long[uids.length];
        for (int i = 0; i < uids.length; i++) {
            out[i] = Integer.toUnsignedLong(uids[i]);
        }
        return out;
    }

    private synchronized Known get(long mailboxId) {
        return known.get(mailboxId);
    }

    private synchronized void put(long mailboxId, Known k) {
        Known before = known.put(mailboxId, k);
        keptUids += k.uids().length - (before == null ? 0 : before.uids().length);
        for (Iterator<Known> i = known.values().iterator(); keptUids > MAX_KEPT_UIDS && i.hasNext(); ) {
            Known eldest = i.next();
            if (eldest != k) {
                keptUids -= eldest.uids().length;
                i.remove();
            }
        }
    }

    private synchronized void remove(long mailboxId) {
        Known before = known.remove(mailboxId);
        if (before != null) {
            keptUids -= before.uids().length;
        }
    }
}
