package org.mailroom.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.smtp.ListenerKind;
import org.mailroom.smtp.SmtpConfig;
import org.mailroom.smtp.SmtpServices;
import org.mailroom.smtp.command.CommandTable;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.Quota;
import org.mailroom.store.derby.TestStores;

/**
 * The session engine without sockets (STYLE.md §3, §18): a whole pipelined session fed at once, then
 * one octet at a time, then in odd-sized pieces, must give the same replies and store the same mail.
 */
class SmtpSessionFramingTest {

    private static final String SESSION = "EHLO client.example\r\n"
            + "MAIL FROM:<s@example.net>\r\nRCPT TO:<alice@example.org>\r\nRCPT TO:<nobody@example.org>\r\nDATA\r\n"
            + "Subject: one\r\n\r\n..stuffed\r\n.\r\n"
            + "NOOP " + "x".repeat(3000) + "\r\n"
            + "NOOP\nNOOP\r\n"
            + "MAIL FROM:<s@example.net>\r\nRCPT TO:<alice@example.org>\r\nBDAT 14\r\nSubject: two\r\nBDAT 5 LAST\r\n\r\n.\r\n"
            + "VRFY alice\r\nRSET\r\nQUIT\r\n";

    @TempDir
    Path dir;
    MailStore store;
    SmtpConfig config;
    SmtpServices services;

    /** A connection that records what the session sends and runs delayed work at once. */
    static final class RecordingConnection implements Connection {
        final StringBuilder sent = new StringBuilder();
        boolean closed;

        @Override
        public InetSocketAddress remote() {
            return new InetSocketAddress("192.0.2.7", 40000);
        }

        @Override
        public void send(Reply reply) {
            sent.append(new String(reply.bytes(), StandardCharsets.UTF_8));
        }

        @Override
        public void startTls(Reply ready) {
            send(ready);
        }

        @Override
        public Optional<TlsInfo> tls() {
            return Optional.empty();
        }

        @Override
        public void suspendInput(boolean suspend) {
        }

        @Override
        public void schedule(Duration delay, Runnable task) {
            task.run();
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public void setReadTimeout(Duration timeout) {
        }
    }

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("store"));
        store.admin().addDomain("example.org");
        store.admin().addAccount(EmailAddress.parse("alice@example.org"), "x", "x", Quota.UNLIMITED);
        Map<String, String> m = new HashMap<>(Map.of("hostname", "mx.example.org", "data.dir", dir.toString()));
        Settings s = new Settings(m, dir, "test");
        config = SmtpConfig.from(s, CoreConfig.from(s));
        services = new SmtpServices(new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC()),
                null, null, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    private SmtpSession started(RecordingConnection c) {
        SessionContext ctx = new SessionContext(ListenerKind.MX, config, services,
                new UnknownRecipientGuard(100, 200, Duration.ofHours(1), Clock.systemUTC()), "test", c);
        SmtpSession session = new SmtpSession(ctx, c, CommandTable.standard());
        session.start();
        return session;
    }

    private String run(int pieceSize) {
        RecordingConnection c = new RecordingConnection();
        SmtpSession session = started(c);
        byte[] in = SESSION.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < in.length; i += pieceSize) {
            session.receive(in, i, Math.min(pieceSize, in.length - i), false);
        }
        assertThat(c.closed).isTrue();
        return c.sent.toString().replaceAll("queued as test-\\d+", "queued as ID");
    }

    @Test
    void aPipelinedSessionGivesTheSameRepliesHoweverItIsSplit() {
        String whole = run(Integer.MAX_VALUE / 2);
        assertThat(whole).isEqualTo("220 mx.example.org ESMTP ready\r\n"
                + "250-mx.example.org\r\n250-PIPELINING\r\n250-SIZE 26214400\r\n250-8BITMIME\r\n250-SMTPUTF8\r\n"
                + "250-ENHANCEDSTATUSCODES\r\n250-STARTTLS\r\n250-CHUNKING\r\n250-DSN\r\n250 LIMITS RCPTMAX=100\r\n"
                + "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n550 5.1.1 Recipient address rejected: no such user\r\n"
                + "354 End data with <CR><LF>.<CR><LF>\r\n250 2.0.0 OK queued as ID\r\n"
                + "500 5.5.2 Line too long\r\n"
                + "500 5.5.2 Bare LF in a command; lines end with CRLF (RFC 5321 section 2.3.8)\r\n250 2.0.0 OK\r\n"
                + "250 2.1.0 Sender OK\r\n250 2.1.5 Recipient OK\r\n250 2.0.0 14 octets received\r\n"
                + "250 2.0.0 OK queued as ID\r\n"
                + "252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery\r\n250 2.0.0 Flushed\r\n"
                + "221 2.0.0 mx.example.org Bye\r\n");
        List<String> splits = new ArrayList<>();
        for (int size : new int[] {1, 2, 3, 7, 64}) {
            splits.add(run(size));
        }
        assertThat(splits).allSatisfy(s -> assertThat(s).isEqualTo(whole));
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void feed(SmtpSession session, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        session.receive(b, 0, b.length, false);
    }

    @Test
    void onlyOneWholeLineOfACommandAnsweredFromMemoryIsAnsweredAtOnce() {
        SmtpSession session = started(new RecordingConnection());

        assertThat(session.answersAtOnce(ascii("EHLO client.example\r\n"), false)).isTrue();
        assertThat(session.answersAtOnce(ascii("ehlo client.example\r\n"), false)).isTrue();
        assertThat(session.answersAtOnce(ascii("QUIT\r\n"), false)).isTrue();
        assertThat(session.answersAtOnce(ascii("EHLO client.example"), false)).as("no line end yet").isFalse();
        assertThat(session.answersAtOnce(ascii("EHLO a\r\nQUIT\r\n"), false)).as("two lines").isFalse();
        assertThat(session.answersAtOnce(ascii("MAIL FROM:<s@example.net>\r\n"), false)).as("may query the store")
                .isFalse();
        assertThat(session.answersAtOnce(ascii("RCPT TO:<alice@example.org>\r\n"), false)).isFalse();
        assertThat(session.answersAtOnce(ascii("AUTH PLAIN\r\n"), false)).isFalse();
        assertThat(session.answersAtOnce(ascii("XYZZY\r\n"), false)).isFalse();
        assertThat(session.answersAtOnce(ascii("EHLO client.example\r\n"), true)).as("first octets out of TLS")
                .isFalse();
    }

    @Test
    void nothingIsAnsweredAtOnceWhileMessageDataOrAPartLineIsWaiting() {
        RecordingConnection c = new RecordingConnection();
        SmtpSession session = started(c);
        feed(session, "EHLO client.example\r\nMAIL FROM:<s@example.net>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n");
        assertThat(c.sent.toString()).endsWith("354 End data with <CR><LF>.<CR><LF>\r\n");
        assertThat(session.answersAtOnce(ascii("QUIT\r\n"), false)).as("message data").isFalse();

        feed(session, "Subject: x\r\n\r\nbody\r\n.\r\n");
        assertThat(c.sent.toString()).contains("250 2.0.0 OK queued as");
        assertThat(session.answersAtOnce(ascii("QUIT\r\n"), false)).isTrue();

        feed(session, "NOO");
        assertThat(session.answersAtOnce(ascii("P\r\n"), false)).as("the rest of a buffered line").isFalse();
    }
}
