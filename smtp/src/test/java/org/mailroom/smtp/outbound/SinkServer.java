package org.mailroom.smtp.outbound;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small real SMTP server on 127.0.0.1 port 0 standing in for a remote MX or a smarthost: it
 * records every command and every message it accepts (the content un-dot-stuffed, byte for byte),
 * and answers as the test tells it to.
 */
final class SinkServer implements AutoCloseable {

    /** A message the sink accepted. */
    record Accepted(String mailFrom, List<String> rcptTo, byte[] data, boolean tls) {
        String text() {
            return new String(data, StandardCharsets.UTF_8);
        }
    }

    private final ServerSocket listener;
    private final Thread acceptor;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    /** Replies for the end of data, one per transaction, before the default 250. */
    final Deque<String> endOfDataReplies = new ConcurrentLinkedDeque<>();
    /** Replies to RCPT TO by address, instead of 250. */
    final Map<String, String> rcptReplies = new ConcurrentHashMap<>();
    volatile String greeting = "220 sink.test ESMTP";
    volatile List<String> extensions = new ArrayList<>(List.of("PIPELINING", "SIZE 10000000", "8BITMIME", "SMTPUTF8",
            "DSN", "ENHANCEDSTATUSCODES"));
    volatile Optional<SSLContext> tls = Optional.empty();
    volatile Optional<String> credentials = Optional.empty();
    /** Sent in the same write as the 220 to STARTTLS: a man in the middle injecting a reply before TLS. */
    volatile String injectedAfterStartTls = "";
    /** When set, the sink reads the data and then never answers: a server that hangs. */
    volatile boolean hangAfterData;
    /** The sink drops the connection, without a reply, after the data of the message after this many. */
    volatile int dropAfterMessages = Integer.MAX_VALUE;
    /** The sink hangs like that once it has accepted this many messages. */
    volatile int hangAfterMessages = Integer.MAX_VALUE;
    private final java.util.concurrent.atomic.AtomicInteger transactions = new java.util.concurrent.atomic.AtomicInteger();
    final CountDownLatch dataReceived = new CountDownLatch(1);
    /** Sessions open now, and the most there ever were at once. */
    final java.util.concurrent.atomic.AtomicInteger openSessions = new java.util.concurrent.atomic.AtomicInteger();
    final java.util.concurrent.atomic.AtomicInteger mostSessions = new java.util.concurrent.atomic.AtomicInteger();
    /** How long the sink waits before answering the end of data: deliveries that overlap in time. */
    volatile long endOfDataDelayMillis;

    SinkServer() throws IOException {
        this(InetAddress.getLoopbackAddress(), 0);
    }

    /** Bound to another loopback address (127.0.0.2) on a chosen port: a second MX at the same port. */
    SinkServer(InetAddress loopback, int port) throws IOException {
        if (!loopback.isLoopbackAddress()) {
            throw new IllegalArgumentException("tests stay on loopback");
        }
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(loopback, port));
        acceptor = new Thread(this::acceptLoop, "sink-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    SinkServer withTls(SSLContext context) {
        tls = Optional.of(context);
        return this;
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                connections.add(s);
                Thread t = new Thread(() -> serve(s), "sink-session");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        mostSessions.accumulateAndGet(openSessions.incrementAndGet(), Math::max);
        try (Socket s = socket) {
            new Session(s).run();
        } catch (IOException e) {
            // the client went away
        } finally {
            openSessions.decrementAndGet();
        }
    }

    private final class Session {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private boolean secure;
        private boolean authenticated;
        private String mailFrom;
        private final List<String> rcpts = new ArrayList<>();

        Session(Socket s) throws IOException {
            use(s);
        }

        private void use(Socket s) throws IOException {
            socket = s;
            in = new BufferedInputStream(s.getInputStream());
            out = s.getOutputStream();
        }

        void run() throws IOException {
            reply(greeting);
            String line;
            while ((line = readLine()) != null) {
                commands.add(line);
                String upper = line.toUpperCase();
                if (upper.startsWith("EHLO")) {
                    List<String> ext = new ArrayList<>(extensions);
                    if (tls.isPresent() && !secure) {
                        ext.add("STARTTLS");
                    }
                    if (credentials.isPresent() && secure) {
                        ext.add("AUTH PLAIN");
                    }
                    StringBuilder b = new StringBuilder("250");
                    b.append(ext.isEmpty() ? " " : "-").append("sink.test");
                    for (int i = 0; i < ext.size(); i++) {
                        b.append("\r\n250").append(i == ext.size() - 1 ? " " : "-").append(ext.get(i));
                    }
                    reply(b.toString());
                } else if (upper.startsWith("HELO")) {
                    reply("250 sink.test");
                } else if (upper.equals("STARTTLS") && tls.isPresent() && !secure) {
                    reply("220 2.0.0 go ahead" + injectedAfterStartTls);
                    SSLSocket ssl = (SSLSocket) tls.get().getSocketFactory().createSocket(socket, null, socket.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    use(ssl);
                    secure = true;
                    reset();
                } else if (upper.startsWith("AUTH PLAIN ")) {
                    String decoded = new String(Base64.getDecoder().decode(line.substring(11)), StandardCharsets.UTF_8);
                    authenticated = credentials.isPresent() && secure && decoded.equals(credentials.get());
                    reply(authenticated ? "235 2.7.0 ok" : "535 5.7.8 no");
                } else if (upper.startsWith("MAIL FROM:")) {
                    if (credentials.isPresent() && !authenticated) {
                        reply("530 5.7.0 authentication required");
                        continue;
                    }
                    mailFrom = line.substring(10);
                    reply("250 2.1.0 ok");
                } else if (upper.startsWith("RCPT TO:")) {
                    if (mailFrom == null) {
                        reply("503 5.5.1 MAIL first");
                        continue;
                    }
                    String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    String r = rcptReplies.getOrDefault(address, "250 2.1.5 ok");
                    if (r.startsWith("2")) {
                        rcpts.add(line.substring(8));
                    }
                    reply(r);
                } else if (upper.equals("DATA")) {
                    if (rcpts.isEmpty()) {
                        reply("554 5.5.1 no valid recipients");
                        continue;
                    }
                    reply("354 go ahead");
                    byte[] data = readData();
                    dataReceived.countDown();
                    int n = transactions.getAndIncrement();
                    if (n >= dropAfterMessages) {
                        socket.close();
                        return;
                    }
                    if (hangAfterData || n >= hangAfterMessages) {
                        while (in.read() >= 0) {
                            // say nothing until the client gives up
                        }
                        return;
                    }
                    if (endOfDataDelayMillis > 0) {
                        try {
                            Thread.sleep(endOfDataDelayMillis);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    String r = Optional.ofNullable(endOfDataReplies.poll()).orElse("250 2.0.0 queued");
                    if (r.startsWith("2")) {
                        accepted.add(new Accepted(mailFrom, List.copyOf(rcpts), data, secure));
                    }
                    reply(r);
                    reset();
                } else if (upper.equals("RSET")) {
                    reset();
                    reply("250 2.0.0 ok");
                } else if (upper.equals("QUIT")) {
                    reply("221 2.0.0 bye");
                    return;
                } else {
                    reply("502 5.5.2 not implemented");
                }
            }
        }

        private void reset() {
            mailFrom = null;
            rcpts.clear();
        }

        /** Reads until the line ".", removing the stuffed dots (RFC 5321 §4.5.2). */
        private byte[] readData() throws IOException {
            ByteArrayOutputStream data = new ByteArrayOutputStream();
            while (true) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                int b;
                while ((b = in.read()) >= 0) {
                    line.write(b);
                    if (b == '\n') {
                        break;
                    }
                }
                byte[] l = line.toByteArray();
                if (b < 0) {
                    throw new IOException("end of stream in data");
                }
                if (l.length == 3 && l[0] == '.') {
                    return data.toByteArray();
                }
                int from = l.length > 0 && l[0] == '.' ? 1 : 0;
                data.write(l, from, l.length - from);
            }
        }

        private String readLine() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            String s = line.toString(StandardCharsets.UTF_8);
            return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
        }

        private void reply(String text) throws IOException {
            out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket s : connections) {
            s.close();
        }
    }
}
