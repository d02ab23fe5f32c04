package org.mailroom.store.derby;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MessageContent;
import org.mailroom.store.QueueStore;
import org.mailroom.store.QueuedRecipient;
import org.mailroom.store.QueuedRecipient.DsnNotify;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;

/** The outbound queue: one row per remote recipient, sharing the delivery's content row. */
final class DerbyQueueStore implements QueueStore {

    static final int MAX_ERROR_LENGTH = 1000;
    private static final String COLUMNS = "q.id, q.sender, q.recipient, q.notify, q.orcpt, q.envid, q.ret_headers, "
            + "q.created, q.next_attempt, q.attempts, q.last_error, c.size, q.content_id";
    private static final String FROM = " FROM queue q JOIN content c ON c.id = q.content_id ";

    private final Transactions tx;

    DerbyQueueStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public List<Long> enqueue(MessageContent content, List<QueuedRecipient> recipients, Instant now) {
        if (recipients.isEmpty()) {
            return List.of();
        }
        return tx.run("enqueue", t -> {
            long contentId = MessageRows.insertContent(t.connection(), content, null, recipients.size());
            return insertEntries(t.connection(), contentId, recipients, now);
        });
    }

    /** Adds queue rows for content whose reference count already includes them; due at once. */
    static List<Long> insertEntries(Connection c, long contentId, List<QueuedRecipient> recipients, Instant now)
            throws SQLException {
        List<Long> ids = new ArrayList<>(recipients.size());
        if (recipients.isEmpty()) {
            return ids;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO queue (content_id, sender, recipient, notify, orcpt, "
                + "envid, ret_headers, created, next_attempt, attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (QueuedRecipient r : recipients) {
                ps.setLong(1, contentId);
                ps.setString(2, r.sender().map(EmailAddress::toString).orElse(null));
                ps.setString(3, r.recipient().toString());
                ps.setString(4, r.notifyOn().stream().map(Enum::name).sorted().collect(Collectors.joining(",")));
                ps.setString(5, r.originalRecipient().orElse(null));
                ps.setString(6, r.envelopeId().orElse(null));
                ps.setBoolean(7, r.returnHeadersOnly());
                ps.setLong(8, now.toEpochMilli());
                ps.setLong(9, now.toEpochMilli());
                // One statement per row: getGeneratedKeys after a batch is not reliable in Derby.
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    @Override
    public List<QueueEntry> due(Instant now, int limit) {
        return tx.run("list due", t -> entries(t.connection(), "WHERE q.next_attempt <= ? ORDER BY q.created, q.id "
                + "FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY", now.toEpochMilli()));
    }

    @Override
    public List<QueueEntry> list() {
        return tx.run("list queue", t -> entries(t.connection(), "ORDER BY q.created, q.id"));
    }

    @Override
    public Optional<QueueEntry> find(long id) {
        return tx.run("find queue entry", t -> entries(t.connection(), "WHERE q.id = ?", id).stream().findFirst());
    }

    @Override
    public InputStream openContent(long id) {
        return ContentStream.open(tx, "open queued message",
                "SELECT CAST(NULL AS VARCHAR(1) FOR BIT DATA), c.data" + FROM + "WHERE q.id = ?", ps -> {
                    ps.setLong(1, id);
                    return ContentStream.single(ps.executeQuery(), DerbyQueueStore::notFound);
                });
    }

    @Override
    public void deferred(long id, String error, Instant nextAttempt) {
        String e = error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error;
        tx.run("defer", t -> {
            if (DerbyAdminStore.update(t.connection(), "UPDATE queue SET attempts = attempts + 1, last_error = ?, "
                    + "next_attempt = ? WHERE id = ?", e, nextAttempt.toEpochMilli(), id) == 0) {
                throw notFound();
            }
            return null;
        });
    }

    @Override
    public void remove(long id) {
        tx.run("remove queue entry", t -> {
            Connection c = t.connection();
            long contentId;
            try (PreparedStatement ps = c.prepareStatement("SELECT content_id FROM queue WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw notFound();
                    }
                    contentId = rs.getLong(1);
                }
            }
            if (DerbyAdminStore.update(c, "DELETE FROM queue WHERE id = ?", id) == 0) {
                throw notFound();
            }
            MessageRows.dropRefs(c, Map.of(contentId, 1));
            return null;
        });
    }

    @Override
    public int retryNow(Optional<Long> id, Instant now) {
        return tx.run("retry", t -> id.isPresent()
                ? DerbyAdminStore.update(t.connection(), "UPDATE queue SET next_attempt = ? WHERE id = ?",
                        now.toEpochMilli(), id.get())
                : DerbyAdminStore.update(t.connection(), "UPDATE queue SET next_attempt = ?", now.toEpochMilli()));
    }

    private static List<QueueEntry> entries(Connection c, String tail, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + FROM + tail)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<QueueEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(entry(rs));
                }
            }
            return out;
        }
    }

    private static QueueEntry entry(ResultSet rs) throws SQLException {
        Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
        for (String n : rs.getString(4).split(",")) {
            if (!n.isEmpty()) {
                notify.add(DsnNotify.valueOf(n));
            }
        }
        QueuedRecipient r = new QueuedRecipient(Optional.ofNullable(rs.getString(2)).map(EmailAddress::parse),
                EmailAddress.parse(rs.getString(3)), notify, Optional.ofNullable(rs.getString(5)),
                Optional.ofNullable(rs.getString(6)), rs.getBoolean(7));
        return new QueueEntry(rs.getLong(1), r, Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9)),
                rs.getInt(10), Optional.ofNullable(rs.getString(11)), rs.getLong(12), rs.getLong(13));
    }

    private static StoreException notFound() {
        return new StoreException(StoreError.NOT_FOUND, "no such queue entry");
    }
}
