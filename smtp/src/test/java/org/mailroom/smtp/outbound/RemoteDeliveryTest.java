package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailroom.smtp.outbound.ConnectionPolicy.Credentials;
import org.mailroom.smtp.outbound.RecipientResult.Kind;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient;
import org.mailroom.store.QueuedRecipient.DsnNotify;

/** The delivery client against a real SMTP sink on loopback: the dialogue, the bytes, TLS and refusals. */
class RemoteDeliveryTest {

    private static final TestCertificate CERT = TestCertificate.forHost("sink.test");
    private static final String MESSAGE = "From: a@example.org\r\nTo: b@remote.test\r\nSubject: dots\r\n\r\n"
            + ".leading dot\r\n..two dots\r\n.\r\nmiddle\r\n. \r\nend\r\n";

    private SinkServer sink;
    private SmtpClientFactory clients;
    private RemoteDelivery delivery;
    private long nextId = 1;

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
    void theMessageArrivesByteForByteThroughDotStuffing() throws IOException {
        List<RecipientResult> results = deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC, entry("b@remote.test"));

        assertThat(results).extracting(RecipientResult::kind).containsExactly(Kind.DELIVERED);
        assertThat(sink.accepted).hasSize(1);
        assertThat(sink.accepted.get(0).text()).isEqualTo(MESSAGE);
        assertThat(sink.commands).containsExactly("EHLO mailroom.example.org",
                "MAIL FROM:<a@example.org> SIZE=" + MESSAGE.length(), "RCPT TO:<b@remote.test>", "DATA", "QUIT");
    }

    @Test
    void bareLineEndsAreSentAsCrlfAndAMissingLastLineEndIsAdded() throws IOException {
        deliver("Subject: x\n\nbare lf\rbare cr\r\n.dot", ConnectionPolicy.OPPORTUNISTIC, entry("b@remote.test"));

        assertThat(sink.accepted.get(0).text()).isEqualTo("Subject: x\r\n\r\nbare lf\r\nbare cr\r\n.dot\r\n");
    }

    @Test
    void withoutPipeliningEachCommandWaitsForItsReplyAndOneRefusedRecipientDoesNotStopTheOthers() throws IOException {
        sink.extensions = List.of("ENHANCEDSTATUSCODES");
        sink.rcptReplies.put("gone@remote.test", "550 5.1.1 no such user");
        sink.rcptReplies.put("later@remote.test", "451 4.2.0 try later");

        List<RecipientResult> results = deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC,
                entry("b@remote.test"), entry("gone@remote.test"), entry("later@remote.test"));

        assertThat(results).extracting(RecipientResult::kind).containsExactly(Kind.DELIVERED, Kind.PERMANENT, Kind.TEMPORARY);
        assertThat(results.get(1).status()).isEqualTo("5.1.1");
        assertThat(results.get(1).diagnostic()).isEqualTo("smtp; 550 5.1.1 no such user");
        assertThat(results.get(2).status()).isEqualTo("4.2.0");
        assertThat(sink.accepted.get(0).rcptTo()).containsExactly("<b@remote.test>");
    }

    @Test
    void opportunisticStartTlsIsUsedWhenOfferedEvenWithAnUnverifiableCertificate() throws IOException {
        sink.withTls(TestCertificate.forHost("other.name").server);

        List<RecipientResult> results = deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC, entry("b@remote.test"));

        assertThat(results).extracting(RecipientResult::kind).containsExactly(Kind.DELIVERED);
        assertThat(sink.accepted.get(0).tls()).isTrue();
        assertThat(sink.accepted.get(0).text()).isEqualTo(MESSAGE);
        assertThat(sink.commands).containsExactly("EHLO mailroom.example.org", "STARTTLS", "EHLO mailroom.example.org",
                "MAIL FROM:<a@example.org> SIZE=" + MESSAGE.length(), "RCPT TO:<b@remote.test>", "DATA", "QUIT");
    }

    @Test
    void requiredTlsDefersWhenTheServerOffersNoStartTls() throws IOException {
        List<RecipientResult> results = deliver(MESSAGE, new ConnectionPolicy(TlsMode.REQUIRED, false, Optional.empty()),
                entry("b@remote.test"));

        assertThat(results).extracting(RecipientResult::kind, RecipientResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.TEMPORARY, "4.7.10"));
        assertThat(sink.accepted).isEmpty();
        assertThat(sink.commands).doesNotContain("MAIL FROM:<a@example.org> SIZE=" + MESSAGE.length());
    }

    @Test
    void aSmarthostGetsAuthPlainOnlyAfterVerifiedTls() throws IOException {
        sink.withTls(CERT.server);
        sink.credentials = Optional.of("\0relay-user\0s3cret");
        ConnectionPolicy policy = new ConnectionPolicy(TlsMode.REQUIRED, true,
                Optional.of(new Credentials("relay-user", "s3cret")));

        List<RecipientResult> results = deliver(MESSAGE, policy, entry("b@remote.test"));

        assertThat(results).extracting(RecipientResult::kind).containsExactly(Kind.DELIVERED);
        assertThat(sink.commands.subList(0, 4)).containsExactly("EHLO mailroom.example.org", "STARTTLS",
                "EHLO mailroom.example.org", "AUTH PLAIN AHJlbGF5LXVzZXIAczNjcmV0");
    }

    @Test
    void aSmarthostWhoseCertificateIsNotTrustedGetsNoPassword() throws IOException {
        sink.withTls(TestCertificate.forHost("sink.test").server);
        sink.credentials = Optional.of("\0relay-user\0s3cret");
        ConnectionPolicy policy = new ConnectionPolicy(TlsMode.REQUIRED, true,
                Optional.of(new Credentials("relay-user", "s3cret")));

        List<RecipientResult> results = deliver(MESSAGE, policy, entry("b@remote.test"));

        assertThat(results).extracting(RecipientResult::kind, RecipientResult::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(Kind.TEMPORARY, "4.7.5"));
        assertThat(sink.commands).noneMatch(c -> c.startsWith("AUTH"));
    }

    @Test
    void dsnParametersGoOnWhenTheServerSupportsDsn() throws IOException {
        QueuedRecipient r = new QueuedRecipient(Optional.of(EmailAddress.parse("a@example.org")),
                EmailAddress.parse("b@remote.test"), Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE),
                Optional.of("rfc822;team+x@example.org"), Optional.of("ENV 1"), true);

        deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC, entry(r));

        assertThat(sink.commands).contains("MAIL FROM:<a@example.org> SIZE=" + MESSAGE.length() + " RET=HDRS ENVID=ENV+201",
                "RCPT TO:<b@remote.test> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;team+2Bx@example.org");
    }

    @Test
    void aMessageLargerThanTheServerTakesFailsWithoutMail() throws IOException {
        sink.extensions = List.of("SIZE 10");

        List<RecipientResult> results = deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC, entry("b@remote.test"));

        assertThat(results.get(0).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(results.get(0).status()).isEqualTo("5.3.4");
        assertThat(sink.commands).containsExactly("EHLO mailroom.example.org", "QUIT");
    }

    @Test
    void aMessageNeedingSmtpUtf8BouncesAtAServerWithoutIt() throws IOException {
        sink.extensions = List.of("8BITMIME");

        List<RecipientResult> results = deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC, entry("jörg@remote.test"));

        assertThat(results.get(0).kind()).isEqualTo(Kind.PERMANENT);
        assertThat(results.get(0).status()).isEqualTo("5.6.7");
        assertThat(sink.accepted).isEmpty();
    }

    @Test
    void utf8AndEightBitContentIsAnnouncedToAServerThatTakesIt() throws IOException {
        String text = "Subject: caf\u00e9\r\n\r\nna\u00efve\r\n";

        deliver(text, ConnectionPolicy.OPPORTUNISTIC, entry("j\u00f6rg@remote.test"));

        int size = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(sink.commands).contains("MAIL FROM:<a@example.org> SIZE=" + size + " BODY=8BITMIME SMTPUTF8");
        assertThat(sink.accepted.get(0).text()).isEqualTo(text);
    }

    @Test
    void aServerThatTempFailsTheGreetingHandsTheRecipientsToTheNextHost() throws Exception {
        try (SinkServer busy = new SinkServer()) {
            busy.greeting = "421 4.3.2 busy";
            List<RemoteHost> hosts = List.of(host(busy.port()), host(sink.port()));

            List<RecipientResult> results = delivery.deliver(hosts, ConnectionPolicy.OPPORTUNISTIC,
                    tx(MESSAGE, List.of(entry("b@remote.test"))), c -> { });

            assertThat(results).extracting(RecipientResult::kind).containsExactly(Kind.DELIVERED);
            assertThat(sink.accepted).hasSize(1);
        }
    }

    @Test
    void recipientsBeyondTheServersRcptMaxGoInAnotherTransactionOnTheSameConnection() throws IOException {
        sink.extensions = List.of("PIPELINING", "LIMITS RCPTMAX=2");

        List<RecipientResult> results = deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC,
                entry("r1@remote.test"), entry("r2@remote.test"), entry("r3@remote.test"));

        assertThat(results).extracting(RecipientResult::kind).containsOnly(Kind.DELIVERED);
        assertThat(sink.accepted).extracting(SinkServer.Accepted::rcptTo).containsExactly(
                List.of("<r1@remote.test>", "<r2@remote.test>"), List.of("<r3@remote.test>"));
        assertThat(sink.accepted.get(1).text()).isEqualTo(MESSAGE);
        assertThat(sink.commands.stream().filter(c -> c.equals("EHLO mailroom.example.org"))).hasSize(1);
    }

    @Test
    void recipientsRefusedAsTooManyAreSentAgainInTheNextTransaction() throws IOException {
        sink.extensions = List.of();
        sink.rcptReplies.put("r2@remote.test", "452 4.5.3 too many recipients");

        List<RecipientResult> results = deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC,
                entry("r1@remote.test"), entry("r2@remote.test"));

        // the sink refuses r2 every time: after one transaction without progress it is deferred
        assertThat(results).extracting(RecipientResult::kind).containsExactly(Kind.DELIVERED, Kind.TEMPORARY);
        assertThat(sink.commands.stream().filter(c -> c.startsWith("RCPT TO:<r2@"))).hasSize(2);
        assertThat(sink.accepted).hasSize(1);
    }

    @Test
    void aTooManyRecipients552IsTemporaryButAMailboxFull552IsNot() throws IOException {
        sink.extensions = List.of();
        sink.rcptReplies.put("many@remote.test", "552 5.5.3 too many recipients");
        sink.rcptReplies.put("full@remote.test", "552 5.2.2 mailbox full");

        List<RecipientResult> results = deliver(MESSAGE, ConnectionPolicy.OPPORTUNISTIC,
                entry("many@remote.test"), entry("full@remote.test"));

        assertThat(results).extracting(RecipientResult::kind, RecipientResult::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Kind.TEMPORARY, "4.5.3"),
                org.assertj.core.groups.Tuple.tuple(Kind.PERMANENT, "5.2.2"));
    }

    @Test
    void onOneConnectionEachMessageIsDecidedAloneAndOnlyUnsentOnesGoToTheNextHost() throws Exception {
        try (SinkServer backup = new SinkServer()) {
            sink.dropAfterMessages = 1;
            List<Transaction> txs = List.of(tx(MESSAGE, List.of(entry("one@remote.test"))),
                    tx(MESSAGE, List.of(entry("two@remote.test"))), tx(MESSAGE, List.of(entry("three@remote.test"))));
            List<String> finishedInOrder = new ArrayList<>();

            List<List<RecipientResult>> results = delivery.deliver(List.of(host(sink.port()), host(backup.port())),
                    ConnectionPolicy.OPPORTUNISTIC, txs, c -> { },
                    (tx, r) -> finishedInOrder.add(tx.first().recipient().localPart() + " " + r.get(0).kind()));

            assertThat(results).extracting(r -> r.get(0).kind())
                    .containsExactly(Kind.DELIVERED, Kind.TEMPORARY, Kind.DELIVERED);
            assertThat(finishedInOrder).containsExactly("one DELIVERED", "two TEMPORARY", "three DELIVERED");
            assertThat(sink.accepted).extracting(SinkServer.Accepted::rcptTo).containsExactly(List.of("<one@remote.test>"));
            assertThat(backup.accepted).extracting(SinkServer.Accepted::rcptTo)
                    .containsExactly(List.of("<three@remote.test>"));
        }
    }

    @Test
    void aServerThatNeverGreetsIsGivenUpAfterTheGreetingTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             SmtpClientFactory impatient = new SmtpClientFactory(Timeouts.all(Duration.ofMillis(300)), CERT.trusting)) {
            RemoteDelivery d = new RemoteDelivery("mailroom.example.org", impatient);

            List<RecipientResult> results = d.deliver(List.of(host(silent.getLocalPort())), ConnectionPolicy.OPPORTUNISTIC,
                    tx(MESSAGE, List.of(entry("b@remote.test"))), c -> { });

            assertThat(results.get(0).kind()).isEqualTo(Kind.TEMPORARY);
            assertThat(results.get(0).status()).isEqualTo("4.4.2");
            assertThat(results.get(0).reason()).isEqualTo("timeout talking to sink.test[127.0.0.1]:"
                    + silent.getLocalPort() + " awaiting the greeting");
        }
    }

    @Test
    void aConnectionRefusedIsATemporaryFailure() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        List<RecipientResult> results = delivery.deliver(List.of(host(port)), ConnectionPolicy.OPPORTUNISTIC,
                tx(MESSAGE, List.of(entry("b@remote.test"))), c -> { });

        assertThat(results.get(0).kind()).isEqualTo(Kind.TEMPORARY);
        assertThat(results.get(0).status()).isEqualTo("4.4.1");
        assertThat(results.get(0).diagnostic()).startsWith("X-Mailroom; cannot connect to sink.test[127.0.0.1]:" + port);
    }

    private List<RecipientResult> deliver(String message, ConnectionPolicy policy, QueueEntry... entries) throws IOException {
        return delivery.deliver(List.of(host(sink.port())), policy, tx(message, List.of(entries)), c -> { });
    }

    private static RemoteHost host(int port) {
        return new RemoteHost("sink.test", InetAddress.getLoopbackAddress(), port);
    }

    private static Transaction tx(String message, List<QueueEntry> entries) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        List<QueueEntry> sized = new ArrayList<>();
        for (QueueEntry e : entries) {
            sized.add(new QueueEntry(e.id(), e.recipient(), e.created(), e.nextAttempt(), 0, Optional.empty(),
                    bytes.length, 1));
        }
        MessageTraits traits = MessageTraits.scan(new ByteArrayInputStream(bytes),
                sized.stream().map(e -> e.recipient().recipient()).toList());
        return new Transaction(sized, traits, () -> new ByteArrayInputStream(bytes));
    }

    private QueueEntry entry(String to) {
        return entry(QueuedRecipient.plain(Optional.of(EmailAddress.parse("a@example.org")), EmailAddress.parse(to)));
    }

    private QueueEntry entry(QueuedRecipient r) {
        return new QueueEntry(nextId++, r, Instant.EPOCH, Instant.EPOCH, 0, Optional.empty(), 0, 1);
    }
}
