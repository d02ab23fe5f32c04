package org.mailroom.bench;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One client connection to 127.0.0.1, as cheap as a client can be: TCP_NODELAY (so that a command is not
 * held back by Nagle's algorithm waiting for the server's delayed ACK), one buffered stream each way,
 * lines read into a reused byte array. Only the loopback address is ever dialled.
 */
final class Wire implements Closeable {

    private static final int BUFFER = 64 * 1024;
    private static final int TIMEOUT_MILLIS = 60_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[BUFFER];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private int lineLength;
    /** Bytes received so far, for MB/s figures. */
    long received;

    Wire(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MILLIS);
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), TIMEOUT_MILLIS);
        in = socket.getInputStream();
        out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
    }

    /** Writes text and a CRLF, and flushes. */
    void command(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
        out.flush();
    }

    void write(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void writeAscii(String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
    }

    void flush() throws IOException {
        out.flush();
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        limit = n;
        received += n;
        return true;
    }

    /** Reads the next line without its CRLF into the internal buffer; returns its length. */
    int readLineBytes() throws IOException {
        lineLength = 0;
        while (true) {
            if (pos == limit && !fill()) {
                throw new EOFException("connection closed by the server");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                if (lineLength > 0 && line[lineLength - 1] == '\r') {
                    lineLength--;
                }
                return lineLength;
            }
            if (lineLength == line.length) {
                line = java.util.Arrays.copyOf(line, line.length * 2);
            }
            line[lineLength++] = b;
        }
    }

    /** The line last read by {@link #readLineBytes()}, as text. */
    String lastLine() {
        return new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
    }

    boolean lastLineStartsWith(String prefix) {
        if (lineLength < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    boolean lastLineIs(String text) {
        return lineLength == text.length() && lastLineStartsWith(text);
    }

    String readLine() throws IOException {
        readLineBytes();
        return lastLine();
    }

    /** Reads and discards exactly {@code n} bytes (an IMAP literal). */
    void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == limit && !fill()) {
                throw new EOFException("connection closed inside a literal");
            }
            int take = (int) Math.min(n, limit - pos);
            pos += take;
            n -= take;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with a connection that is going away
        }
    }
}
