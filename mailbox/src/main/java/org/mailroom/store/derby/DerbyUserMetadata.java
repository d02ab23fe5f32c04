package org.mailroom.store.derby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedMap;
import java.util.TreeMap;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxName;
import org.mailroom.store.UserMetadata;

/** Annotations in {@code server_metadata} and {@code mailbox_metadata} (schema V5). */
final class DerbyUserMetadata implements UserMetadata {

    private final Transactions tx;
    private final long accountId;

    DerbyUserMetadata(Transactions tx, long accountId) {
        this.tx = tx;
        this.accountId = accountId;
    }

    /** The table and owner id behind a server's or a mailbox's entries. */
    private record Owner(String table, String column, long id) {

        OptionalLong mailboxId() {
            return table.equals("mailbox_metadata") ? OptionalLong.of(id) : OptionalLong.empty();
        }
    }

    private Owner owner(Connection c, Optional<MailboxName> mailbox) throws SQLException {
        if (mailbox.isEmpty()) {
            return new Owner("server_metadata", "account_id", accountId);
        }
        long id = MailboxRows.find(c, accountId, mailbox.get()).orElseThrow(MessageRows::noMailbox);
        return new Owner("mailbox_metadata", "mailbox_id", id);
    }

    @Override
    public SortedMap<String, byte[]> entries(Optional<MailboxName> mailbox) {
        return tx.run("read metadata", t -> {
            Connection c = t.connection();
            Owner o = owner(c, mailbox);
            SortedMap<String, byte[]> out = new TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT entry, entry_value FROM " + o.table() + " WHERE " + o.column() + " = ?")) {
                ps.setLong(1, o.id());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getBytes(2));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public boolean set(Optional<MailboxName> mailbox, Map<String, Optional<byte[]>> changes, int maxEntries) {
        return tx.run("set metadata", t -> {
            Connection c = t.connection();
            MessageRows.lockAccount(c, accountId);
            Owner o = owner(c, mailbox);
            for (Map.Entry<String, Optional<byte[]>> e : changes.entrySet()) {
                String entry = e.getKey().toLowerCase(Locale.ROOT);
                DerbyAdminStore.update(c, "DELETE FROM " + o.table() + " WHERE " + o.column() + " = ? AND entry = ?",
                        o.id(), entry);
                if (e.getValue().isPresent()) {
                    if (e.getValue().get().length > MAX_VALUE) {
                        throw new IllegalArgumentException("metadata value longer than " + MAX_VALUE);
                    }
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + o.table() + " (" + o.column()
                            + ", entry, entry_value) VALUES (?, ?, ?)")) {
                        ps.setLong(1, o.id());
                        ps.setString(2, entry);
                        ps.setBytes(3, e.getValue().get());
                        ps.executeUpdate();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM " + o.table() + " WHERE " + o.column() + " = ?")) {
                ps.setLong(1, o.id());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (rs.getLong(1) > maxEntries) {
                        t.rollbackOnly();
                        return false;
                    }
                }
            }
            List<String> entries = changes.keySet().stream().map(e -> e.toLowerCase(Locale.ROOT)).sorted().toList();
            t.afterCommit(new MailboxEvent.MetadataChanged(accountId, o.mailboxId(), entries));
            return true;
        });
    }
}
