package org.mailroom.pop3;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.executor.OrderedThreadPoolExecutor;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.mailroom.config.BindErrors;
import org.mailroom.pop3.command.Pop3Commands;
import org.mailroom.pop3.mina.Pop3Acceptors;
import org.mailroom.pop3.mina.Pop3IoHandler;
import org.mailroom.session.ConnectionLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The POP3 servers: {@code pop3.port} (110, STLS) and {@code pop3s.port} (995, implicit TLS), sharing
 * one handler, one per-address connection limit and one worker pool. Built with plain constructors
 * (STYLE.md §17); {@link #start} binds, {@link #close} stops accepting and lets each session finish
 * the command it is running, then ends it without the UPDATE state, so nothing is deleted.
 */
public final class Pop3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3Server.class);
    /** How long close() lets sessions finish a command (a large RETR to a slow client) before cutting them. */
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
    /**
     * Worker threads, ordered per session. A RETR to a client that reads slowly holds one while it
     * streams (a chunk at a time, never the whole message), so there are many; idle sessions hold none.
     */
    private static final int WORKERS = 128;

    private final Pop3Config config;
    private final Pop3Services services;
    private final List<NioSocketAcceptor> acceptors = new ArrayList<>();
    private ExecutorService workers;
    private ScheduledExecutorService scheduler;
    private int boundPort;
    private int boundTlsPort;

    public Pop3Server(Pop3Config config, Pop3Services services) {
        this.config = config;
        this.services = services;
    }

    /**
     * Binds the enabled ports.
     *
     * @throws org.mailroom.config.ConfigException naming the key and the cause when a port cannot be bound
     */
    public synchronized void start() {
        if (workers != null) {
            throw new IllegalStateException("already started");
        }
        workers = new OrderedThreadPoolExecutor(WORKERS);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "pop3-delays");
            t.setDaemon(true);
            return t;
        });
        Pop3IoHandler handler = new Pop3IoHandler(config.policy(), Pop3Commands.table(), services.authenticator(),
                services.maildrops(), services.tls(), new ConnectionLimiter(config.maxConnectionsPerAddress()),
                scheduler, config.idleTimeout());
        try {
            if (config.port() != 0) {
                boundPort = bind("pop3.port", config.port(), null, handler);
            }
            if (config.tlsPort() != 0) {
                boundTlsPort = bind("pop3s.port", config.tlsPort(), services, handler);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("pop3 listening on {} port {} (STLS) and {} (TLS)", config.bindAddress().getHostAddress(),
                boundPort == 0 ? "off" : boundPort, boundTlsPort == 0 ? "off" : boundTlsPort);
    }

    private int bind(String key, int port, Pop3Services implicitTls, Pop3IoHandler handler) {
        try {
            NioSocketAcceptor a = Pop3Acceptors.bind(new InetSocketAddress(config.bindAddress(), Math.max(port, 0)),
                    implicitTls == null ? null : implicitTls.tls(), config.maxLineLength(), workers, handler);
            acceptors.add(a);
            return a.getLocalAddress().getPort();
        } catch (IOException | RuntimeException e) {
            throw BindErrors.explain(key, config.bindAddress(), port, e);
        }
    }

    /** The port POP3 with STLS listens on (the one chosen when configured as any free port); 0 when disabled. */
    public int port() {
        return boundPort;
    }

    /** The port of POP3 over TLS; 0 when disabled. */
    public int tlsPort() {
        return boundTlsPort;
    }

    /**
     * Stops accepting, asks every session to end after its current command (with {@code -ERR [SYS/TEMP]}),
     * waits for them up to a grace period, then releases everything.
     */
    @Override
    public synchronized void close() {
        for (NioSocketAcceptor a : acceptors) {
            a.unbind();
        }
        for (NioSocketAcceptor a : acceptors) {
            for (IoSession s : a.getManagedSessions().values()) {
                Pop3IoHandler.shutdown(s);
            }
        }
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        for (NioSocketAcceptor a : acceptors) {
            while (a.getManagedSessionCount() > 0 && System.nanoTime() < deadline) {
                sleep();
            }
            for (IoSession s : a.getManagedSessions().values()) {
                s.closeNow();
            }
            a.dispose(true);
        }
        acceptors.clear();
        if (workers != null) {
            workers.shutdown();
            scheduler.shutdownNow();
            try {
                workers.awaitTermination(SHUTDOWN_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
