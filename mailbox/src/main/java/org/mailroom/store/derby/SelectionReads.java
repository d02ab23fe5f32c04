package org.mailroom.store.derby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What an IMAP SELECT reads besides the mailbox row, each without visiting every message row: the
 * UIDs from the primary key's index alone, or only those changed since the last SELECT ({@link UidLists}), the first unseen message by walking that index until it
 * finds one, the keywords from the per-mailbox keyword sets of V3.
 */
final class SelectionReads {

    private final Transactions tx;
    private final long accountId;
    private final UidLists uidLists;

    SelectionReads(Transactions tx, long accountId, UidLists uidLists) {
        this.tx = tx;
        this.accountId = accountId;
        this.uidLists = uidLists;
    }

    long[] uids(long mailboxId) {
        return tx.run("list uids", t -> uidLists.uids(t.connection(), accountId, mailboxId));
    }

    long firstUnseenUid(long mailboxId) {
        return tx.run("first unseen", t -> {
            Connection c = t.connection();
            requireMailbox(c, mailboxId);
            // \Seen is bit 1 (Flag#bit).
            try (PreparedStatement ps = c.prepareStatement("SELECT uid FROM message WHERE mailbox_id = ? "
                    + "AND MOD(flags, 2) = 0 ORDER BY uid FETCH FIRST ROW ONLY")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
    }

    SortedSet<String> keywords(long mailboxId) {
        return tx.run("list keywords", t -> {
            Connection c = t.connection();
            requireMailbox(c, mailboxId);
            SortedSet<String> out = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT keywords FROM mailbox_keywords WHERE mailbox_id = ?")) {
                ps.setLong(1, mailboxId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.addAll(MessageRows.flags(0, rs.getString(1)).keywords());
                    }
                }
            }
            return out;
        });
    }

    private void requireMailbox(Connection c, long mailboxId) throws SQLException {
        if (!DerbyAdminStore.exists(c, "SELECT 1 FROM mailbox WHERE id = ? AND account_id = ?", mailboxId, accountId)) {
            throw MessageRows.noMailbox();
        }
    }
}
