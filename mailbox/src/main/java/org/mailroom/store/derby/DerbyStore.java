package org.mailroom.store.derby;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.mailroom.store.AdminStore;
import org.mailroom.store.CredentialStore;
import org.mailroom.store.DeliveryStore;
import org.mailroom.store.DkimKeyStore;
import org.mailroom.store.EventBus;
import org.mailroom.store.LocalEventBus;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxStore;
import org.mailroom.store.MaildropStore;
import org.mailroom.store.QueueStore;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store in an Apache Derby database: embedded in the server's JVM, or reached through Derby's
 * network server by {@code mailroom-admin} while the server runs.
 *
 * <p>The database owner's credential is checked by Derby's NATIVE authentication, set as a property
 * of the database itself (not of the JVM), so that several stores in one JVM stay independent.
 * Commits are durable: this class never relaxes {@code derby.system.durability}.
 */
public final class DerbyStore implements MailStore {

    private static final Logger LOG = LoggerFactory.getLogger(DerbyStore.class);
    /** Connections per store: protocol threads plus content streams being read. */
    static final int POOL_SIZE = 24;
    private static final long POOL_WAIT_MILLIS = 30_000;
    /**
     * Derby starts a new log file every 1 MB by default, preallocating and syncing it while every
     * commit waits: at a thousand 4 KB deliveries a second that is several stalls a second. 8 MB
     * makes them rare (the log files of 8 MB are removed after each checkpoint, as before).
     */
    private static final String LOG_SWITCH_INTERVAL = String.valueOf(8 * 1024 * 1024);
    /**
     * Concurrent commits share one log write (group commit); the default 32 KB log buffer holds the
     * records of only a few 4 KB deliveries, so a group needed several synchronous writes.
     */
    private static final String LOG_BUFFER_SIZE = String.valueOf(256 * 1024);
    /**
     * Pages Derby keeps in memory (1,000 by default). The tables with message bytes have 32 KB pages, so
     * after a POP3 drain the cache held about 32 MB of message bodies nobody reads twice. 600 pages
     * showed no loss in the SMTP, POP3 or growth workloads, and the live heap a quiet server shrinks
     * back to (README, Performance, "Memory after a warm-up") is the smaller for it.
     */
    private static final String PAGE_CACHE_PAGES = "600";

    private final String url;
    private final DerbyCredential credential;
    private final boolean embedded;
    private final ConnectionPool pool;
    private final Transactions transactions;
    private final LocalEventBus events = new LocalEventBus();
    private final UidLists uidLists = new UidLists();
    private final DerbyDeliveryStore delivery;
    private final DerbyMaildropStore maildrops;
    private final DerbyAdminStore admin;
    private final DerbyQueueStore queue;
    private final DerbyCredentialStore credentials;
    private final DerbyDkimKeyStore dkimKeys;
    private volatile boolean closed;

    private DerbyStore(String url, DerbyCredential credential, boolean embedded) {
        this.url = url;
        this.credential = credential;
        this.embedded = embedded;
        this.pool = new ConnectionPool(() -> session(url, credential), POOL_SIZE, POOL_WAIT_MILLIS);
        DirectoryCache directory = new DirectoryCache();
        this.transactions = new Transactions(pool, directory.watching(events));
        this.delivery = new DerbyDeliveryStore(transactions, directory);
        this.maildrops = new DerbyMaildropStore(transactions);
        this.admin = new DerbyAdminStore(transactions, this::mailboxesOf, directory);
        this.queue = new DerbyQueueStore(transactions);
        this.credentials = new DerbyCredentialStore(transactions);
        this.dkimKeys = new DerbyDkimKeyStore(transactions);
    }

    /**
     * Opens the database in {@code databaseDir} in this JVM, creating it (with the credential as its
     * owner) if absent, and bringing its schema up to date.
     *
     * @throws IllegalStateException if the schema is newer than this code, the credential is refused
     *     or another process has the database open
     */
    public static DerbyStore openEmbedded(Path databaseDir, DerbyCredential credential) {
        Path dir = databaseDir.toAbsolutePath().normalize();
        keepDerbyLogOutOfWorkingDirectory(dir);
        tuneTheEngine();
        String url = "jdbc:derby:" + dir;
        try {
            if (!Files.exists(dir.resolve("service.properties"))) {
                Files.createDirectories(dir.getParent());
                create(url, credential);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the database directory " + dir + ": " + e.getMessage(), e);
        }
        try (Connection c = connect(url, credential, dir)) {
            Migrations.migrate(c);
            // Dynamic: Derby re-reads it at each checkpoint, so databases created before take it too.
            setDatabaseProperty(c, "derby.storage.logSwitchInterval", LOG_SWITCH_INTERVAL);
            // Identity values (content, account, mailbox ids) are handed out from blocks kept in
            // memory; each new block is a write to the catalog under a monitor every inserter waits
            // on, and refused under contention (see Transactions). 1,000 per block instead of 100
            // makes that ten times rarer; a crash skips at most the unused rest of a block.
            setDatabaseProperty(c, "derby.language.sequence.preallocator", "1000");
            c.commit();
        } catch (SQLException | RuntimeException e) {
            shutdown(url, credential);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("cannot prepare the database " + dir + ": " + e.getMessage(), e);
        }
        LOG.info("store open: {} (schema version {})", dir, Migrations.knownVersion());
        return new DerbyStore(url, credential, true);
    }

    /**
     * Connects through the Derby network server of a running Mailroom ({@link DerbyNetworkServer}).
     * Runs no migration: the server owns the schema, and a version this code does not know is refused.
     */
    public static DerbyStore connectNetwork(String host, int port, Path databaseDir, DerbyCredential credential) {
        Path dir = databaseDir.toAbsolutePath().normalize();
        String url = "jdbc:derby://" + host + ":" + port + "/" + dir;
        try (Connection c = connect(url, credential, dir)) {
            Migrations.requireExactly(c);
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot use the database " + dir + " through " + host + ":" + port
                    + ": " + e.getMessage(), e);
        }
        return new DerbyStore(url, credential, false);
    }

    private static void create(String url, DerbyCredential credential) {
        try (Connection c = DriverManager.getConnection(url + ";create=true", props(credential))) {
            // Derby NATIVE authentication: the creator is the database owner, whose credential is
            // stored first; authentication applies from the next boot.
            try (CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_CREATE_USER(?, ?)")) {
                cs.setString(1, credential.user());
                cs.setString(2, credential.password());
                cs.execute();
            }
            setDatabaseProperty(c, "derby.authentication.native.passwordLifetimeMillis", "0");
            setDatabaseProperty(c, "derby.locks.deadlockTimeout", "2");
            setDatabaseProperty(c, "derby.locks.waitTimeout", "30");
            // Storing the owner's credential switches NATIVE::LOCAL on by itself; set it where it did not.
            if (!databaseProperty(c, "derby.authentication.provider").startsWith("NATIVE")) {
                setDatabaseProperty(c, "derby.authentication.provider", "NATIVE::LOCAL");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database: " + e.getMessage(), e);
        }
        shutdown(url, credential);
    }

    private static void setDatabaseProperty(Connection c, String key, String value) throws SQLException {
        try (CallableStatement cs = c.prepareCall("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)")) {
            cs.setString(1, key);
            cs.setString(2, value);
            cs.execute();
        }
    }

    private static String databaseProperty(Connection c, String key) throws SQLException {
        try (CallableStatement cs = c.prepareCall("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)")) {
            cs.setString(1, key);
            try (ResultSet rs = cs.executeQuery()) {
                String v = rs.next() ? rs.getString(1) : null;
                return v == null ? "" : v;
            }
        }
    }

    private static Connection connect(String url, DerbyCredential credential, Path dir) {
        try {
            Connection c = DriverManager.getConnection(url, props(credential));
            c.setAutoCommit(false);
            return c;
        } catch (SQLException e) {
            throw new IllegalStateException(describe(e, dir), e);
        }
    }

    private static String describe(SQLException e, Path dir) {
        for (SQLException s = e; s != null; s = s.getNextException()) {
            String state = s.getSQLState() == null ? "" : s.getSQLState();
            if (state.equals("08004")) {
                return "the database " + dir + " refused the Derby credential";
            }
            if (state.equals("XSDB6")) {
                return "the database " + dir + " is open in another process (is the server running?)";
            }
            if (state.equals("XJ004") || state.equals("08001")) {
                return "cannot reach the database " + dir + ": " + s.getMessage();
            }
        }
        return "cannot open the database " + dir + ": " + e.getMessage();
    }

    /** A pooled connection: manual commit, READ COMMITTED, the Mailroom schema. */
    private static Connection session(String url, DerbyCredential credential) throws SQLException {
        Connection c = DriverManager.getConnection(url, props(credential));
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        Migrations.useSchema(c);
        c.commit();
        return c;
    }

    private static Properties props(DerbyCredential credential) {
        Properties p = new Properties();
        p.setProperty("user", credential.user());
        p.setProperty("password", credential.password());
        return p;
    }

    /**
     * Derby writes {@code derby.log} into the working directory unless told otherwise when its engine
     * boots. Whoever starts the process should set {@code derby.stream.error.file}; failing that, the
     * log goes next to the database.
     */
    private static void keepDerbyLogOutOfWorkingDirectory(Path dir) {
        if (System.getProperty("derby.stream.error.file") == null
                && System.getProperty("derby.stream.error.field") == null
                && System.getProperty("derby.stream.error.method") == null) {
            System.setProperty("derby.stream.error.file", dir.resolveSibling("derby.log").toString());
        }
    }

    /**
     * Derby reads these from the JVM's system properties when a database boots; an administrator's
     * own setting ({@code -Dderby.storage.logBufferSize=...}) wins. The statement cache (100 plans by
     * default) must hold every statement the store uses, or plans are compiled again and again:
     * the store alone has about a hundred distinct statements.
     */
    private static void tuneTheEngine() {
        setIfAbsent("derby.storage.logBufferSize", LOG_BUFFER_SIZE);
        setIfAbsent("derby.language.statementCacheSize", "500");
        setIfAbsent("derby.storage.pageCacheSize", PAGE_CACHE_PAGES);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    /** Shuts the database down cleanly: Derby reports success as SQLState 08006. */
    private static void shutdown(String url, DerbyCredential credential) {
        try {
            DriverManager.getConnection(url + ";shutdown=true", props(credential)).close();
        } catch (SQLException e) {
            if (!"08006".equals(e.getSQLState())) {
                LOG.warn("database shutdown failed (SQLState {})", e.getSQLState(), e);
            }
        }
    }

    private DerbyUserMailboxes mailboxesOf(long accountId) {
        return new DerbyUserMailboxes(transactions, accountId, uidLists);
    }

    UidLists uidLists() {
        return uidLists;
    }

    @Override
    public DeliveryStore delivery() {
        return delivery;
    }

    @Override
    public MaildropStore maildrops() {
        return maildrops;
    }

    @Override
    public MailboxStore mailboxes() {
        return this::mailboxesOf;
    }

    @Override
    public AdminStore admin() {
        return admin;
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public QueueStore queue() {
        return queue;
    }

    @Override
    public DkimKeyStore dkimKeys() {
        return dkimKeys;
    }

    @Override
    public EventBus events() {
        return events;
    }

    /** For Derby-specific tests: the store's transactions (and through them its connections). */
    Transactions transactions() {
        return transactions;
    }

    /** For Derby-specific tests: the number of rows of a table of the Mailroom schema. */
    long countRows(String table) {
        if (!table.matches("[a-z_]+")) {
            throw new IllegalArgumentException(table);
        }
        return transactions.run("count " + table, tx -> {
            try (Statement s = tx.connection().createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        delivery.close();
        pool.close();
        if (embedded) {
            shutdown(url, credential);
            LOG.info("store closed");
        }
    }

    /** Thrown where a method needs an account that does not exist. */
    static StoreException noAccount() {
        return new StoreException(StoreError.NOT_FOUND, "no such account");
    }
}
