package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;

/**
 * Runs a C:/S: script against a live server (STYLE.md §18). Consecutive {@code C:} lines are sent in
 * one write (that is how pipelining is tested); each {@code S:} line must match the next reply line,
 * with {@code *} as a wildcard. {@code C+:} sends its text without an added CRLF, with {@code \r},
 * {@code \n} and {@code \0} escapes. {@code TLS} starts a TLS handshake on the connection;
 * {@code CLOSED} expects the server to have closed it; {@code SILENT} expects no reply within a second.
 */
public final class Transcript {

    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private final List<String> log = new ArrayList<>();

    private Transcript(Socket socket) throws IOException {
        use(socket);
    }

    public static Transcript connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        return new Transcript(s);
    }

    public static Transcript connectTls(int port) throws IOException {
        SSLSocket s = (SSLSocket) TestSecurity.trustingClientContext().getSocketFactory()
                .createSocket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        s.startHandshake();
        return new Transcript(s);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
    }

    /** The greeting of the test servers and an EHLO from {@code client}, as script lines. */
    public static String greetingAndEhlo(String client) {
        return "S: 220 mx.example.org ESMTP ready\n" + ehlo(client);
    }

    /**
     * An EHLO from {@code client} and its reply, as script lines: the extension lines are matched by
     * count only (each has its own test), up to the last, LIMITS.
     */
    public static String ehlo(String client) {
        return "C: EHLO " + client + "\nS: 250-mx.example.org\n" + "S: 250-*\n".repeat(8)
                + "S: 250 LIMITS RCPTMAX=*\n";
    }

    /** Runs a script; the server's greeting must be matched by the script's first S: line. */
    public Transcript run(String script) throws IOException {
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        for (String raw : script.split("\n")) {
            String line = raw.stripLeading();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("C: ") || line.equals("C:")) {
                pending.writeBytes((line.length() > 3 ? line.substring(3) : "").concat("\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (line.startsWith("C+: ")) {
                pending.writeBytes(unescape(line.substring(4)).getBytes(StandardCharsets.ISO_8859_1));
                continue;
            }
            flush(pending);
            if (line.startsWith("S: ")) {
                expect(line.substring(3));
            } else if (line.equals("TLS")) {
                SSLSocket tls = (SSLSocket) TestSecurity.trustingClientContext().getSocketFactory()
                        .createSocket(socket, "127.0.0.1", socket.getPort(), true);
                tls.startHandshake();
                use(tls);
            } else if (line.equals("CLOSED")) {
                expectClosed();
            } else if (line.equals("SILENT")) {
                expectSilence();
            } else {
                throw new IllegalArgumentException("bad script line: " + line);
            }
        }
        flush(pending);
        return this;
    }

    private void flush(ByteArrayOutputStream pending) throws IOException {
        if (pending.size() > 0) {
            log.add("C: " + pending.toString(StandardCharsets.UTF_8).trim());
            out.write(pending.toByteArray());
            out.flush();
            pending.reset();
        }
    }

    /** Sends raw octets. */
    public void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    public String readLine() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.UTF_8);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return null;
    }

    private void expect(String pattern) throws IOException {
        String got;
        try {
            got = readLine();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("expected '" + pattern + "' but nothing came; transcript so far:\n"
                    + String.join("\n", log), e);
        }
        log.add("S: " + got);
        if (got == null) {
            fail("expected '%s' but the connection closed; transcript so far:%n%s", pattern, String.join("\n", log));
        }
        if (!glob(pattern).matcher(got).matches()) {
            fail("expected '%s' but got '%s'; transcript so far:%n%s", pattern, got, String.join("\n", log));
        }
    }

    private void expectClosed() throws IOException {
        try {
            int c = in.read();
            if (c >= 0) {
                String rest = readLine();
                fail("expected the connection to be closed, got '%s'", (char) c + (rest == null ? "" : rest));
            }
        } catch (java.net.SocketException e) {
            // reset by the server: closed too
        }
    }

    private void expectSilence() throws IOException {
        int old = socket.getSoTimeout();
        socket.setSoTimeout(1000);
        try {
            int c = in.read();
            assertThat(c).as("no reply expected").isLessThan(0);
        } catch (SocketTimeoutException e) {
            // nothing came: as expected
        } finally {
            socket.setSoTimeout(old);
        }
    }

    static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>();
        for (String part : pattern.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts), Pattern.DOTALL);
    }

    static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\0", "\0");
    }

    public void close() throws IOException {
        socket.close();
    }
}
