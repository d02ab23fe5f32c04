package org.mailroom.smtp.listener;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLException;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.mailroom.session.ConnectionLimiter;
import org.mailroom.smtp.ListenerKind;
import org.mailroom.smtp.SmtpConfig;
import org.mailroom.smtp.SmtpServices;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SmtpSession;
import org.mailroom.smtp.protocol.UnknownRecipientGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Connects MINA's events to the protocol core, one {@link SmtpSession} per connection. */
public final class SmtpIoHandler extends IoHandlerAdapter implements QuickOrWorkerFilter.Quick {

    private static final Logger LOG = LoggerFactory.getLogger(SmtpIoHandler.class);
    private static final AttributeKey SESSION = new AttributeKey(SmtpIoHandler.class, "smtp");
    private static final AttributeKey COUNTED = new AttributeKey(SmtpIoHandler.class, "counted");

    private final ListenerKind kind;
    private final SmtpConfig config;
    private final SmtpServices services;
    private final ConnectionLimiter limiter;
    private final UnknownRecipientGuard unknownGuard;
    private final Map<String, SmtpCommand<?>> commands;
    private final ScheduledExecutorService scheduler;
    private final Set<SmtpSession> live;

    public SmtpIoHandler(ListenerKind kind, SmtpConfig config, SmtpServices services, ConnectionLimiter limiter,
                         UnknownRecipientGuard unknownGuard, Map<String, SmtpCommand<?>> commands,
                         ScheduledExecutorService scheduler, Set<SmtpSession> live) {
        this.kind = kind;
        this.config = config;
        this.services = services;
        this.limiter = limiter;
        this.unknownGuard = unknownGuard;
        this.commands = commands;
        this.scheduler = scheduler;
        this.live = live;
    }

    /** A set to pass as {@code live}, safe for concurrent use. */
    public static Set<SmtpSession> liveSet() {
        return ConcurrentHashMap.newKeySet();
    }

    @Override
    public void sessionOpened(IoSession io) {
        MinaConnection connection = new MinaConnection(io, services.tls(), scheduler);
        SessionContext context = new SessionContext(kind, config, services, unknownGuard,
                SmtpSession.newSessionId(), connection);
        SmtpSession smtp = new SmtpSession(context, connection, commands);
        connection.attach(smtp);
        io.setAttribute(SESSION, smtp);
        InetAddress client = ((InetSocketAddress) io.getRemoteAddress()).getAddress();
        synchronized (smtp) {
            if (!limiter.tryAcquire(client)) {
                smtp.refuse(Reply.of(421, "4.7.0", config.hostname() + " Too many connections from your address"),
                        "connection limit");
                return;
            }
            io.setAttribute(COUNTED, client);
            live.add(smtp);
            if (unknownGuard.isBlocked(client)) {
                smtp.refuse(Reply.of(421, "4.7.0", config.hostname() + " Too many unknown recipients, try later"),
                        "unknown recipient limit");
                return;
            }
            smtp.start();
        }
    }

    @Override
    public void messageReceived(IoSession io, Object message) {
        SmtpSession smtp = (SmtpSession) io.getAttribute(SESSION);
        Inbound in = (Inbound) message;
        IoBuffer buf = in.buffer();
        byte[] bytes = new byte[buf.remaining()];
        buf.get(bytes);
        synchronized (smtp) {
            smtp.receive(bytes, 0, bytes.length, in.viaTls());
        }
    }

    @Override
    public boolean answersAtOnce(IoSession io, Object message) {
        SmtpSession smtp = (SmtpSession) io.getAttribute(SESSION);
        if (smtp == null || !(message instanceof Inbound in)) {
            return false;
        }
        synchronized (smtp) {
            return smtp.answersAtOnce(in.buffer().buf(), in.viaTls());
        }
    }

    @Override
    public void sessionIdle(IoSession io, IdleStatus status) {
        SmtpSession smtp = (SmtpSession) io.getAttribute(SESSION);
        if (smtp != null && status == IdleStatus.READER_IDLE) {
            synchronized (smtp) {
                smtp.timeout();
            }
        }
    }

    @Override
    public void sessionClosed(IoSession io) {
        SmtpSession smtp = (SmtpSession) io.getAttribute(SESSION);
        Object counted = io.getAttribute(COUNTED);
        if (counted != null) {
            limiter.release((InetAddress) counted);
        }
        if (smtp != null) {
            synchronized (smtp) {
                smtp.closed();
            }
            live.remove(smtp);
        }
    }

    @Override
    public void exceptionCaught(IoSession io, Throwable cause) {
        SmtpSession smtp = (SmtpSession) io.getAttribute(SESSION);
        String id = smtp == null ? "-" : smtp.context().sessionId();
        if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
            LOG.info("smtp session={} TLS failed: {}", id, cause.getMessage());
            if (smtp != null) {
                synchronized (smtp) {
                    smtp.endReason("TLS handshake failed");
                }
            }
        } else if (cause instanceof java.io.IOException) {
            LOG.debug("smtp session={} connection error: {}", id, cause.toString());
        } else {
            LOG.warn("smtp session={} unexpected error", id, cause);
        }
        io.closeNow();
    }
}
