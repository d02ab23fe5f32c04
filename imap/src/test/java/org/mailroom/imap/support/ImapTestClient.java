package org.mailroom.imap.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLSocket;

/** A raw IMAP connection for tests: sends lines or bytes, reads response lines exactly as sent. */
public final class ImapTestClient implements AutoCloseable {

    private Socket socket;
    /**
     * How long a reply may take before the test fails: generous, because a loaded 2-core CI machine
     * once took over 5 s for a LOGIN (Argon2id); a passing test never waits for it.
     */
    private static final int RESPONSE_TIMEOUT_MS = 15_000;

    private InputStream in;
    private OutputStream out;

    private ImapTestClient(Socket socket) throws IOException {
        use(socket);
    }

    private void use(Socket s) throws IOException {
        this.socket = s;
        s.setSoTimeout(RESPONSE_TIMEOUT_MS);
        this.in = new java.io.BufferedInputStream(s.getInputStream());
        this.out = s.getOutputStream();
    }

    public static ImapTestClient connect(int port, boolean tls) {
        try {
            Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
            if (tls) {
                s = wrap(s, port);
            }
            return new ImapTestClient(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Socket wrap(Socket plain, int port) throws IOException {
        SSLSocket s = (SSLSocket) TestTls.trustingClient().getSocketFactory()
                .createSocket(plain, "localhost", port, true);
        s.startHandshake();
        return s;
    }

    /** Starts TLS on this connection (after the server's OK to STARTTLS). */
    public void startTls() {
        try {
            use(wrap(socket, socket.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compresses both ways from now on (after the server's OK to COMPRESS DEFLATE), the way a client
     * does it with zlib: raw DEFLATE (RFC 4978 §4), each command sent with a sync flush.
     */
    public void compress() {
        this.in = new java.io.BufferedInputStream(new java.util.zip.InflaterInputStream(in,
                new java.util.zip.Inflater(true)));
        this.out = new java.util.zip.DeflaterOutputStream(out, new java.util.zip.Deflater(
                java.util.zip.Deflater.DEFAULT_COMPRESSION, true), true);
    }

    public boolean isSecure() {
        return socket instanceof SSLSocket;
    }

    public ImapTestClient send(String line) {
        return sendRaw((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }

    public ImapTestClient sendRaw(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line without its CRLF; null at end of stream. */
    public String line() {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    byte[] bytes = b.toByteArray();
                    int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                    return new String(bytes, 0, n, StandardCharsets.UTF_8);
                }
                b.write(c);
            }
            return b.size() == 0 ? null : b.toString(StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("no response within " + RESPONSE_TIMEOUT_MS / 1000 + " seconds");
        } catch (IOException e) {
            return null;
        }
    }

    /** Every line up to and including the tagged response to {@code tag}. */
    public List<String> until(String tag) {
        List<String> lines = new ArrayList<>();
        String l;
        while ((l = line()) != null) {
            lines.add(l);
            if (l.startsWith(tag + " ")) {
                return lines;
            }
        }
        throw new AssertionError("connection closed before " + tag + " completed: " + lines);
    }

    /** Sends a command and returns every line up to its tagged response. */
    public List<String> command(String tag, String command) {
        send(tag + " " + command);
        return until(tag);
    }

    public String tagged(String tag, String command) {
        List<String> lines = command(tag, command);
        return lines.get(lines.size() - 1);
    }

    public ImapTestClient login(String user) {
        String greeting = line();
        if (greeting == null || !greeting.startsWith("* OK")) {
            throw new AssertionError("greeting: " + greeting);
        }
        String r = tagged("l1", "LOGIN " + user + " " + ImapFixture.PASSWORD);
        if (!r.startsWith("l1 OK")) {
            throw new AssertionError(r);
        }
        return this;
    }

    /** Logs in as alice on a connection whose greeting has been read. */
    public ImapTestClient login2() {
        String r = tagged("l2", "LOGIN alice@example.org " + ImapFixture.PASSWORD);
        if (!r.startsWith("l2 OK")) {
            throw new AssertionError(r);
        }
        return this;
    }

    /** Whether the server closed the connection (reads to the end). */
    public boolean closedByServer() {
        try {
            while (in.read() >= 0) {
                // drain
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
