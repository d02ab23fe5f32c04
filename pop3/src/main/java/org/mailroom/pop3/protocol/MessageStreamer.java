package org.mailroom.pop3.protocol;

import java.io.IOException;
import java.io.InputStream;

/**
 * Sends a message as the body of a multi-line response (RFC 1939 §3): each line that starts with a
 * dot gets another one in front, and the response ends with {@code .CRLF}, after a line end of its
 * own should the message lack a final one. The content goes out exactly as stored otherwise, so the
 * octet count LIST and STAT give is the count RETR sends before stuffing. It streams in chunks and
 * queues a chunk only once the one before has left, so a message never sits whole in memory.
 */
final class MessageStreamer {

    static final int CHUNK = 32 * 1024;
    private static final byte[] END = {'.', '\r', '\n'};

    private final Pop3Channel channel;
    private final byte[] out = new byte[CHUNK + 1];
    private int used;

    MessageStreamer(Pop3Channel channel) {
        this.channel = channel;
    }

    /**
     * @param bodyLines for TOP, how many body lines follow the header (RFC 1939 §7); -1 for all (RETR)
     */
    void send(InputStream in, long bodyLines) throws IOException {
        byte[] buf = new byte[CHUNK];
        boolean lineStart = true;
        boolean inHeader = true;
        boolean lineHasText = false;
        long bodySent = 0;
        int n;
        outer:
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
                                break outer;
                            }
                        }
                    } else if (bodyLines > 0 && ++bodySent >= bodyLines) {
                        break outer;
                    }
                } else {
                    lineStart = false;
                    if (b != '\r') {
                        lineHasText = true;
                    }
                }
            }
        }
        if (!lineStart) {
            put((byte) '\r');
            put((byte) '\n');
        }
        for (byte b : END) {
            put(b);
        }
        flush();
    }

    private void put(byte b) throws IOException {
        out[used++] = b;
        if (used == out.length) {
            flush();
        }
    }

    private void flush() throws IOException {
        if (used > 0) {
            byte[] chunk = java.util.Arrays.copyOf(out, used);
            used = 0;
            // the previous chunk must have left before this one is queued: at most two are in memory,
            // and reading the next from the store overlaps with sending this one
            channel.awaitWritten();
            channel.write(chunk);
        }
    }
}
