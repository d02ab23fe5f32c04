package org.mailroom.pop3.mina;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.mailroom.pop3.protocol.Pop3Channel;

/** A MINA session seen as a {@link Pop3Channel}. Used from the session's ordered executor turn only. */
final class MinaChannel implements Pop3Channel {

    static final String TLS_FILTER = "tls";
    static final String COUNTER_FILTER = "input-counter";

    private final IoSession session;
    private final SSLContext tls;
    private final ScheduledExecutorService scheduler;
    private final Duration writeTimeout;
    private boolean secure;
    private WriteFuture lastWrite;

    MinaChannel(IoSession session, SSLContext tls, boolean secure, ScheduledExecutorService scheduler,
                Duration writeTimeout) {
        this.session = session;
        this.tls = tls;
        this.secure = secure;
        this.scheduler = scheduler;
        this.writeTimeout = writeTimeout;
    }

    @Override
    public InetAddress clientAddress() {
        return ((InetSocketAddress) session.getRemoteAddress()).getAddress();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public boolean canStartTls() {
        return !secure && tls != null;
    }

    @Override
    public void write(byte[] bytes) {
        lastWrite = session.write(IoBuffer.wrap(bytes));
    }

    @Override
    public void awaitWritten() throws IOException {
        WriteFuture f = lastWrite;
        if (f == null) {
            return;
        }
        if (!f.awaitUninterruptibly(writeTimeout.toMillis())) {
            session.closeNow();
            throw new IOException("the client did not read for " + writeTimeout.toSeconds() + "s");
        }
        if (!f.isWritten()) {
            Throwable cause = f.getException();
            throw new IOException("write failed" + (cause == null ? "" : ": " + cause), cause);
        }
    }

    @Override
    public boolean hasPendingInput() {
        return InputCounter.queued(session).get() > 0;
    }

    /**
     * Waits for the {@code +OK} to leave in the clear, then puts the TLS filter first in the chain, so
     * that every later byte is read as TLS. Lines counted meanwhile arrived before the filter: refused.
     */
    @Override
    public boolean startTls() throws IOException {
        awaitWritten();
        if (hasPendingInput()) {
            return false;
        }
        session.getFilterChain().addFirst(TLS_FILTER, Pop3Filters.tlsFilter(tls));
        secure = true;
        return !hasPendingInput();
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        scheduler.schedule(() -> runInTurn(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends the task down the chain through the ordered executor, after anything already queued. */
    void runInTurn(Runnable task) {
        if (session.isConnected()) {
            session.getFilterChain().getNextFilter(COUNTER_FILTER).messageReceived(session, new Deferred(task));
        }
    }

    @Override
    public void suspendInput() {
        session.suspendRead();
    }

    @Override
    public void resumeInput() {
        session.resumeRead();
    }

    @Override
    public void close() {
        session.closeOnFlush();
    }
}
