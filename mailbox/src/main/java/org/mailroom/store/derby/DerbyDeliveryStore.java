package org.mailroom.store.derby;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.mailroom.store.Account;
import org.mailroom.store.Alias;
import org.mailroom.store.Cidr;
import org.mailroom.store.DeliveryBatch;
import org.mailroom.store.DeliveryBatch.LocalCopy;
import org.mailroom.store.DeliveryStore;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxName;
import org.mailroom.store.QuotaUsage;

/**
 * The delivery agent's view. A delivery is one transaction: the content row, a message row per local
 * copy and a queue row per remote recipient, committed together (STYLE.md §15).
 */
final class DerbyDeliveryStore implements DeliveryStore {

    private final Transactions tx;

    DerbyDeliveryStore(Transactions tx) {
        this.tx = tx;
    }

    @Override
    public boolean isLocalDomain(String domain) {
        String d = domain.toLowerCase(java.util.Locale.ROOT);
        return tx.run("check domain", t -> DerbyAdminStore.exists(t.connection(), "SELECT 1 FROM domain WHERE name = ?", d));
    }

    @Override
    public Optional<Account> findAccount(EmailAddress address) {
        return tx.run("find account", t -> DerbyAdminStore.find(t.connection(), address));
    }

    @Override
    public Optional<Alias> findAlias(String source) {
        String s;
        try {
            s = Alias.normalizeSource(source);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return tx.run("find alias", t -> {
            try (PreparedStatement ps = t.connection().prepareStatement(
                    "SELECT source, target FROM alias_target WHERE source = ? ORDER BY seq")) {
                ps.setString(1, s);
                try (ResultSet rs = ps.executeQuery()) {
                    return DerbyAdminStore.aliases(rs).stream().findFirst();
                }
            }
        });
    }

    @Override
    public QuotaUsage usage(long accountId) {
        return tx.run("read usage", t -> usage(t.connection(), accountId));
    }

    static QuotaUsage usage(Connection c, long accountId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT used_bytes, used_messages FROM account WHERE id = ?")) {
            ps.setLong(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw DerbyStore.noAccount();
                }
                return new QuotaUsage(rs.getLong(1), rs.getLong(2));
            }
        }
    }

    @Override
    public List<Alias> aliasesTargeting(EmailAddress target) {
        return tx.run("find aliases", t -> {
            try (PreparedStatement ps = t.connection().prepareStatement("SELECT a.source, a.target FROM alias_target a "
                    + "WHERE a.source IN (SELECT b.source FROM alias_target b WHERE b.target_key = ?) "
                    + "ORDER BY a.source, a.seq")) {
                ps.setString(1, target.key());
                try (ResultSet rs = ps.executeQuery()) {
                    return DerbyAdminStore.aliases(rs);
                }
            }
        });
    }

    @Override
    public List<Cidr> relayRules() {
        return tx.run("list relay rules", t -> DerbyAdminStore.relayRules(t.connection()));
    }

    /**
     * A delivery to a mailbox that no longer exists (renamed or deleted since the agent chose it) goes
     * to the account's INBOX, as Dovecot's LMTP does, rather than failing the whole delivery.
     */
    @Override
    public List<Long> commit(DeliveryBatch batch) {
        if (batch.copies().isEmpty() && batch.queued().isEmpty()) {
            return List.of();
        }
        byte[] structure = batch.structure().encode();
        return tx.run("deliver", t -> {
            Connection c = t.connection();
            List<LocalCopy> copies = batch.copies();
            long size = batch.content().size();
            // The content goes in first: streaming it locks nothing that anyone else waits for.
            long contentId = MessageRows.insertContent(c, batch.content(), structure,
                    copies.size() + batch.queued().size());
            Map<Long, long[]> perAccount = new TreeMap<>();
            for (LocalCopy copy : copies) {
                long[] u = perAccount.computeIfAbsent(copy.accountId(), k -> new long[2]);
                u[0] += size + copy.headerPrefix().length;
                u[1]++;
            }
            for (Map.Entry<Long, long[]> e : perAccount.entrySet()) {
                MessageRows.charge(c, e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
            long[] mailboxIds = new long[copies.size()];
            Map<Long, Integer> perMailbox = new TreeMap<>();
            for (int i = 0; i < copies.size(); i++) {
                LocalCopy copy = copies.get(i);
                OptionalLong found = MailboxRows.find(c, copy.accountId(), copy.mailbox());
                mailboxIds[i] = found.isPresent() ? found.getAsLong() : inbox(c, copy.accountId());
                perMailbox.merge(mailboxIds[i], 1, Integer::sum);
            }
            Map<Long, MessageRows.Allocation> allocations = new HashMap<>();
            Map<Long, Long> owners = new HashMap<>();
            for (int i = 0; i < copies.size(); i++) {
                owners.put(mailboxIds[i], copies.get(i).accountId());
            }
            for (Map.Entry<Long, Integer> e : perMailbox.entrySet()) {
                allocations.put(e.getKey(), MessageRows.allocate(c, owners.get(e.getKey()), e.getKey(), e.getValue()));
            }
            Map<Long, List<Long>> added = new TreeMap<>();
            List<Long> uids = new ArrayList<>(copies.size());
            long arrival = batch.arrival().toEpochMilli();
            try (PreparedStatement ps = MessageRows.prepareInsert(c)) {
                for (int i = 0; i < copies.size(); i++) {
                    LocalCopy copy = copies.get(i);
                    MessageRows.Allocation a = allocations.get(mailboxIds[i]);
                    List<Long> inMailbox = added.computeIfAbsent(mailboxIds[i], k -> new ArrayList<>());
                    long uid = a.firstUid() + inMailbox.size();
                    inMailbox.add(uid);
                    uids.add(uid);
                    MessageRows.addInsert(ps, mailboxIds[i], uid, a.modSeq(), copy.flags(), arrival,
                            size + copy.headerPrefix().length, copy.headerPrefix(), contentId);
                }
                ps.executeBatch();
            }
            DerbyQueueStore.insertEntries(c, contentId, batch.queued(), batch.arrival());
            added.forEach((mailboxId, list) ->
                    t.afterCommit(new MailboxEvent.MessagesAdded(owners.get(mailboxId), mailboxId, List.copyOf(list))));
            return uids;
        });
    }

    private static long inbox(Connection c, long accountId) throws SQLException {
        return MailboxRows.find(c, accountId, MailboxName.INBOX).orElseThrow(DerbyStore::noAccount);
    }
}
