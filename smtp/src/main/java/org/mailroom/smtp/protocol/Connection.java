package org.mailroom.smtp.protocol;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;

/**
 * What a session needs of its network connection. The MINA adapter implements it; the protocol core
 * knows nothing else of the network (STYLE.md §3).
 */
public interface Connection {

    InetSocketAddress remote();

    /** Queues a reply for sending, in order. */
    void send(Reply reply);

    /**
     * Sends {@code ready} in clear text, then expects a TLS handshake (RFC 3207 §4): bytes that arrive
     * afterwards are handed to the session with {@code viaTls} true only once they were decrypted.
     */
    void startTls(Reply ready);

    /** The TLS parameters once a handshake has completed. */
    Optional<TlsInfo> tls();

    /** Stops reading from the client ({@code true}) or resumes it, to bound input while a reply is delayed. */
    void suspendInput(boolean suspend);

    /** Runs {@code task} after {@code delay}, serialised with every other call into the session. */
    void schedule(Duration delay, Runnable task);

    /** Closes the connection when the replies queued so far have been sent. */
    void close();

    /** How long the connection may be idle before {@link SmtpSession#timeout()} is called. */
    void setReadTimeout(Duration timeout);
}
