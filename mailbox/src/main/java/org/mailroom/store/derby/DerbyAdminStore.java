package org.mailroom.store.derby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;
import org.mailroom.store.Account;
import org.mailroom.store.AdminStore;
import org.mailroom.store.Alias;
import org.mailroom.store.Cidr;
import org.mailroom.store.Domains;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.Quota;
import org.mailroom.store.QuotaUsage;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.UserMailboxes;

/** Domains, accounts, aliases, relay rules and quotas, as {@code mailroom-admin} manages them. */
final class DerbyAdminStore implements AdminStore {

    static final String ACCOUNT_COLUMNS = "id, address, enabled, quota_bytes, quota_messages";

    private final Transactions tx;
    private final LongFunction<UserMailboxes> mailboxes;
    private final DirectoryCache directory;

    DerbyAdminStore(Transactions tx, LongFunction<UserMailboxes> mailboxes, DirectoryCache directory) {
        this.tx = tx;
        this.mailboxes = mailboxes;
        this.directory = directory;
    }

    /** A change of domains, accounts or relay rules: the delivery path's cached answers are dropped after it. */
    private <T> T change(String what, Transactions.Work<T> work) {
        try {
            return tx.run(what, work);
        } finally {
            directory.clear();
        }
    }

    @Override
    public void addDomain(String domain) {
        String d = Domains.normalize(domain);
        change("add domain", t -> update(t.connection(), "INSERT INTO domain (name) VALUES (?)", d));
    }

    @Override
    public void removeDomain(String domain) {
        String d = Domains.normalize(domain);
        change("remove domain", t -> {
            Connection c = t.connection();
            if (exists(c, "SELECT 1 FROM account WHERE domain = ?", d) || exists(c, "SELECT 1 FROM alias WHERE domain = ?", d)) {
                throw new StoreException(StoreError.NOT_ALLOWED, "the domain still has accounts or aliases");
            }
            if (update(c, "DELETE FROM domain WHERE name = ?", d) == 0) {
                throw new StoreException(StoreError.NOT_FOUND, "no such domain");
            }
            return null;
        });
    }

    @Override
    public List<String> domains() {
        return tx.run("list domains", t -> strings(t.connection(), "SELECT name FROM domain ORDER BY name"));
    }

    @Override
    public Account addAccount(EmailAddress address, String passwordHash, String scramVerifier, Quota quota) {
        return change("add account", t -> {
            Connection c = t.connection();
            if (!exists(c, "SELECT 1 FROM domain WHERE name = ?", address.domain())) {
                throw new StoreException(StoreError.NOT_FOUND, "the domain is not local");
            }
            if (exists(c, "SELECT 1 FROM alias WHERE source = ?", address.key())) {
                throw new StoreException(StoreError.ALREADY_EXISTS, "an alias has this address");
            }
            long id;
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO account (address_key, address, domain, "
                    + "password_hash, scram_verifier, enabled, quota_bytes, quota_messages) "
                    + "VALUES (?, ?, ?, ?, ?, TRUE, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, address.key());
                ps.setString(2, address.toString());
                ps.setString(3, address.domain());
                ps.setString(4, passwordHash);
                ps.setString(5, scramVerifier);
                ps.setLong(6, quota.maxBytes());
                ps.setLong(7, quota.maxMessages());
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    id = rs.getLong(1);
                }
            }
            MailboxRows.createDefaults(c, id);
            return new Account(id, address, true, quota);
        });
    }

    @Override
    public void removeAccount(EmailAddress address) {
        change("remove account", t -> {
            Connection c = t.connection();
            long id = requireAccount(c, address);
            MessageRows.lockAccount(c, id);
            MailboxRows.removeAllMessages(c, id,
                    "x.mailbox_id IN (SELECT m.id FROM mailbox m WHERE m.account_id = ?)", id);
            update(c, "DELETE FROM account WHERE id = ?", id);
            t.afterCommit(new MailboxEvent.MailboxesChanged(id));
            return null;
        });
    }

    @Override
    public List<Account> accounts(Optional<String> domain) {
        return tx.run("list accounts", t -> {
            String sql = "SELECT " + ACCOUNT_COLUMNS + " FROM account "
                    + (domain.isPresent() ? "WHERE domain = ? " : "") + "ORDER BY address_key";
            try (PreparedStatement ps = t.connection().prepareStatement(sql)) {
                if (domain.isPresent()) {
                    ps.setString(1, Domains.normalize(domain.get()));
                }
                List<Account> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(account(rs));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Optional<Account> account(EmailAddress address) {
        return tx.run("find account", t -> find(t.connection(), address));
    }

    static Optional<Account> find(Connection c, EmailAddress address) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ACCOUNT_COLUMNS + " FROM account WHERE address_key = ?")) {
            ps.setString(1, address.key());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(account(rs)) : Optional.empty();
            }
        }
    }

    /** Reads the columns of {@link #ACCOUNT_COLUMNS}. */
    static Account account(ResultSet rs) throws SQLException {
        return new Account(rs.getLong(1), EmailAddress.parse(rs.getString(2)), rs.getBoolean(3),
                new Quota(rs.getLong(4), rs.getLong(5)));
    }

    @Override
    public void setCredentials(EmailAddress address, String passwordHash, String scramVerifier) {
        tx.run("set credentials", t -> requireUpdated(update(t.connection(),
                "UPDATE account SET password_hash = ?, scram_verifier = ? WHERE address_key = ?",
                passwordHash, scramVerifier, address.key())));
    }

    @Override
    public void setEnabled(EmailAddress address, boolean enabled) {
        change("enable account", t -> requireUpdated(update(t.connection(),
                "UPDATE account SET enabled = ? WHERE address_key = ?", enabled, address.key())));
    }

    @Override
    public void setQuota(EmailAddress address, Quota quota) {
        change("set quota", t -> requireUpdated(update(t.connection(),
                "UPDATE account SET quota_bytes = ?, quota_messages = ? WHERE address_key = ?",
                quota.maxBytes(), quota.maxMessages(), address.key())));
    }

    @Override
    public List<MailboxInfo> mailboxesOf(EmailAddress address) {
        long id = account(address).orElseThrow(DerbyStore::noAccount).id();
        return mailboxes.apply(id).list();
    }

    @Override
    public QuotaUsage usageOf(EmailAddress address) {
        long id = account(address).orElseThrow(DerbyStore::noAccount).id();
        return mailboxes.apply(id).usage();
    }

    @Override
    public void addAlias(Alias alias) {
        tx.run("add alias", t -> {
            Connection c = t.connection();
            if (!exists(c, "SELECT 1 FROM domain WHERE name = ?", alias.domain())) {
                throw new StoreException(StoreError.NOT_FOUND, "the domain is not local");
            }
            if (exists(c, "SELECT 1 FROM account WHERE address_key = ?", alias.source())) {
                throw new StoreException(StoreError.ALREADY_EXISTS, "an account has this address");
            }
            update(c, "INSERT INTO alias (source, domain) VALUES (?, ?)", alias.source(), alias.domain());
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO alias_target (source, seq, target, target_key) VALUES (?, ?, ?, ?)")) {
                int seq = 0;
                for (EmailAddress target : alias.targets()) {
                    ps.setString(1, alias.source());
                    ps.setInt(2, seq++);
                    ps.setString(3, target.toString());
                    ps.setString(4, target.key());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void removeAlias(String source) {
        String s = Alias.normalizeSource(source);
        tx.run("remove alias", t -> requireUpdated(update(t.connection(), "DELETE FROM alias WHERE source = ?", s)));
    }

    @Override
    public List<Alias> aliases(Optional<String> domain) {
        return tx.run("list aliases", t -> {
            String sql = "SELECT a.source, t.target FROM alias a JOIN alias_target t ON t.source = a.source "
                    + (domain.isPresent() ? "WHERE a.domain = ? " : "") + "ORDER BY a.source, t.seq";
            try (PreparedStatement ps = t.connection().prepareStatement(sql)) {
                if (domain.isPresent()) {
                    ps.setString(1, Domains.normalize(domain.get()));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return aliases(rs);
                }
            }
        });
    }

    /** Groups rows of (source, target), ordered by source, into aliases. */
    static List<Alias> aliases(ResultSet rs) throws SQLException {
        Map<String, List<EmailAddress>> bySource = new LinkedHashMap<>();
        while (rs.next()) {
            bySource.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(EmailAddress.parse(rs.getString(2)));
        }
        List<Alias> out = new ArrayList<>();
        bySource.forEach((source, targets) -> out.add(new Alias(source, targets)));
        return out;
    }

    @Override
    public void addRelayRule(Cidr network) {
        change("add relay rule", t -> update(t.connection(), "INSERT INTO relay_rule (network) VALUES (?)", network.toString()));
    }

    @Override
    public void removeRelayRule(Cidr network) {
        change("remove relay rule", t -> requireUpdated(update(t.connection(),
                "DELETE FROM relay_rule WHERE network = ?", network.toString())));
    }

    @Override
    public List<Cidr> relayRules() {
        return tx.run("list relay rules", t -> relayRules(t.connection()));
    }

    static List<Cidr> relayRules(Connection c) throws SQLException {
        List<Cidr> out = new ArrayList<>();
        for (String s : strings(c, "SELECT network FROM relay_rule ORDER BY network")) {
            out.add(Cidr.parse(s));
        }
        return out;
    }

    private static long requireAccount(Connection c, EmailAddress address) throws SQLException {
        return find(c, address).orElseThrow(DerbyStore::noAccount).id();
    }

    private static Void requireUpdated(int rows) {
        if (rows == 0) {
            throw new StoreException(StoreError.NOT_FOUND, "not found");
        }
        return null;
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            return ps.executeUpdate();
        }
    }

    static boolean exists(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    static List<String> strings(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, params);
            List<String> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        }
    }

    private static void bind(PreparedStatement ps, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
    }
}
