package org.mailroom.imap.transport;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.future.WriteFuture;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.mailroom.imap.protocol.CommandFramer;
import org.mailroom.imap.protocol.FramerLimits;
import org.mailroom.imap.protocol.ResponseSink;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SerialExecutor;
import org.mailroom.imap.session.Transport;

/**
 * One connection as its session sees it: buffered writes that wait while the client reads slowly
 * (so streamed literals never pile up in heap), STARTTLS, timers, and the session's serial executor.
 */
final class MinaTransport implements Transport, ResponseSink {

    private static final AttributeKey KEY = new AttributeKey(MinaTransport.class, "transport");
    /** Past this many octets queued for the client, writing waits. */
    private static final long MAX_QUEUED = 1 << 20;
    private static final int BUFFER = 32 * 1024;
    /** Commands queued behind the running one before reading stops (pipelining is fine, flooding is not). */
    private static final int MAX_PENDING = 64;

    private final IoSession io;
    private final SerialExecutor serial;
    private final ScheduledExecutorService timers;
    private final SSLContext tls;
    private final CommandFramer framer;
    private volatile boolean secure;
    private volatile boolean heldForTls;
    private volatile boolean heldForBacklog;
    private ImapSession session;
    /** Responses not yet written; none between responses, so that an idle connection holds no 32 KB buffer. */
    private IoBuffer buffer;
    private WriteFuture lastWrite;

    MinaTransport(IoSession io, SerialExecutor serial, ScheduledExecutorService timers, SSLContext tls,
                  CommandFramer framer, boolean secure) {
        this.io = io;
        this.serial = serial;
        this.timers = timers;
        this.tls = tls;
        this.framer = framer;
        this.secure = secure;
        io.setAttribute(KEY, this);
    }

    static MinaTransport of(IoSession io) {
        return (MinaTransport) io.getAttribute(KEY);
    }

    void session(ImapSession s) {
        this.session = s;
    }

    ImapSession session() {
        return session;
    }

    CommandFramer framer() {
        return framer;
    }

    /** Runs a frame's work in the session's order; stops reading while too much is queued. */
    void submit(Runnable task) {
        serial.execute(() -> {
            try {
                task.run();
            } finally {
                if (heldForBacklog && serial.pending() < MAX_PENDING / 4) {
                    heldForBacklog = false;
                    if (!heldForTls) {
                        io.resumeRead();
                    }
                }
            }
        });
        if (serial.pending() > MAX_PENDING && !heldForBacklog) {
            heldForBacklog = true;
            io.suspendRead();
        }
    }

    void holdInputForTls() {
        heldForTls = true;
        io.suspendRead();
    }

    @Override
    public void resumeInput() {
        if (heldForTls) {
            heldForTls = false;
            if (!heldForBacklog) {
                io.resumeRead();
            }
        }
    }

    @Override
    public InetAddress client() {
        return ((InetSocketAddress) io.getRemoteAddress()).getAddress();
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public void startTls() {
        flush();
        if (lastWrite != null) {
            lastWrite.awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
        io.getFilterChain().addFirst("tls", ImapListeners.sslFilter(tls));
        secure = true;
        resumeInput();
    }

    /**
     * Puts DEFLATE under the codec and above TLS once the COMPRESS reply is sent (RFC 4978 §3: the
     * server compresses from the octet after that reply's CRLF), then reads the client's compressed input.
     */
    @Override
    public void startCompression() {
        flush();
        if (lastWrite != null) {
            lastWrite.awaitUninterruptibly(30, TimeUnit.SECONDS);
        }
        io.getFilterChain().addBefore("codec", "deflate", new DeflateFilter());
        resumeInput();
    }

    @Override
    public void limits(FramerLimits limits) {
        framer.limits(limits);
    }

    @Override
    public void idleTimeout(Duration timeout) {
        io.getConfig().setIdleTime(IdleStatus.BOTH_IDLE, (int) Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
    }

    @Override
    public void execute(Runnable task) {
        serial.execute(task);
    }

    @Override
    public void delay(Duration delay, Runnable task) {
        serial.hold();
        timers.schedule(() -> serial.resume(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) {
        if (buffer == null) {
            buffer = IoBuffer.allocate(BUFFER).setAutoExpand(true);
        }
        buffer.put(bytes, offset, length);
        if (buffer.position() >= BUFFER) {
            flush();
        }
    }

    @Override
    public void flush() {
        if (buffer == null || buffer.position() == 0) {
            return;
        }
        buffer.flip();
        lastWrite = io.write(buffer);
        buffer = null;
        // Backpressure: a slow reader makes a big FETCH wait here, on a worker thread, not in heap.
        while (io.getScheduledWriteBytes() > MAX_QUEUED && io.isConnected()) {
            lastWrite.awaitUninterruptibly(1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() {
        flush();
        io.closeOnFlush();
    }
}
