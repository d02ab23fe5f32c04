package org.mailroom.pop3.mina;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.mailroom.auth.Authenticator;
import org.mailroom.pop3.protocol.CommandTable;
import org.mailroom.pop3.protocol.InputLine;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.RespCode;
import org.mailroom.pop3.protocol.SessionPolicy;
import org.mailroom.session.ConnectionLimiter;
import org.mailroom.store.MaildropStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects MINA's events to {@link Pop3Session}s: the only place the protocol meets MINA (STYLE.md §3). */
public final class Pop3IoHandler extends IoHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(Pop3IoHandler.class);
    private static final AttributeKey SESSION = new AttributeKey(Pop3IoHandler.class, "session");
    private static final AttributeKey COUNTED = new AttributeKey(Pop3IoHandler.class, "counted");
    private static final AttributeKey CHANNEL = new AttributeKey(Pop3IoHandler.class, "channel");
    private static final Reply TOO_MANY_CONNECTIONS =
            Reply.err(RespCode.SYS_TEMP, "Too many connections from your address; try again later");

    private final SessionPolicy policy;
    private final CommandTable commands;
    private final Authenticator authenticator;
    private final MaildropStore maildrops;
    private final SSLContext tls;
    private final ConnectionLimiter limiter;
    private final ScheduledExecutorService scheduler;
    private final Duration idleTimeout;

    public Pop3IoHandler(SessionPolicy policy, CommandTable commands, Authenticator authenticator,
                         MaildropStore maildrops, SSLContext tls, ConnectionLimiter limiter,
                         ScheduledExecutorService scheduler, Duration idleTimeout) {
        this.policy = policy;
        this.commands = commands;
        this.authenticator = authenticator;
        this.maildrops = maildrops;
        this.tls = tls;
        this.limiter = limiter;
        this.scheduler = scheduler;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public void sessionOpened(IoSession io) {
        InetAddress client = ((InetSocketAddress) io.getRemoteAddress()).getAddress();
        if (!limiter.tryAcquire(client)) {
            LOG.info("session=pop3-{} client={} refused: too many connections from the address", io.getId(),
                    client.getHostAddress());
            io.write(IoBuffer.wrap(TOO_MANY_CONNECTIONS.bytes()));
            io.closeOnFlush();
            return;
        }
        io.setAttribute(COUNTED, client);
        io.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.max(1, idleTimeout.toSeconds()));
        // only the chain of port 995 has the TLS filter from the start
        boolean secure = io.getFilterChain().contains(MinaChannel.TLS_FILTER);
        MinaChannel channel = new MinaChannel(io, tls, secure, scheduler, idleTimeout);
        Pop3Session session = new Pop3Session("pop3-" + io.getId(), channel, policy, commands, authenticator,
                maildrops);
        io.setAttribute(SESSION, session);
        io.setAttribute(CHANNEL, channel);
        session.start();
    }

    @Override
    public void messageReceived(IoSession io, Object message) {
        Pop3Session session = (Pop3Session) io.getAttribute(SESSION);
        if (message instanceof InputLine line) {
            InputCounter.queued(io).decrementAndGet();
            MinaChannel channel = (MinaChannel) io.getAttribute(CHANNEL);
            if (channel != null && channel.injectedAfterStls()) {
                // clear-text bytes sent after STLS got past the check while TLS was being put on
                LOG.info("session=pop3-{}: input sent in the clear after STLS; closing", io.getId());
                io.closeNow();
                return;
            }
            if (session != null) {
                session.onLine(line);
            }
        } else if (message instanceof Deferred d) {
            d.task().run();
        }
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        Pop3Session session = (Pop3Session) io.getAttribute(SESSION);
        if (session != null) {
            session.onIdle();
        } else {
            io.closeNow();
        }
    }

    @Override
    public void sessionClosed(IoSession io) {
        Pop3Session session = (Pop3Session) io.getAttribute(SESSION);
        if (session != null) {
            session.onDisconnected();
        }
        InetAddress counted = (InetAddress) io.removeAttribute(COUNTED);
        if (counted != null) {
            limiter.release(counted);
        }
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        // TLS handshake failures, resets by the peer: the connection is gone or useless
        LOG.debug("session=pop3-{}: {}", io.getId(), cause.toString());
        io.closeNow();
    }

    /** Asks the session to end at its next turn (server shutdown). */
    public static void shutdown(IoSession io) {
        Pop3Session session = (Pop3Session) io.getAttribute(SESSION);
        MinaChannel channel = (MinaChannel) io.getAttribute(CHANNEL);
        if (session != null && channel != null) {
            channel.runInTurn(session::onShutdown);
        } else {
            io.closeNow();
        }
    }
}
