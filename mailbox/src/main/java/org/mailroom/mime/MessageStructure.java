package org.mailroom.mime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/**
 * What IMAP needs to answer FETCH without re-parsing a message, computed once at delivery or APPEND:
 * size, header length, line counts, ENVELOPE, BODYSTRUCTURE and the byte ranges of every part.
 *
 * <p>PLACEHOLDER of the foundation's first commit: only size and header length so far. The parser,
 * the part tree and the envelope are being written in this package.
 */
public final class MessageStructure {

    private final long size;
    private final long headerLength;

    private MessageStructure(long size, long headerLength) {
        this.size = size;
        this.headerLength = headerLength;
    }

    /** Parses a whole message from the stream, reading it once, never holding it in memory. */
    public static MessageStructure parse(InputStream in) throws IOException {
        long n = 0;
        long header = -1;
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            n++;
            if (header < 0) {
                state = b == '\n' ? (state == 1 || state == 3 ? state + 1 : 2) : b == '\r' ? (state == 2 ? 3 : 1) : 0;
                if (state == 4) {
                    header = n;
                }
            }
        }
        return new MessageStructure(n, header < 0 ? n : header);
    }

    public long size() {
        return size;
    }

    /** Octets of the top-level header, including the blank line that ends it. */
    public long headerLength() {
        return headerLength;
    }

    /** The same structure for the message with {@code prefixLength} octets of header lines put in front. */
    public MessageStructure shifted(long prefixLength) {
        return new MessageStructure(size + prefixLength, headerLength + prefixLength);
    }

    /** A compact binary form for the store. */
    public byte[] encode() {
        return ByteBuffer.allocate(16).putLong(size).putLong(headerLength).array();
    }

    public static MessageStructure decode(byte[] data) {
        ByteBuffer b = ByteBuffer.wrap(data);
        return new MessageStructure(b.getLong(), b.getLong());
    }
}
