package org.mailroom.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.mailroom.config.BindErrors;
import org.mailroom.session.ConnectionLimiter;
import org.mailroom.smtp.command.CommandTable;
import org.mailroom.smtp.listener.Filters;
import org.mailroom.smtp.listener.SmtpIoHandler;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SmtpSession;
import org.mailroom.smtp.protocol.UnknownRecipientGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMTP listeners: the MX (25), submission (587) and submission over implicit TLS (465), each
 * enabled by a non-zero port. They share the connection limit per client address, the unknown-recipient
 * guard and the worker threads.
 *
 * <pre>
 *   SmtpServer smtp = new SmtpServer(SmtpConfig.from(settings, core), new SmtpServices(agent, auth, tls, clock));
 *   smtp.start();            // binds, or throws ConfigException explaining why not
 *   smtp.port(ListenerKind.MX);
 *   smtp.close();            // stops accepting, lets transactions in flight finish
 * </pre>
 */
public final class SmtpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpServer.class);

    private final SmtpConfig config;
    private final SmtpServices services;
    private final Map<ListenerKind, NioSocketAcceptor> acceptors = new EnumMap<>(ListenerKind.class);
    private final Set<SmtpSession> live = SmtpIoHandler.liveSet();
    private OrderedThreadPoolExecutor workers;
    private ScheduledExecutorService scheduler;

    public SmtpServer(SmtpConfig config, SmtpServices services) {
        this.config = config;
        this.services = services;
    }

    /** Binds every enabled listener; on failure closes what it bound and throws a one-line ConfigException. */
    public synchronized void start() {
        if (workers != null) {
            throw new IllegalStateException("already started");
        }
        workers = new OrderedThreadPoolExecutor(0, config.threads(), 60, TimeUnit.SECONDS);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "smtp-delays");
            t.setDaemon(true);
            return t;
        });
        ConnectionLimiter limiter = new ConnectionLimiter(config.maxConnectionsPerAddress());
        UnknownRecipientGuard guard = new UnknownRecipientGuard(config.unknownRecipientSlowdown(),
                config.unknownRecipientLimit(), config.unknownRecipientWindow(), services.clock());
        Map<String, SmtpCommand<?>> commands = CommandTable.standard();
        for (ListenerKind kind : ListenerKind.values()) {
            int port = config.port(kind);
            if (port == 0) {
                continue;
            }
            NioSocketAcceptor acceptor = new NioSocketAcceptor();
            acceptor.setReuseAddress(true);
            // Replies leave in several small writes; without TCP_NODELAY each waits ~40 ms for the
            // client's delayed ACK (Nagle), which the benchmark showed dominating pipelined sessions.
            acceptor.getSessionConfig().setTcpNoDelay(true);
            acceptor.setCloseOnDeactivation(false);
            if (kind.implicitTls()) {
                acceptor.getFilterChain().addLast(Filters.TLS, Filters.tls(services.tls()));
            }
            acceptor.getFilterChain().addLast(Filters.GATE, Filters.gate());
            SmtpIoHandler handler =
                    new SmtpIoHandler(kind, config, services, limiter, guard, commands, scheduler, live);
            // STYLE.md §9: the store blocks, so sessions run on workers, in order per session; what is
            // answered from memory runs where it was read.
            acceptor.getFilterChain().addLast("workers", Filters.workers(workers, handler));
            acceptor.setHandler(handler);
            acceptors.put(kind, acceptor);
            try {
                acceptor.bind(new InetSocketAddress(config.bindAddress(), port));
            } catch (IOException | RuntimeException e) {
                close();
                throw BindErrors.explain(kind.portKey(), config.bindAddress(), port, e);
            }
            LOG.info("smtp listener {} on {}", kind.name().toLowerCase(Locale.ROOT),
                    acceptor.getLocalAddress());
        }
    }

    /** The bound port of a listener (useful with port 0 in tests); 0 when it is disabled. */
    public synchronized int port(ListenerKind kind) {
        NioSocketAcceptor a = acceptors.get(kind);
        return a == null || a.getLocalAddress() == null ? 0 : a.getLocalAddress().getPort();
    }

    /**
     * Stops accepting connections, tells idle sessions that the service is going away (421), lets
     * transactions in flight finish for up to {@code smtp.shutdown-grace}, then closes the rest.
     */
    @Override
    public synchronized void close() {
        for (NioSocketAcceptor a : acceptors.values()) {
            a.unbind();
        }
        long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
        while (true) {
            List<SmtpSession> busy = new ArrayList<>();
            for (SmtpSession s : live) {
                synchronized (s) {
                    if (!s.closeIfIdle()) {
                        busy.add(s);
                    }
                }
            }
            if (busy.isEmpty() || System.nanoTime() > deadline) {
                break;
            }
            sleep(Duration.ofMillis(100));
        }
        for (NioSocketAcceptor a : acceptors.values()) {
            a.getManagedSessions().values().forEach(s -> s.closeOnFlush());
            a.dispose(true);
        }
        acceptors.clear();
        if (workers != null) {
            workers.shutdown();
            try {
                workers.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler.shutdownNow();
            workers = null;
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
