package org.mailroom.imap.session;

import java.net.InetAddress;
import java.time.Duration;
import org.mailroom.imap.protocol.FramerLimits;

/** What a session asks of its connection, without knowing MINA (STYLE.md §3). */
public interface Transport {

    InetAddress client();

    boolean isSecure();

    /** Starts TLS on the connection once what was written is sent; input stays held until it runs. */
    void startTls();

    /** Compresses both ways from now on (COMPRESS=DEFLATE); input stays held until it runs. */
    void startCompression();

    /** Reads again after a STARTTLS that did not start TLS (the framer stopped reading at it). */
    void resumeInput();

    /** Changes the limits the framer applies to the client's input. */
    void limits(FramerLimits limits);

    /** Changes the autologout timer (RFC 9051 §5.4). */
    void idleTimeout(Duration timeout);

    /** Runs a task in this session's order (from another thread, such as a store event's). */
    void execute(Runnable task);

    /** Holds every further task, then after {@code delay} runs {@code task} and lets the rest follow. */
    void delay(Duration delay, Runnable task);

    /** Flushes and closes the connection. */
    void close();
}
