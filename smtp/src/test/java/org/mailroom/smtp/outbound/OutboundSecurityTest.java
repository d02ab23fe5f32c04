package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailroom.smtp.outbound.RecipientResult.Kind;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient;

/** What a hostile or tampered-with remote server can try against the delivery client. */
class OutboundSecurityTest {

    private static final TestCertificate CERT = TestCertificate.forHost("sink.test");
    private static final String MESSAGE = "Subject: s\r\n\r\nbody\r\n";

    private SinkServer sink;
    private SmtpClientFactory clients;
    private RemoteDelivery delivery;

    @BeforeEach
    void setUp() throws Exception {
        sink = new SinkServer();
        clients = new SmtpClientFactory(Timeouts.all(Duration.ofSeconds(30)), CERT.trusting);
        delivery = new RemoteDelivery("mailroom.example.org", clients);
    }

    @AfterEach
    void tearDown() throws IOException {
        sink.close();
        clients.close();
    }

    @Test
    void aReplyInjectedBeforeTheTlsHandshakeIsNeverReadAsAnAnswerAfterIt() throws IOException {
        sink.withTls(CERT.server);
        sink.injectedAfterStartTls = "\r\n250-INJECTED\r\n250 AUTH PLAIN";

        List<RecipientResult> results = deliver(port(sink));

        assertThat(results.get(0).kind()).isEqualTo(Kind.DELIVERED);
        assertThat(sink.accepted).hasSize(1);
        assertThat(sink.accepted.get(0).tls()).isTrue();
        assertThat(sink.commands).containsExactly("EHLO mailroom.example.org", "STARTTLS", "EHLO mailroom.example.org",
                "MAIL FROM:<a@example.org> SIZE=" + MESSAGE.length(), "RCPT TO:<b@remote.test>", "DATA", "QUIT");
    }

    @Test
    void anEndlessReplyLineIsCutOffAsAProtocolError() throws Exception {
        try (HostileServer s = new HostileServer("220 " + "x".repeat(100_000) + "\r\n")) {
            List<RecipientResult> results = deliver(s.port());

            assertThat(results.get(0).kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(results.get(0).reason()).contains("reply line longer than 4096 bytes");
        }
    }

    @Test
    void anEndlessMultilineReplyIsCutOffAsAProtocolError() throws Exception {
        try (HostileServer s = new HostileServer("220-hello\r\n".repeat(1000))) {
            List<RecipientResult> results = deliver(s.port());

            assertThat(results.get(0).kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(results.get(0).reason()).contains("reply of more than 100 lines");
        }
    }

    @Test
    void controlCharactersInARemoteReplyNeverReachTheLogOrTheBounce() throws IOException {
        sink.rcptReplies.put("b@remote.test", "550 5.1.1 no\u001b[31m such\u0007 user");

        List<RecipientResult> results = deliver(port(sink));

        assertThat(results.get(0).diagnostic()).isEqualTo("smtp; 550 5.1.1 no?[31m such? user");
    }

    @Test
    void aServerThatAnswersGarbageGetsNoMessage() throws Exception {
        try (HostileServer s = new HostileServer("HTTP/1.1 400 Bad Request\r\n\r\n")) {
            List<RecipientResult> results = deliver(s.port());

            assertThat(results.get(0).kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(results.get(0).reason()).contains("malformed reply");
        }
    }

    private List<RecipientResult> deliver(int port) throws IOException {
        byte[] bytes = MESSAGE.getBytes(StandardCharsets.US_ASCII);
        QueueEntry e = new QueueEntry(1, QueuedRecipient.plain(Optional.of(EmailAddress.parse("a@example.org")),
                EmailAddress.parse("b@remote.test")), Instant.EPOCH, Instant.EPOCH, 0, Optional.empty(), bytes.length, 1);
        MessageTraits traits = MessageTraits.scan(new ByteArrayInputStream(bytes), List.of());
        Transaction tx = new Transaction(List.of(e), traits, () -> new ByteArrayInputStream(bytes));
        return delivery.deliver(List.of(new RemoteHost("sink.test", InetAddress.getLoopbackAddress(), port)),
                ConnectionPolicy.OPPORTUNISTIC, tx, c -> { });
    }

    private static int port(SinkServer s) {
        return s.port();
    }

    /** Accepts one connection, writes the given bytes, then reads whatever comes until the client leaves. */
    private static final class HostileServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());

        HostileServer(String text) throws IOException {
            Thread t = new Thread(() -> {
                try (Socket s = listener.accept(); OutputStream out = s.getOutputStream()) {
                    out.write(text.getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    s.getInputStream().transferTo(OutputStream.nullOutputStream());
                } catch (IOException e) {
                    // the client hung up, as it should
                }
            }, "hostile-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return listener.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
