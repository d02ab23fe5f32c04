package org.mailroom.store.derby;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import org.mailroom.store.CredentialStore;
import org.mailroom.store.EmailAddress;

/** What authentication reads: stored hashes and SCRAM verifiers, looked up by folded address. */
final class DerbyCredentialStore implements CredentialStore {

    private final Transactions tx;

    DerbyCredentialStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public Optional<StoredCredentials> find(EmailAddress address) {
        return tx.run("find credentials", t -> {
            try (PreparedStatement ps = t.connection().prepareStatement("SELECT id, address, enabled, password_hash, "
                    + "scram_verifier FROM account WHERE address_key = ?")) {
                ps.setString(1, address.key());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredCredentials(rs.getLong(1), EmailAddress.parse(rs.getString(2)),
                            rs.getBoolean(3), rs.getString(4), rs.getString(5)));
                }
            }
        });
    }
}
