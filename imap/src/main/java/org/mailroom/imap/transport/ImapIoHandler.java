package org.mailroom.imap.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.mailroom.imap.ImapConfig;
import org.mailroom.imap.ImapServices;
import org.mailroom.imap.command.CommandTable;
import org.mailroom.imap.protocol.CommandFramer;
import org.mailroom.imap.protocol.Frame;
import org.mailroom.imap.protocol.FramerLimits;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.RecentRegistry;
import org.mailroom.imap.session.SerialExecutor;
import org.mailroom.session.ConnectionLimiter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** MINA's events, handed to the plain-Java session in its own order (STYLE.md §3, §9). */
final class ImapIoHandler extends IoHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ImapIoHandler.class);

    private final ImapConfig config;
    private final ImapServices services;
    private final Executor workers;
    private final ScheduledExecutorService timers;
    private final ConnectionLimiter limiter;
    private final CommandTable commands = new CommandTable();
    private final RecentRegistry recent;
    private final boolean implicitTls;
    private final Map<Long, MinaTransport> open;

    ImapIoHandler(ImapConfig config, ImapServices services, Executor workers, ScheduledExecutorService timers,
                  ConnectionLimiter limiter, RecentRegistry recent, boolean implicitTls, Map<Long, MinaTransport> open) {
        this.config = config;
        this.services = services;
        this.workers = workers;
        this.timers = timers;
        this.limiter = limiter;
        this.recent = recent;
        this.implicitTls = implicitTls;
        this.open = open;
    }

    @Override
    public void sessionCreated(IoSession io) {
        SSLContext tls = services.tls().orElse(null);
        Path spool = config.spoolDir();
        MinaTransport t = new MinaTransport(io, new SerialExecutor(workers), timers, tls,
                new CommandFramer(spool, FramerLimits.BEFORE_LOGIN), implicitTls);
        ImapSession s = new ImapSession(config, services, t, new ResponseWriter(t), commands, recent);
        t.session(s);
        io.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) config.loginTimeout().toSeconds());
    }

    @Override
    public void sessionOpened(IoSession io) {
        MinaTransport t = MinaTransport.of(io);
        InetAddress client = ((InetSocketAddress) io.getRemoteAddress()).getAddress();
        if (!limiter.tryAcquire(client)) {
            io.setAttribute(NOT_COUNTED, Boolean.TRUE);
            t.submit(() -> t.session().bye("Too many connections from your address", "connection limit"));
            return;
        }
        open.put(io.getId(), t);
        t.submit(() -> t.session().start());
    }

    private static final Object NOT_COUNTED = new Object();

    @Override
    public void messageReceived(IoSession io, Object message) {
        MinaTransport t = MinaTransport.of(io);
        Frame frame = (Frame) message;
        t.submit(() -> t.session().onFrame(frame));
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        MinaTransport t = MinaTransport.of(io);
        t.submit(() -> t.session().onIdleTimeout());
    }

    @Override
    public void sessionClosed(IoSession io) {
        MinaTransport t = MinaTransport.of(io);
        open.remove(io.getId());
        if (io.getAttribute(NOT_COUNTED) == null) {
            limiter.release(((InetSocketAddress) io.getRemoteAddress()).getAddress());
        }
        t.execute(() -> {
            t.session().onClosed();
            t.framer().close();
        });
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        LOG.debug("imap connection {} failed: {}", io.getId(), cause.toString());
        io.closeNow();
    }
}
