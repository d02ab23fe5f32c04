package org.mailroom.imap.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.codec.ProtocolCodecFilter;
import org.apache.mina.filter.codec.ProtocolEncoderAdapter;
import org.apache.mina.filter.codec.ProtocolEncoderOutput;
import org.apache.mina.filter.ssl.SslFilter;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.mailroom.config.BindErrors;
import org.mailroom.imap.ImapConfig;
import org.mailroom.imap.ImapServices;
import org.mailroom.imap.session.RecentRegistry;
import org.mailroom.session.ConnectionLimiter;

/** The MINA acceptors behind {@link org.mailroom.imap.ImapServer}, sharing workers, limits and \Recent. */
public final class ImapListeners {

    private final ImapConfig config;
    private final ImapServices services;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final ConnectionLimiter limiter;
    private final RecentRegistry recent = new RecentRegistry();
    private final Map<Long, MinaTransport> open = new ConcurrentHashMap<>();
    private NioSocketAcceptor plain;
    private NioSocketAcceptor implicit;

    public ImapListeners(ImapConfig config, ImapServices services) {
        this.config = config;
        this.services = services;
        this.workers = Executors.newFixedThreadPool(config.threads(), named("imap-worker"));
        this.timers = Executors.newSingleThreadScheduledExecutor(named("imap-timer"));
        this.limiter = new ConnectionLimiter(config.maxConnectionsPerAddress());
    }

    public void start() {
        try {
            Files.createDirectories(config.spoolDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + config.spoolDir(), e);
        }
        if (config.tlsPort() != 0 && services.tls().isEmpty()) {
            throw new IllegalStateException("imaps.port is set but there is no TLS context");
        }
        try {
            if (config.port() != 0) {
                plain = bind("imap.port", config.port(), false);
            }
            if (config.tlsPort() != 0) {
                implicit = bind("imaps.port", config.tlsPort(), true);
            }
        } catch (RuntimeException e) {
            close(); // one listener bound and the other not: release the first
            throw e;
        }
    }

    /** Port 0 means disabled in the configuration; {@link ImapConfig#ANY_PORT} binds any free port. */
    private NioSocketAcceptor bind(String key, int port, boolean tls) {
        NioSocketAcceptor acceptor = new NioSocketAcceptor();
        acceptor.setReuseAddress(true);
        // Without TCP_NODELAY a response written in several small packets waits ~40 ms for the
        // client's delayed ACK (Nagle); the benchmark found this on every listener.
        acceptor.getSessionConfig().setTcpNoDelay(true);
        if (tls) {
            acceptor.getFilterChain().addLast("tls", sslFilter(services.tls().get()));
        }
        acceptor.getFilterChain().addLast("codec", new ProtocolCodecFilter(new NoEncoder(), new ImapDecoder()));
        acceptor.setHandler(new ImapIoHandler(config, services, workers, timers, limiter, recent, tls, open));
        try {
            acceptor.bind(new InetSocketAddress(config.bindAddress(), port < 0 ? 0 : port));
        } catch (IOException e) {
            acceptor.dispose();
            throw BindErrors.explain(key, config.bindAddress(), port, e);
        }
        return acceptor;
    }

    public int port() {
        return plain == null ? 0 : plain.getLocalAddress().getPort();
    }

    public int tlsPort() {
        return implicit == null ? 0 : implicit.getLocalAddress().getPort();
    }

    public void close() {
        for (NioSocketAcceptor a : new NioSocketAcceptor[] {plain, implicit}) {
            if (a != null) {
                a.setCloseOnDeactivation(false);
                a.unbind();
            }
        }
        for (MinaTransport t : open.values()) {
            t.execute(() -> t.session().bye("Server shutting down", "shutdown"));
        }
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timers.shutdownNow();
        for (NioSocketAcceptor a : new NioSocketAcceptor[] {plain, implicit}) {
            if (a != null) {
                for (IoSession s : a.getManagedSessions().values()) {
                    s.closeOnFlush();
                }
                a.dispose(true);
            }
        }
    }

    /** TLS 1.2 and 1.3 only (DESIGN.md, "Security by default"). */
    static SslFilter sslFilter(SSLContext context) {
        SslFilter f = new SslFilter(context);
        f.setEnabledProtocols("TLSv1.3", "TLSv1.2");
        return f;
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Responses are written as IoBuffers, which ProtocolCodecFilter passes through untouched. */
    private static final class NoEncoder extends ProtocolEncoderAdapter {
        @Override
        public void encode(IoSession session, Object message, ProtocolEncoderOutput out) {
            throw new IllegalArgumentException("not an IoBuffer: " + message.getClass());
        }
    }
}
