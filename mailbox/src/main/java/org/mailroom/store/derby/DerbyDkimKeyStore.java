package org.mailroom.store.derby;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.mailroom.store.DkimKey;
import org.mailroom.store.DkimKeyStore;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;

/** DKIM keys in the {@code dkim_key} table (schema version 2). */
final class DerbyDkimKeyStore implements DkimKeyStore {

    private static final String COLUMNS = "domain, selector, algorithm, private_key, public_key, created";

    private final Transactions tx;

    DerbyDkimKeyStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public void add(DkimKey key) {
        tx.run("add DKIM key", t -> DerbyAdminStore.update(t.connection(), "INSERT INTO dkim_key (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?)", key.domain(), key.selector(), key.algorithm(), key.privateKey(),
                key.publicKey(), key.created().toEpochMilli()));
    }

    @Override
    public void remove(String domain, String selector) {
        tx.run("remove DKIM key", t -> {
            if (DerbyAdminStore.update(t.connection(), "DELETE FROM dkim_key WHERE domain = ? AND selector = ?",
                    domain, selector) == 0) {
                throw new StoreException(StoreError.NOT_FOUND, "no such DKIM key");
            }
            return null;
        });
    }

    @Override
    public Optional<DkimKey> find(String domain, String selector) {
        return tx.run("find DKIM key", t -> {
            List<DkimKey> keys = query(t, "WHERE domain = ? AND selector = ?", domain, selector);
            return keys.stream().findFirst();
        });
    }

    @Override
    public List<DkimKey> list(Optional<String> domain) {
        return tx.run("list DKIM keys", t -> domain.isPresent()
                ? query(t, "WHERE domain = ? ORDER BY created DESC, selector", domain.get())
                : query(t, "ORDER BY domain, created DESC, selector"));
    }

    private static List<DkimKey> query(Transactions.Tx t, String where, Object... params) throws SQLException {
        try (PreparedStatement ps = t.connection().prepareStatement("SELECT " + COLUMNS + " FROM dkim_key " + where)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            List<DkimKey> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DkimKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))));
                }
            }
            return out;
        }
    }
}
