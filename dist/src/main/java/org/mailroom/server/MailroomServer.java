package org.mailroom.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.mailroom.auth.Authenticator;
import org.mailroom.auth.DefaultAuthenticator;
import org.mailroom.auth.LoginThrottle;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyNetworkServer;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.tls.TlsMaterial;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running server, composed with plain constructors from a checked {@link ServerConfiguration}
 * (STYLE.md 17): the Derby store embedded, Derby's network server on loopback for
 * {@code mailroom-admin}, the TLS material, the delivery agent, the shared authenticator, the outbound
 * queue, the SMTP, POP3 and IMAP listeners, and the watch that gives memory back when the server is
 * idle.
 *
 * <p>{@link #close()} undoes the start in reverse: the listeners stop accepting and finish what is in
 * flight, then the network server stops, then the database shuts down cleanly.
 */
public final class MailroomServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MailroomServer.class);
    /** Where the database and its owner's credential live inside {@code data.dir}; mailroom-admin looks there too. */
    public static final String DATABASE_DIR = "db";
    public static final String CREDENTIAL_FILE = "derby.credential";

    private final RunFiles runFiles;
    /** What start opened, to close in reverse; touched by the closing thread only after startEnded. */
    private final Deque<AutoCloseable> toClose = new ArrayDeque<>();
    private final CountDownLatch startEnded = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean closing;
    private boolean closeStarted;

    public MailroomServer(RunFiles runFiles) {
        this.runFiles = runFiles;
    }

    /**
     * Starts everything and returns once every listener accepts connections. On failure, whatever
     * was started is closed again before the exception leaves. A {@link #close()} from another thread
     * (SIGTERM while starting) makes the start stop at its next step and undo what it did.
     *
     * @throws ConfigException for what the administrator must fix in the configuration (a port taken)
     * @throws IllegalStateException for anything else that prevents the start (the database is open
     *     elsewhere, a file cannot be written)
     */
    public void start(ServerConfiguration config) {
        try {
            startAll(config);
        } catch (RuntimeException e) {
            startEnded.countDown();
            close();
            throw e;
        }
        startEnded.countDown();
    }

    /** Remembers something started, to close it at the end; stops the start if a close is waiting. */
    private <T extends AutoCloseable> T opened(T resource) {
        toClose.push(resource);
        if (closing) {
            throw new IllegalStateException("stopped while starting");
        }
        return resource;
    }

    private void startAll(ServerConfiguration config) {
        CoreConfig core = config.core();
        Path dataDir = core.dataDir();
        try {
            createPrivateDirectory(dataDir);
            runFiles.writePid();
        } catch (IOException e) {
            throw new IllegalStateException("data.dir " + dataDir + ": cannot write there: " + e.getMessage(), e);
        }
        opened((AutoCloseable) runFiles::remove);

        DerbyCredential credential = DerbyCredential.loadOrCreate(dataDir.resolve(CREDENTIAL_FILE));
        DerbyNetworkServer.requireSystemAuthentication(credential);
        DerbyStore store = opened(DerbyStore.openEmbedded(dataDir.resolve(DATABASE_DIR), credential));

        Optional<DerbyNetworkServer> admin = Optional.empty();
        if (core.adminPort() != 0) {
            admin = Optional.of(opened(DerbyNetworkServer.start(InetAddress.getLoopbackAddress(),
                    core.adminPort(), credential)));
        } else {
            LOG.info("admin.port is 0: mailroom-admin can change the store only while the server is stopped");
        }

        TlsMaterial tls = config.configuredTls().orElseGet(() -> TlsMaterial.load(core));
        Clock clock = Clock.systemUTC();
        DeliveryAgent delivery = new DeliveryAgent(store.delivery(), config.delivery(), clock);
        Authenticator authenticator = new DefaultAuthenticator(store.credentials(),
                new LoginThrottle(config.loginThrottle(), clock), clock);
        ServerParts parts = new ServerParts(core, store, delivery, authenticator, tls, clock);
        List<String> listening = new ArrayList<>();
        for (Protocol protocol : config.protocols()) {
            // Registered before its start, so that one that bound some of its ports is closed too.
            Listener listener = opened(protocol.listener(parts));
            listener.start();
            listening.add(listener.describe());
        }
        opened(IdleHeapRelease.start());
        try {
            runFiles.markReady();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ready marker: " + e.getMessage(), e);
        }
        LOG.info("Mailroom ready as {}: {}{}", core.hostname(),
                String.join(", ", listening),
                admin.map(a -> "; admin on " + a.address().getHostAddress() + ":" + a.port()).orElse(""));
    }

    /** The data directory holds every mailbox: only the server's own user may enter it. */
    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        if (Files.getFileStore(parent).supportsFileAttributeView("posix")) {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } else {
            Files.createDirectory(dir);
        }
    }

    /** Whether a {@link #close()} was asked for, e.g. by SIGTERM while starting. */
    public boolean stopRequested() {
        return closing;
    }

    /** Blocks until {@link #close()} has finished. */
    public void awaitClosed() throws InterruptedException {
        closed.await();
    }

    /**
     * Stops accepting, finishes what is in flight, closes the store cleanly, removes the pid file.
     * Waits for a start in progress to stop first; a second call waits for the first to finish.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closeStarted) {
                awaitUninterruptibly(closed);
                return;
            }
            closeStarted = true;
        }
        closing = true;
        awaitUninterruptibly(startEnded);
        try {
            while (!toClose.isEmpty()) {
                AutoCloseable c = toClose.pop();
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("stopping {} failed", c, e);
                }
            }
        } finally {
            closed.countDown();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
