package org.mailroom.pop3.mina;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterChain;
import org.apache.mina.core.future.DefaultWriteFuture;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.mailroom.pop3.protocol.Pop3Channel;

/** A MINA session seen as a {@link Pop3Channel}. Used from the session's ordered executor turn only. */
final class MinaChannel implements Pop3Channel {

    static final String TLS_FILTER = "tls";
    static final String COUNTER_FILTER = "input-counter";

    /** How often a waiting write checks that the session is still open. */
    private static final long CLOSED_CHECK_MILLIS = 200;

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
    public void write(byte[] bytes, int length) {
        lastWrite = session.write(IoBuffer.wrap(bytes, 0, length));
    }

    @Override
    public void awaitWritten() throws IOException {
        WriteFuture f = lastWrite;
        if (f == null) {
            return;
        }
        // Waits in slices: when the client is gone, a write still queued inside a filter (TLS) may never
        // complete its future, and the maildrop must not stay locked until the write timeout.
        long deadline = System.nanoTime() + writeTimeout.toNanos();
        while (!f.awaitUninterruptibly(CLOSED_CHECK_MILLIS)) {
            if (!session.isConnected() || session.isClosing()) {
                throw new IOException("the client went away during a write");
            }
            if (System.nanoTime() - deadline > 0) {
                session.closeNow();
                throw new IOException("the client did not read for " + writeTimeout.toSeconds() + "s");
            }
        }
        if (!f.isWritten()) {
            Throwable cause = f.getException();
            throw new IOException("write failed" + (cause == null ? "" : ": " + cause), cause);
        }
    }

    @Override
    public boolean hasPendingInput() {
        return InputCounter.queued(session).get() > 0 || LineDecoder.buffered(session) > 0
                || LineDecoder.injected(session);
    }

    /**
     * Puts the TLS filter first in the chain, then writes {@code clearReply} below it, in the clear.
     * In that order no byte of the client's handshake can reach the line decoder: the client starts
     * it only after reading the reply, and by then every byte goes through TLS.
     */
    @Override
    public boolean startTls(byte[] clearReply) throws IOException {
        if (hasPendingInput()) {
            return false;
        }
        IoFilterChain chain = session.getFilterChain();
        chain.addFirst(TLS_FILTER, Pop3Filters.tlsFilter(tls));
        secure = true;
        DefaultWriteRequest reply = new DefaultWriteRequest(IoBuffer.wrap(clearReply), new DefaultWriteFuture(session));
        chain.getNextFilter(TLS_FILTER).filterWrite(session, reply);
        lastWrite = reply.getFuture();
        return true;
    }

    @Override
    public void stlsDeclined() {
        LineDecoder.stlsDeclined(session);
    }

    /** True once TLS is on and bytes sent in the clear after STLS turned up: the session must end. */
    boolean injectedAfterStls() {
        return secure && LineDecoder.injected(session);
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
