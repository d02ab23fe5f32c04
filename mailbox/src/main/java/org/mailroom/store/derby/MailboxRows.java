package org.mailroom.store.derby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;
import org.mailroom.store.SpecialUse;

/** Statements on mailbox rows shared by the administration and the IMAP view. */
final class MailboxRows {

    private MailboxRows() {
    }

    static OptionalLong find(Connection c, long accountId, MailboxName name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM mailbox WHERE account_id = ? AND name = ?")) {
            ps.setLong(1, accountId);
            ps.setString(2, name.path());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * Hands out {@code count} fresh UIDVALIDITY values: the current time in seconds, or one more than
     * the last one given, whichever is higher, so that a mailbox deleted and created again under the
     * same name never repeats one (RFC 9051 §2.3.1.1). 32 bits hold seconds until 2106.
     */
    static long nextUidValidities(Connection c, int count) throws SQLException {
        long now = System.currentTimeMillis() / 1000;
        try (PreparedStatement ps = c.prepareStatement("UPDATE counter SET counter_value = CASE "
                + "WHEN counter_value + 1 > ? THEN counter_value + ? ELSE ? END WHERE name = 'uidvalidity'")) {
            ps.setLong(1, now);
            ps.setLong(2, count);
            ps.setLong(3, now + count - 1);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT counter_value FROM counter WHERE name = 'uidvalidity'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) - count + 1;
        }
    }

    static long insert(Connection c, long accountId, MailboxName name, Optional<SpecialUse> specialUse,
                       long uidValidity) throws SQLException {
        return insert(c, accountId, name, specialUse, uidValidity, 1, 1);
    }

    static long insert(Connection c, long accountId, MailboxName name, Optional<SpecialUse> specialUse,
                       long uidValidity, long uidNext, long highestModSeq) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO mailbox (account_id, name, uidvalidity, uidnext, "
                + "highestmodseq, special_use) VALUES (?, ?, ?, ?, ?, ?)", PreparedStatement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, accountId);
            ps.setString(2, name.path());
            ps.setLong(3, uidValidity);
            ps.setLong(4, uidNext);
            ps.setLong(5, highestModSeq);
            ps.setString(6, specialUse.map(SpecialUse::name).orElse(null));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Creates INBOX and the special-use mailboxes of RFC 6154 that every new account gets. */
    static void createDefaults(Connection c, long accountId) throws SQLException {
        SpecialUse[] uses = SpecialUse.values();
        long uidValidity = nextUidValidities(c, uses.length + 1);
        insert(c, accountId, MailboxName.INBOX, Optional.empty(), uidValidity++);
        for (SpecialUse u : uses) {
            insert(c, accountId, u.defaultName(), Optional.of(u), uidValidity++);
        }
    }

    /** The account's mailboxes with their counters, sorted by name; {@code only} narrows to one. */
    static List<MailboxInfo> infos(Connection c, long accountId, Optional<MailboxName> only) throws SQLException {
        Set<String> subscribed = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT name FROM subscription WHERE account_id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    subscribed.add(rs.getString(1));
                }
            }
        }
        // The counters are columns of the mailbox row, kept by the triggers of V3__mailbox_counters.sql:
        // one row read per mailbox, however many messages it holds.
        String sql = "SELECT id, name, uidvalidity, uidnext, highestmodseq, special_use, message_count, unseen_count, "
                + "total_size FROM mailbox WHERE account_id = ?" + (only.isPresent() ? " AND name = ?" : "");
        List<MailboxInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, accountId);
            if (only.isPresent()) {
                ps.setString(2, only.get().path());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(2);
                    String use = rs.getString(6);
                    out.add(new MailboxInfo(rs.getLong(1), MailboxName.of(name), rs.getLong(3), rs.getLong(4),
                            rs.getLong(5), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            Optional.ofNullable(use).map(SpecialUse::valueOf), subscribed.contains(name)));
                }
            }
        }
        out.sort(Comparator.comparing(MailboxInfo::name));
        return out;
    }

    /**
     * Removes every message of the mailboxes selected by {@code where} (a condition on {@code x}, the
     * message, with one parameter), refunding the account and dropping content references.
     */
    static void removeAllMessages(Connection c, long accountId, String where, long param) throws SQLException {
        Map<Long, Integer> refs = new HashMap<>();
        long bytes = 0;
        long count = 0;
        try (PreparedStatement ps = c.prepareStatement("SELECT x.content_id, COUNT(*), SUM(x.size) FROM message x "
                + "WHERE " + where + " GROUP BY x.content_id")) {
            ps.setLong(1, param);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    refs.put(rs.getLong(1), rs.getInt(2));
                    count += rs.getLong(2);
                    bytes += rs.getLong(3);
                }
            }
        }
        if (count == 0) {
            return;
        }
        // The delete's triggers update the mailbox rows (V3): lock them first, as every writer does,
        // so that a concurrent STORE holding a mailbox row and waiting for its messages cannot deadlock.
        try (PreparedStatement ps = c.prepareStatement("UPDATE mailbox SET message_count = message_count WHERE id IN "
                + "(SELECT DISTINCT x.mailbox_id FROM message x WHERE " + where + ")")) {
            ps.setLong(1, param);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM message x WHERE " + where)) {
            ps.setLong(1, param);
            ps.executeUpdate();
        }
        MessageRows.refund(c, accountId, bytes, count);
        MessageRows.dropRefs(c, refs);
    }
}
