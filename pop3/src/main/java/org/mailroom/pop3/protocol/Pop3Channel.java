package org.mailroom.pop3.protocol;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * What a session needs of its connection, so that the protocol core stays free of MINA (STYLE.md §3).
 * Writes are queued in order; {@link #awaitWritten} gives the back-pressure that lets a large message
 * stream without being held in memory.
 */
public interface Pop3Channel {

    InetAddress clientAddress();

    /** True once TLS protects the connection (implicit on 995, or after STLS). */
    boolean isSecure();

    /** True when STLS can be offered: a TLS context exists and TLS is not on yet. */
    boolean canStartTls();

    /** Queues bytes for the client. */
    void write(byte[] bytes);

    /** Queues the first {@code length} bytes of {@code bytes}, which the caller no longer touches. */
    default void write(byte[] bytes, int length) {
        write(length == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, length));
    }

    /** Waits until everything queued so far has been handed to the network. */
    void awaitWritten() throws IOException;

    /** True when lines the client sent are waiting to be processed (pipelined input). */
    boolean hasPendingInput();

    /**
     * Sends {@code clearReply} in the clear and puts TLS on the connection for everything after it:
     * the client's next bytes must be its TLS handshake.
     *
     * @return false, having sent nothing, if input arrived after the STLS line: the caller must close
     *     the connection (RFC 2595 §3.1)
     */
    boolean startTls(byte[] clearReply) throws IOException;

    /** STLS was refused (wrong state, TLS on already, no TLS): input after it is ordinary input again. */
    void stlsDeclined();

    /** Runs {@code task} after {@code delay} without holding a thread meanwhile. */
    void schedule(Duration delay, Runnable task);

    /** Stops reading from the client until {@link #resumeInput}. */
    void suspendInput();

    void resumeInput();

    /** Closes the connection once what is queued has been sent. */
    void close();
}
