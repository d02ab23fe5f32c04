package org.mailroom.store.derby;

import java.io.IOException;
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
import org.mailroom.store.StoreException;

/**
 * The delivery agent's view. A delivery is one transaction: the content row, a message row per local
 * copy and a queue row per remote recipient, committed together (STYLE.md §15).
 */
final class DerbyDeliveryStore implements DeliveryStore {

    /** Transactions open at once for deliveries: one writes its group while another waits for its log flush. */
    static final int COMMIT_SLOTS = 2;

    private final Transactions tx;
    private final DirectoryCache directory;
    private final DeliveryCommitter<Prepared, List<Long>> committer;

    DerbyDeliveryStore(Transactions tx, DirectoryCache directory) {
        this.tx = tx;
        this.directory = directory;
        this.committer = new DeliveryCommitter<>(tx, this::write, COMMIT_SLOTS);
    }

    @Override
    public boolean isLocalDomain(String domain) {
        String d = domain.toLowerCase(java.util.Locale.ROOT);
        return directory.domains(() -> tx.run("list domains",
                t -> DerbyAdminStore.strings(t.connection(), "SELECT name FROM domain"))).contains(d);
    }

    @Override
    public Optional<Account> findAccount(EmailAddress address) {
        return directory.account(address.key(), () -> tx.run("find account", t -> DerbyAdminStore.find(t.connection(), address)));
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
        return directory.relayRules(() -> tx.run("list relay rules", t -> DerbyAdminStore.relayRules(t.connection())));
    }

    /**
     * A delivery to a mailbox that no longer exists (renamed or deleted since the agent chose it) goes
     * to the account's INBOX, as Dovecot's LMTP does, rather than failing the whole delivery. The
     * transaction is shared with other deliveries waiting at the same moment ({@link DeliveryCommitter}).
     */
    @Override
    public List<Long> commit(DeliveryBatch batch) {
        if (batch.copies().isEmpty() && batch.queued().isEmpty()) {
            return List.of();
        }
        // Encoded before joining a group: whichever caller leads writes the whole group.
        return committer.commit(new Prepared(batch, batch.structure().encode()));
    }

    DeliveryCommitter<Prepared, List<Long>> committer() {
        return committer;
    }

    /** Lets the deliveries handed over finish; the store closes its connections afterwards. */
    void close() {
        committer.close();
    }

    /** A delivery with its structure already encoded. */
    record Prepared(DeliveryBatch batch, byte[] structure) {
    }

    /**
     * Writes deliveries in one transaction, taking locks in the order every writer uses: content rows
     * first (new rows, which nobody waits for), then account rows by id, then mailbox rows by id.
     * Each account is charged once and each mailbox allocated once for the whole group; a quota that
     * the group exceeds fails the group, whose members are then committed alone.
     *
     * @return the UIDs of each delivery's copies, in the order of its {@link DeliveryBatch#copies()}
     */
    List<List<Long>> write(Transactions.Tx t, List<Prepared> deliveries) throws SQLException, IOException {
        Connection c = t.connection();
        int n = deliveries.size();
        long[] contentIds = new long[n];
        for (int d = 0; d < n; d++) {
            DeliveryBatch batch = deliveries.get(d).batch();
            contentIds[d] = MessageRows.insertContent(c, batch.content(), deliveries.get(d).structure(),
                    batch.copies().size() + batch.queued().size());
        }
        Map<Long, long[]> perAccount = new TreeMap<>();
        for (Prepared p : deliveries) {
            long size = p.batch().content().size();
            for (LocalCopy copy : p.batch().copies()) {
                long[] u = perAccount.computeIfAbsent(copy.accountId(), k -> new long[2]);
                u[0] += size + copy.headerPrefix().length;
                u[1]++;
            }
        }
        for (Map.Entry<Long, long[]> e : perAccount.entrySet()) {
            MessageRows.charge(c, e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        Map<String, Long> found = new HashMap<>();
        long[][] mailboxIds = new long[n][];
        Map<Long, Integer> perMailbox = new TreeMap<>();
        Map<Long, Long> owners = new HashMap<>();
        for (int d = 0; d < n; d++) {
            List<LocalCopy> copies = deliveries.get(d).batch().copies();
            mailboxIds[d] = new long[copies.size()];
            for (int i = 0; i < copies.size(); i++) {
                LocalCopy copy = copies.get(i);
                long id = mailboxOf(c, copy.accountId(), copy.mailbox(), found);
                mailboxIds[d][i] = id;
                perMailbox.merge(id, 1, Integer::sum);
                owners.put(id, copy.accountId());
            }
        }
        Map<Long, MessageRows.Allocation> allocations = new HashMap<>();
        for (Map.Entry<Long, Integer> e : perMailbox.entrySet()) {
            long owner = owners.get(e.getKey());
            try {
                allocations.put(e.getKey(), MessageRows.allocate(c, owner, e.getKey(), e.getValue()));
            } catch (StoreException gone) {
                // A remembered mailbox deleted meanwhile: this group fails, and each delivery, committed
                // alone, looks the account's mailboxes up again.
                directory.forgetMailboxes(owner);
                throw gone;
            }
        }
        Map<Long, List<Long>> added = new TreeMap<>();
        List<List<Long>> uids = new ArrayList<>(n);
        try (MessageRows.Inserts inserts = MessageRows.Inserts.delivered(c)) {
            for (int d = 0; d < n; d++) {
                DeliveryBatch batch = deliveries.get(d).batch();
                long arrival = batch.arrival().toEpochMilli();
                long size = batch.content().size();
                List<Long> mine = new ArrayList<>(batch.copies().size());
                for (int i = 0; i < batch.copies().size(); i++) {
                    LocalCopy copy = batch.copies().get(i);
                    long mailboxId = mailboxIds[d][i];
                    MessageRows.Allocation a = allocations.get(mailboxId);
                    List<Long> inMailbox = added.computeIfAbsent(mailboxId, k -> new ArrayList<>());
                    long uid = a.firstUid() + inMailbox.size();
                    inMailbox.add(uid);
                    mine.add(uid);
                    inserts.add(mailboxId, uid, a.modSeq(), copy.flags(), arrival,
                            size + copy.headerPrefix().length, copy.headerPrefix(), contentIds[d]);
                }
                uids.add(mine);
            }
            inserts.execute();
        }
        for (int d = 0; d < n; d++) {
            DeliveryBatch batch = deliveries.get(d).batch();
            DerbyQueueStore.insertEntries(c, contentIds[d], batch.queued(), batch.arrival());
        }
        added.forEach((mailboxId, list) ->
                t.afterCommit(new MailboxEvent.MessagesAdded(owners.get(mailboxId), mailboxId, List.copyOf(list))));
        return uids;
    }

    /** The mailbox a copy goes to, remembered across groups ({@link DirectoryCache}); INBOX if it is gone. */
    private long mailboxOf(Connection c, long accountId, MailboxName name, Map<String, Long> found)
            throws SQLException {
        String key = accountId + "/" + name.path();
        Long id = found.get(key);
        if (id != null) {
            return id;
        }
        OptionalLong known = directory.mailboxId(accountId, name);
        if (known.isEmpty()) {
            known = MailboxRows.find(c, accountId, name);
            known.ifPresent(mailboxId -> directory.rememberMailbox(accountId, name, mailboxId));
        }
        id = known.isPresent() ? known.getAsLong() : inbox(c, accountId);
        found.put(key, id);
        return id;
    }

    private static long inbox(Connection c, long accountId) throws SQLException {
        return MailboxRows.find(c, accountId, MailboxName.INBOX).orElseThrow(DerbyStore::noAccount);
    }
}
