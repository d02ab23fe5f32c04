package org.mailroom.mime;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a message one line at a time with one line of look-ahead, keeping at most
 * {@link #MAX_FRAGMENT} octets: a longer line comes as several fragments, the later ones marked as
 * continuations (they can be neither a boundary nor the start of a header field). A line ends at LF;
 * a CR just before it belongs to the terminator, so bare-LF messages are read the same way.
 */
final class LineReader {

    /** Longer than any boundary (RFC 2046 §5.1.1: at most 70 characters) or header name. */
    static final int MAX_FRAGMENT = 16 * 1024;

    private final InputStream in;
    private final byte[] buffer = new byte[8192];
    private int bufferPos;
    private int bufferLength;
    private boolean eof;

    /** The current fragment, terminator included. */
    final byte[] line = new byte[MAX_FRAGMENT];
    int length;
    /** 0 (none: end of input or a split line), 1 (LF) or 2 (CRLF). */
    int terminator;
    /** The fragment does not start a line. */
    boolean continuation;
    /** Offset of {@code line[0]} in the message. */
    long start;

    private long position;
    private boolean atLineStart = true;
    private boolean present;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Loads the next fragment unless one is waiting; false at the end of the input. */
    boolean peek() throws IOException {
        if (!present) {
            present = fill();
        }
        return present;
    }

    /** The current fragment has been dealt with. */
    void consume() {
        present = false;
    }

    /** Offset of the first octet not yet consumed. */
    long position() {
        return present ? start : position;
    }

    int contentLength() {
        return length - terminator;
    }

    /** An empty line: the end of a header block. */
    boolean isBlank() {
        return !continuation && terminator > 0 && length == terminator;
    }

    private boolean fill() throws IOException {
        start = position;
        length = 0;
        terminator = 0;
        continuation = !atLineStart;
        while (length < MAX_FRAGMENT) {
            if (bufferPos == bufferLength && !refill()) {
                break;
            }
            byte b = buffer[bufferPos++];
            line[length++] = b;
            if (b == '\n') {
                terminator = length >= 2 && line[length - 2] == '\r' ? 2 : 1;
                break;
            }
        }
        if (terminator == 0 && length == MAX_FRAGMENT && line[length - 1] == '\r') {
            // keep CR and LF of a split line together in the next fragment
            length--;
            bufferPos--;
        }
        position = start + length;
        atLineStart = terminator > 0;
        return length > 0;
    }

    private boolean refill() throws IOException {
        if (eof) {
            return false;
        }
        int n;
        do {
            n = in.read(buffer, 0, buffer.length);
        } while (n == 0);
        if (n < 0) {
            eof = true;
            return false;
        }
        bufferPos = 0;
        bufferLength = n;
        return true;
    }
}
