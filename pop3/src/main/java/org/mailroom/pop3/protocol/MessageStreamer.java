package org.mailroom.pop3.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sends a message as the body of a multi-line response (RFC 1939 §3): each line that starts with a
 * dot gets another one in front, and the response ends with {@code .CRLF}, after a line end of its
 * own should the message lack a final one. The content goes out exactly as stored otherwise, so the
 * octet count LIST and STAT give is the count RETR sends before stuffing. It streams in chunks and
 * queues a chunk only once the one before has left, so a message never sits whole in memory.
 *
 * <p>The status line goes into the first chunk, so a message of a few kilobytes leaves in one write
 * (the POP3 drain benchmark showed the extra write and the wait for it costing more than the copy).
 * RETR copies the content in runs between line starts that need a dot; only TOP looks at every byte.
 */
final class MessageStreamer {

    static final int CHUNK = 32 * 1024;
    /** Room for the status line, a few stuffed dots and the end mark in a message's single chunk. */
    private static final int SLACK = 256;
    private static final byte[] END = {'.', '\r', '\n'};

    private final Pop3Channel channel;
    private byte[] out;
    private int used;

    MessageStreamer(Pop3Channel channel) {
        this.channel = channel;
    }

    /**
     * @param bodyLines for TOP, how many body lines follow the header (RFC 1939 §7); -1 for all (RETR)
     */
    void send(InputStream in, long bodyLines) throws IOException {
        send(new byte[0], in, bodyLines, CHUNK);
    }

    /**
     * Sends {@code status} (a complete reply line) and then the message.
     *
     * @param size the message's size, to size the buffers of a small one
     */
    void send(byte[] status, InputStream in, long bodyLines, long size) throws IOException {
        int capacity = (int) Math.min(CHUNK, Math.max(0, size) + status.length + SLACK);
        out = new byte[capacity];
        byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, size) + 1)];
        put(status, 0, status.length);
        boolean lineStart = bodyLines < 0 ? sendAll(in, buf) : sendTop(in, buf, bodyLines);
        if (!lineStart) {
            put((byte) '\r');
            put((byte) '\n');
        }
        put(END, 0, END.length);
        flush();
    }

    /** RETR: copies runs of bytes, adding a dot where a line starts with one. Returns whether the last byte ended a line. */
    private boolean sendAll(InputStream in, byte[] buf) throws IOException {
        boolean lineStart = true;
        int n;
        while ((n = in.read(buf)) > 0) {
            int from = 0;
            if (lineStart && buf[0] == '.') {
                put((byte) '.');
            }
            int last = n - 1;
            for (int i = 0; i < last; i++) {
                if (buf[i] == '\n' && buf[i + 1] == '.') {
                    put(buf, from, i + 1 - from);
                    put((byte) '.');
                    from = i + 1;
                }
            }
            put(buf, from, n - from);
            lineStart = buf[last] == '\n';
        }
        return lineStart;
    }

    /** TOP: the header, the blank line and {@code bodyLines} lines of the body, byte by byte. */
    private boolean sendTop(InputStream in, byte[] buf, long bodyLines) throws IOException {
        boolean lineStart = true;
        boolean inHeader = true;
        boolean lineHasText = false;
        long bodySent = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (lineStart && b == '.') {
                    put((byte) '.');
                }
                put(b);
                if (b == '\n') {
                    lineStart = true;
                    boolean emptyLine = !lineHasText;
                    lineHasText = false;
                    if (inHeader) {
                        if (emptyLine) {
                            inHeader = false;
                            if (bodyLines == 0) {
                                return true;
                            }
                        }
                    } else if (++bodySent >= bodyLines) {
                        return true;
                    }
                } else {
                    lineStart = false;
                    if (b != '\r') {
                        lineHasText = true;
                    }
                }
            }
        }
        return lineStart;
    }

    private void put(byte b) throws IOException {
        if (used == out.length) {
            flush();
        }
        out[used++] = b;
    }

    private void put(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (used == out.length) {
                flush();
            }
            int n = Math.min(len, out.length - used);
            System.arraycopy(b, off, out, used, n);
            used += n;
            off += n;
            len -= n;
        }
    }

    private void flush() throws IOException {
        if (used > 0) {
            byte[] chunk = out;
            int length = used;
            // The buffer is handed over as it is; the next chunk gets a fresh one.
            out = new byte[CHUNK];
            used = 0;
            // the previous chunk must have left before this one is queued: at most two are in memory,
            // and reading the next from the store overlaps with sending this one
            channel.awaitWritten();
            channel.write(chunk, length);
        }
    }
}
