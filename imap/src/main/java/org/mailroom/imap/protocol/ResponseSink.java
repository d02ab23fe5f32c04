package org.mailroom.imap.protocol;

/**
 * Where a session's responses go: the connection in the server, a buffer in tests. Writes are
 * buffered until {@link #flush()}; an implementation may make {@code write} wait while the client
 * is slow to read, so that a large literal never piles up in heap.
 */
public interface ResponseSink {

    void write(byte[] bytes, int offset, int length);

    void flush();

    /** Flushes, then closes the connection. */
    void close();
}
