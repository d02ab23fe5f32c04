package org.mailroom.smtp.outbound;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ProtocolException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One SMTP client connection: lines out, replies in, each read bounded by its RFC 5321 §4.5.3.2
 * timeout and each write by a watchdog (a blocking socket write has no timeout of its own). It knows
 * the wire, not the delivery: {@link RemoteDelivery} decides what to send.
 */
final class SmtpClient implements Closeable {

    /** Longer than RFC 5321 §4.5.3.1.5's 512 octets, still bounded against a hostile server. */
    static final int MAX_REPLY_LINE = 4096;
    static final int MAX_REPLY_LINES = 100;

    private final RemoteHost host;
    private final Timeouts timeouts;
    private final ScheduledExecutorService watchdog;
    private Socket socket;
    private InputStream in;
    private GuardedOutputStream guard;
    private OutputStream out;
    private String tls;
    private volatile boolean aborted;

    SmtpClient(Socket socket, RemoteHost host, Timeouts timeouts, ScheduledExecutorService watchdog) throws IOException {
        this.host = host;
        this.timeouts = timeouts;
        this.watchdog = watchdog;
        use(socket);
    }

    private void use(Socket s) throws IOException {
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 8192);
        guard = new GuardedOutputStream(s.getOutputStream());
        out = new BufferedOutputStream(guard, 32768);
    }

    RemoteHost host() {
        return host;
    }

    Timeouts timeouts() {
        return timeouts;
    }

    /** The TLS protocol and cipher, when the connection is encrypted. */
    java.util.Optional<String> tls() {
        return java.util.Optional.ofNullable(tls);
    }

    /** Sends one command line; the caller reads the reply (or several, when pipelining). */
    void send(String line) throws IOException {
        write(line);
        flush(timeouts.command());
    }

    /** Queues a command line without flushing, for a PIPELINING group (RFC 2920 §3.1). */
    void write(String line) throws IOException {
        out.write(line.getBytes(StandardCharsets.UTF_8));
        out.write('\r');
        out.write('\n');
    }

    void flush(Duration timeout) throws IOException {
        guard.timeout = timeout;
        out.flush();
    }

    SmtpReply command(String line, Duration timeout) throws IOException {
        send(line);
        return read(timeout);
    }

    /** Reads one reply, all its lines. */
    SmtpReply read(Duration timeout) throws IOException {
        socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis())));
        List<String> lines = new ArrayList<>();
        int code = -1;
        while (true) {
            String line = readLine();
            if (line.length() < 3 || !Character.isDigit(line.charAt(0)) || !Character.isDigit(line.charAt(1))
                    || !Character.isDigit(line.charAt(2))) {
                throw new ProtocolException("malformed reply from " + host);
            }
            int c = Integer.parseInt(line.substring(0, 3));
            if (code >= 0 && c != code) {
                throw new ProtocolException("reply lines with different codes from " + host);
            }
            code = c;
            char separator = line.length() > 3 ? line.charAt(3) : ' ';
            if (separator != ' ' && separator != '-') {
                throw new ProtocolException("malformed reply from " + host);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (separator == ' ') {
                return new SmtpReply(code, lines);
            }
            if (lines.size() >= MAX_REPLY_LINES) {
                throw new ProtocolException("reply of more than " + MAX_REPLY_LINES + " lines from " + host);
            }
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by " + host);
            }
            if (b == '\n') {
                break;
            }
            if (line.size() >= MAX_REPLY_LINE) {
                throw new ProtocolException("reply line longer than " + MAX_REPLY_LINE + " bytes from " + host);
            }
            line.write(b);
        }
        byte[] bytes = line.toByteArray();
        int n = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        // A reply only ever reaches a log, a DSN or a queue listing: keep it printable ASCII there.
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            s.append(b < 0x20 || b >= 0x7f ? '?' : (char) b);
        }
        return s.toString();
    }

    /**
     * Starts TLS on this connection (after a 220 to STARTTLS, or at once for implicit TLS). What was
     * learnt before is the caller's to forget (RFC 3207 §4.2).
     */
    void startTls(SSLSocketFactory factory, boolean verifyName) throws IOException {
        SSLSocket s = (SSLSocket) factory.createSocket(socket, host.name(), host.port(), true);
        s.setUseClientMode(true);
        s.setEnabledProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (verifyName) {
            SSLParameters p = s.getSSLParameters();
            // The HTTPS rules (RFC 2818) are the DNS-ID matching RFC 6125 asks for SMTP too.
            p.setEndpointIdentificationAlgorithm("HTTPS");
            s.setSSLParameters(p);
        }
        s.setSoTimeout((int) timeouts.command().toMillis());
        ScheduledFuture<?> deadline = watchdog.schedule(this::abort, timeouts.command().toMillis(), TimeUnit.MILLISECONDS);
        try {
            s.startHandshake();
        } finally {
            deadline.cancel(false);
        }
        SSLSession session = s.getSession();
        tls = session.getProtocol() + " " + session.getCipherSuite();
        // A fresh reader: whatever arrived in plain text after the 220 (an injected reply, the
        // client-side twin of CVE-2011-0411) is dropped with the old buffer, never read as an answer.
        use(s);
    }

    /** Sends the content as DATA: dot-stuffed, CRLF line ends, then the final dot. */
    void sendData(InputStream content) throws IOException {
        guard.timeout = timeouts.dataBlock();
        DotStuffingOutputStream data = new DotStuffingOutputStream(out);
        content.transferTo(data);
        data.finish();
    }

    /** Closes the connection from another thread: a blocked read or write fails at once. */
    void abort() {
        aborted = true;
        try {
            socket.close();
        } catch (IOException e) {
            // closing is all that was wanted
        }
    }

    boolean aborted() {
        return aborted;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with a connection that will not close cleanly
        }
    }

    /** Aborts the connection when one write takes longer than the current timeout. */
    private final class GuardedOutputStream extends FilterOutputStream {
        volatile Duration timeout = timeouts.command();

        GuardedOutputStream(OutputStream raw) {
            super(raw);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ScheduledFuture<?> deadline = watchdog.schedule(SmtpClient.this::abort, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                out.write(b, off, len);
            } finally {
                deadline.cancel(false);
            }
        }

        @Override
        public void flush() throws IOException {
            ScheduledFuture<?> deadline = watchdog.schedule(SmtpClient.this::abort, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                out.flush();
            } finally {
                deadline.cancel(false);
            }
        }
    }
}
