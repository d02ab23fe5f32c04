package org.mailroom.smtp.listener;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;
import org.mailroom.smtp.protocol.Connection;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.SmtpSession;
import org.mailroom.smtp.protocol.TlsInfo;

/** The protocol core's view of a MINA session. */
final class MinaConnection implements Connection {

    private final IoSession session;
    private final SSLContext sslContext;
    private final ScheduledExecutorService scheduler;
    private SmtpSession smtp;

    MinaConnection(IoSession session, SSLContext sslContext, ScheduledExecutorService scheduler) {
        this.session = session;
        this.sslContext = sslContext;
        this.scheduler = scheduler;
    }

    void attach(SmtpSession s) {
        smtp = s;
    }

    static SslFilter tlsFilter(SSLContext context) {
        SslFilter f = new SslFilter(context);
        // DESIGN.md: TLS 1.2 and 1.3 only.
        f.setEnabledProtocols("TLSv1.3", "TLSv1.2");
        return f;
    }

    @Override
    public InetSocketAddress remote() {
        return (InetSocketAddress) session.getRemoteAddress();
    }

    @Override
    public void send(Reply reply) {
        session.write(IoBuffer.wrap(reply.bytes()));
    }

    @Override
    public void startTls(Reply ready) {
        session.getFilterChain().addBefore(TlsGateFilter.NAME, TlsGateFilter.TLS, tlsFilter(sslContext));
        session.getFilterChain().fireFilterWrite(new ClearTextWrite(IoBuffer.wrap(ready.bytes())));
    }

    @Override
    public Optional<TlsInfo> tls() {
        Object s = session.getAttribute(SslFilter.SSL_SECURED);
        if (s instanceof SSLSession ssl) {
            return Optional.of(new TlsInfo(ssl.getProtocol(), ssl.getCipherSuite()));
        }
        return Optional.empty();
    }

    @Override
    public void suspendInput(boolean suspend) {
        if (suspend) {
            session.suspendRead();
        } else {
            session.resumeRead();
        }
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        scheduler.schedule(() -> {
            synchronized (smtp) {
                task.run();
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        session.closeOnFlush();
    }

    @Override
    public void setReadTimeout(Duration timeout) {
        session.getConfig().setIdleTime(IdleStatus.READER_IDLE, (int) Math.max(1, timeout.toSeconds()));
    }
}
