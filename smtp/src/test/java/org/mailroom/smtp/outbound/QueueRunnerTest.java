package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.delivery.Envelope;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient.DsnNotify;
import org.mailroom.store.Quota;
import org.mailroom.store.TestContent;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/**
 * The queue runner over the real Derby store and delivery agent, delivering to a real SMTP sink on
 * loopback that it finds through a DNS stub, with a clock the test moves.
 */
class QueueRunnerTest {

    private static final TestCertificate MX_CERT = TestCertificate.forHost("mx.remote.test");
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String MESSAGE = "From: alice@example.org\r\nTo: bob@remote.test\r\nSubject: queued\r\n"
            + "Message-ID: <m1@example.org>\r\n\r\n.a dot line\r\n..\r\n.\r\nlast\r\n";

    @TempDir
    Path dir;
    private MailStore store;
    private DeliveryAgent agent;
    private Account alice;
    private DnsStub dns;
    private SinkServer sink;
    private SmtpClientFactory clients;
    private MutableClock clock;
    private QueueRunner runner;
    private final Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void setUp() throws Exception {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        alice = store.admin().addAccount(EmailAddress.parse("alice@example.org"), "x", "x", Quota.UNLIMITED);
        clock = new MutableClock(T0);
        agent = new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, clock);
        dns = new DnsStub();
        sink = new SinkServer();
        dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.1");
        clients = new SmtpClientFactory(Timeouts.all(Duration.ofSeconds(30)), MX_CERT.trusting);
        settings.put("hostname", "mailroom.example.org");
        settings.put("queue.retry-schedule", "5m, 10m, 30m");
        settings.put("queue.max-age", "1d");
        settings.put("queue.delay-notice", "0");
        settings.put("queue.shutdown-grace", "200ms");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (runner != null) {
            runner.close();
        }
        clients.close();
        sink.close();
        dns.close();
        store.close();
    }

    private QueueRunner runner() {
        Settings s = new Settings(settings, dir, "test.properties");
        OutboundConfig c = OutboundConfig.from(s, CoreConfig.from(s));
        s.rejectUnknownKeys();
        OutboundConfig fast = new OutboundConfig(c.hostname(), c.concurrency(), c.perDestination(), c.retrySchedule(),
                c.maxAge(), c.delayNotice(), c.pollInterval(), c.shutdownGrace(), c.dnsServers(), c.dnsTimeout(),
                c.routes(), c.smarthost(), c.requireTls(), Timeouts.all(Duration.ofSeconds(30)));
        runner = new QueueRunner(fast, store.queue(), new DnsMxResolver(dns.resolver(), sink.port()), clients, clock, agent);
        return runner;
    }

    @Test
    void aMessageReachesTheMxFoundInDnsByteForByteInOneTransactionForTwoRecipients() {
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test", "carol@remote.test");

        runner().deliverDue();

        assertThat(sink.accepted).hasSize(1);
        assertThat(sink.accepted.get(0).text()).isEqualTo(MESSAGE);
        assertThat(sink.accepted.get(0).mailFrom()).isEqualTo("<alice@example.org> SIZE=" + MESSAGE.length());
        assertThat(sink.accepted.get(0).rcptTo()).containsExactly("<bob@remote.test>", "<carol@remote.test>");
        assertThat(store.queue().list()).isEmpty();
        assertThat(dns.queries).contains("remote.test. MX", "mx.remote.test. A");
    }

    @Test
    void aTemporaryFailureIsRetriedOnScheduleAndThenDelivered() {
        sink.endOfDataReplies.add("451 4.3.0 try again later");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");

        runner().deliverDue();

        QueueEntry e = store.queue().list().get(0);
        assertThat(e.attempts()).isEqualTo(1);
        assertThat(e.lastError()).contains("mx.remote.test said: 451 4.3.0 try again later");
        assertThat(e.nextAttempt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofMinutes(4));
        runner.deliverDue();
        assertThat(sink.accepted).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        runner.deliverDue();

        assertThat(sink.accepted).hasSize(1);
        assertThat(sink.accepted.get(0).text()).isEqualTo(MESSAGE);
        assertThat(store.queue().list()).isEmpty();
        assertThat(inbox(alice)).isEmpty();
    }

    @Test
    void theWaitGrowsWithEachFailureAlongTheSchedule() throws IOException {
        sink.close();
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");
        runner();
        List<Duration> waits = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runner.deliverDue();
            QueueEntry e = store.queue().list().get(0);
            waits.add(Duration.between(clock.instant(), e.nextAttempt()));
            clock.set(e.nextAttempt());
        }
        assertThat(waits).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofMinutes(30));
        assertThat(store.queue().list().get(0).lastError().orElseThrow()).startsWith("cannot connect to mx.remote.test");
    }

    @Test
    void aPermanentRefusalBouncesIntoTheLocalSendersInboxAsAnRfc3464Report() throws Exception {
        sink.rcptReplies.put("bob@remote.test", "550 5.1.1 no such user here");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");

        runner().deliverDue();

        assertThat(store.queue().list()).isEmpty();
        List<String> inbox = inbox(alice);
        assertThat(inbox).hasSize(1);
        String bounce = inbox.get(0);
        assertThat(bounce).startsWith("Return-Path: <>\r\nDelivered-To: alice@example.org\r\n"
                + "From: Mail Delivery System <MAILER-DAEMON@mailroom.example.org>\r\nTo: <alice@example.org>\r\n"
                + "Subject: Undelivered Mail Returned to Sender\r\n");
        Report report = Report.parse(bounce);
        assertThat(report.contentType).startsWith("multipart/report").contains("report-type=delivery-status");
        assertThat(report.perMessage.getHeader("Reporting-MTA", null)).isEqualTo("dns; mailroom.example.org");
        assertThat(report.perMessage.getHeader("Arrival-Date", null)).isEqualTo("Fri, 4 Dec 2026 10:00:00 +0000");
        assertThat(report.perRecipient).hasSize(1);
        InternetHeaders r = report.perRecipient.get(0);
        assertThat(r.getHeader("Final-Recipient", null)).isEqualTo("rfc822; bob@remote.test");
        assertThat(r.getHeader("Action", null)).isEqualTo("failed");
        assertThat(r.getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(r.getHeader("Remote-MTA", null)).isEqualTo("dns; mx.remote.test");
        assertThat(r.getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 550 5.1.1 no such user here");
        assertThat(report.returnedType).startsWith("message/rfc822");
        assertThat(report.returned).isEqualTo(MESSAGE);
    }

    @Test
    void aBounceNamesTheOriginalRecipientAndEnvelopeIdAndReturnsOnlyTheHeaderWhenAsked() throws Exception {
        sink.rcptReplies.put("bob@remote.test", "550 5.1.1 no such user here");
        agent.deliver(new Envelope(Optional.of(EmailAddress.parse("alice@example.org")),
                List.of(new Envelope.Recipient(EmailAddress.parse("bob@remote.test"), Set.of(DsnNotify.FAILURE),
                        Optional.of("rfc822;Bob+2Bold@remote.test"))), Optional.of("QQ+2B1"), true), TestContent.of(MESSAGE));

        runner().deliverDue();

        Report report = Report.parse(inbox(alice).get(0));
        assertThat(report.perMessage.getHeader("Original-Envelope-Id", null)).isEqualTo("QQ+1");
        assertThat(report.perRecipient.get(0).getHeader("Original-Recipient", null)).isEqualTo("rfc822;Bob+old@remote.test");
        assertThat(report.returnedType).startsWith("text/rfc822-headers");
        assertThat(report.returned).isEqualTo("From: alice@example.org\r\nTo: bob@remote.test\r\nSubject: queued\r\n"
                + "Message-ID: <m1@example.org>\r\n");
    }

    @Test
    void aMessageNeedingSmtpUtf8BouncesFromAServerWithoutItInTheGlobalReportForm() throws Exception {
        sink.extensions = List.of("8BITMIME", "DSN");
        queue(Optional.of("alice@example.org"), MESSAGE, "j\u00f6rg@remote.test");

        runner().deliverDue();

        assertThat(sink.commands).noneMatch(c -> c.startsWith("MAIL"));
        String bounce = inbox(alice).get(0);
        assertThat(bounce).contains("Content-Type: message/global-delivery-status\r\n")
                .contains("Final-Recipient: utf-8; j\u00f6rg@remote.test\r\nAction: failed\r\nStatus: 5.6.7\r\n");
    }

    @Test
    void aNullMxBouncesWithoutAnyConnection() throws Exception {
        dns.nullMx("nomail.test");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@nomail.test");

        runner().deliverDue();

        assertThat(sink.commands).isEmpty();
        Report report = Report.parse(inbox(alice).get(0));
        assertThat(report.perRecipient.get(0).getHeader("Status", null)).isEqualTo("5.1.10");
        assertThat(report.perRecipient.get(0).getHeader("Diagnostic-Code", null))
                .isEqualTo("X-Mailroom; nomail.test accepts no mail (null MX)");
        assertThat(report.perRecipient.get(0).getHeader("Remote-MTA", null)).isNull();
        assertThat(store.queue().list()).isEmpty();
    }

    @Test
    void theMostPreferredMxGetsTheMailAndTheNextOneWhenItFails() throws Exception {
        InetAddress second = InetAddress.getByName("127.0.0.2");
        SinkServer primary = new SinkServer(second, sink.port());
        try {
            dns.mx("pref.test", 20, "backup.pref.test").a("backup.pref.test", "127.0.0.1")
                    .mx("pref.test", 10, "primary.pref.test").a("primary.pref.test", "127.0.0.2");
            queue(Optional.of("alice@example.org"), MESSAGE, "one@pref.test");
            runner().deliverDue();
            assertThat(primary.accepted).hasSize(1);
            assertThat(sink.accepted).isEmpty();

            primary.greeting = "421 4.3.2 shutting down";
            queue(Optional.of("alice@example.org"), MESSAGE, "two@pref.test");
            runner.deliverDue();
            assertThat(primary.accepted).hasSize(1);
            assertThat(sink.accepted).extracting(SinkServer.Accepted::rcptTo).containsExactly(List.of("<two@pref.test>"));

            primary.close();
            queue(Optional.of("alice@example.org"), MESSAGE, "three@pref.test");
            runner.deliverDue();
            assertThat(sink.accepted).hasSize(2);
            assertThat(store.queue().list()).isEmpty();
        } finally {
            primary.close();
        }
    }

    @Test
    void startTlsIsUsedWithTheSinksSelfSignedCertificate() {
        sink.withTls(MX_CERT.server);
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");

        runner().deliverDue();

        assertThat(sink.accepted).hasSize(1);
        assertThat(sink.accepted.get(0).tls()).isTrue();
        assertThat(sink.accepted.get(0).text()).isEqualTo(MESSAGE);
        assertThat(sink.commands).contains("STARTTLS");
    }

    @Test
    void requiredTlsKeepsTheMessageQueuedWhenTheMxOffersNone() {
        settings.put("outbound.require-tls", "true");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");

        runner().deliverDue();

        assertThat(sink.accepted).isEmpty();
        assertThat(store.queue().list().get(0).lastError().orElseThrow()).contains("TLS is required");
    }

    @Test
    void aMessageFromTheNullSenderIsNeverBounced() {
        sink.rcptReplies.put("bob@remote.test", "550 5.1.1 no such user here");
        queue(Optional.empty(), MESSAGE, "bob@remote.test");

        runner().deliverDue();

        assertThat(store.queue().list()).isEmpty();
        assertThat(inbox(alice)).isEmpty();
        assertThat(sink.accepted).isEmpty();
    }

    @Test
    void notifyNeverSuppressesTheBounce() {
        sink.rcptReplies.put("bob@remote.test", "550 5.1.1 no such user here");
        agent.deliver(new Envelope(Optional.of(EmailAddress.parse("alice@example.org")),
                List.of(new Envelope.Recipient(EmailAddress.parse("bob@remote.test"), Set.of(DsnNotify.NEVER),
                        Optional.empty())), Optional.empty(), false), TestContent.of(MESSAGE));

        runner().deliverDue();

        assertThat(store.queue().list()).isEmpty();
        assertThat(inbox(alice)).isEmpty();
    }

    @Test
    void aBounceToARemoteSenderIsQueuedFromTheNullSender() {
        sink.rcptReplies.put("bob@remote.test", "550 5.1.1 no such user here");
        queue(Optional.of("someone@remote.test"), MESSAGE, "bob@remote.test");

        runner().deliverDue();

        assertThat(sink.accepted).hasSize(1);
        SinkServer.Accepted bounce = sink.accepted.get(0);
        assertThat(bounce.mailFrom()).startsWith("<> SIZE=");
        assertThat(bounce.rcptTo()).containsExactly("<someone@remote.test>");
        assertThat(bounce.text()).contains("Final-Recipient: rfc822; bob@remote.test\r\nAction: failed\r\n");
        assertThat(store.queue().list()).isEmpty();
    }

    @Test
    void aMessageStillUndeliverableAfterTheMaximumAgeBouncesWithTheLastError() throws Exception {
        sink.rcptReplies.put("bob@remote.test", "451 4.2.1 mailbox busy");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");
        runner().deliverDue();
        clock.set(T0.plus(Duration.ofDays(1)));

        runner.deliverDue();

        assertThat(store.queue().list()).isEmpty();
        InternetHeaders r = Report.parse(inbox(alice).get(0)).perRecipient.get(0);
        assertThat(r.getHeader("Action", null)).isEqualTo("failed");
        assertThat(r.getHeader("Status", null)).isEqualTo("5.4.7");
        assertThat(r.getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 451 4.2.1 mailbox busy");
    }

    @Test
    void aDelayNoticeGoesOutOnceAfterTheConfiguredWait() throws Exception {
        settings.put("queue.delay-notice", "20m");
        sink.rcptReplies.put("bob@remote.test", "451 4.2.1 mailbox busy");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");
        runner();
        for (int i = 0; i < 5; i++) {
            runner.deliverDue();
            clock.set(store.queue().list().get(0).nextAttempt());
        }

        List<String> inbox = inbox(alice);
        assertThat(inbox).hasSize(1);
        Report report = Report.parse(inbox.get(0));
        assertThat(report.perRecipient.get(0).getHeader("Action", null)).isEqualTo("delayed");
        assertThat(report.perRecipient.get(0).getHeader("Status", null)).isEqualTo("4.2.1");
        assertThat(report.perRecipient.get(0).getHeader("Will-Retry-Until", null)).isEqualTo("Sat, 5 Dec 2026 10:00:00 +0000");
        assertThat(report.returnedType).startsWith("text/rfc822-headers");
        assertThat(store.queue().list()).hasSize(1);
    }

    @Test
    void notifySuccessToAServerWithoutDsnGetsARelayedNotice() throws Exception {
        sink.extensions = List.of("8BITMIME");
        agent.deliver(new Envelope(Optional.of(EmailAddress.parse("alice@example.org")),
                List.of(new Envelope.Recipient(EmailAddress.parse("bob@remote.test"), Set.of(DsnNotify.SUCCESS),
                        Optional.empty())), Optional.empty(), false), TestContent.of(MESSAGE));

        runner().deliverDue();

        assertThat(sink.accepted).hasSize(1);
        InternetHeaders r = Report.parse(inbox(alice).get(0)).perRecipient.get(0);
        assertThat(r.getHeader("Action", null)).isEqualTo("relayed");
        assertThat(r.getHeader("Status", null)).isEqualTo("2.0.0");
    }

    @Test
    void notifySuccessToAServerWithDsnIsPassedOnInsteadOfAnswered() {
        agent.deliver(new Envelope(Optional.of(EmailAddress.parse("alice@example.org")),
                List.of(new Envelope.Recipient(EmailAddress.parse("bob@remote.test"), Set.of(DsnNotify.SUCCESS),
                        Optional.empty())), Optional.empty(), false), TestContent.of(MESSAGE));

        runner().deliverDue();

        assertThat(sink.commands).contains("RCPT TO:<bob@remote.test> NOTIFY=SUCCESS");
        assertThat(inbox(alice)).isEmpty();
    }

    @Test
    void aStaticRouteOverridesTheMx() {
        dns.mx("routed.test", 10, "mx.routed.test").a("mx.routed.test", "127.0.0.9");
        settings.put("route.routed.test", "127.0.0.1:" + sink.port());
        queue(Optional.of("alice@example.org"), MESSAGE, "x@routed.test");

        runner().deliverDue();

        assertThat(sink.accepted).hasSize(1);
        assertThat(dns.queries).isEmpty();
    }

    @Test
    void aSmarthostTakesAllRemoteMailAfterTlsAndAuthPlain() throws Exception {
        TestCertificate relayCert = TestCertificate.forHost("localhost");
        sink.withTls(relayCert.server);
        sink.credentials = Optional.of("\0relay-user\0relay-secret");
        clients.close();
        clients = new SmtpClientFactory(Timeouts.all(Duration.ofSeconds(30)), relayCert.trusting);
        settings.put("relay.host", "localhost");
        settings.put("relay.port", String.valueOf(sink.port()));
        settings.put("relay.username", "relay-user");
        settings.put("relay.password", "relay-secret");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test", "dave@elsewhere.test");

        runner().deliverDue();

        assertThat(sink.accepted).hasSize(2);
        assertThat(sink.accepted).allMatch(SinkServer.Accepted::tls);
        assertThat(sink.commands).contains("AUTH PLAIN AHJlbGF5LXVzZXIAcmVsYXktc2VjcmV0");
        assertThat(dns.queries).isEmpty();
        assertThat(store.queue().list()).isEmpty();
    }

    @Test
    void severalMessagesToOneDomainShareOneConnectionAndARefusedOneDoesNotStopTheRest() {
        sink.endOfDataReplies.add("250 2.0.0 first");
        sink.endOfDataReplies.add("554 5.7.1 second refused");
        for (int i = 0; i < 3; i++) {
            queue(Optional.of("alice@example.org"), MESSAGE + i, "bob@remote.test");
        }

        runner().deliverDue();

        assertThat(sink.commands.stream().filter(c -> c.startsWith("EHLO"))).hasSize(1);
        assertThat(sink.commands.stream().filter(c -> c.equals("RSET"))).hasSize(2);
        assertThat(sink.accepted).extracting(SinkServer.Accepted::text).containsExactly(MESSAGE + "0\r\n", MESSAGE + "2\r\n");
        assertThat(store.queue().list()).isEmpty();
        assertThat(inbox(alice)).hasSize(1);
        assertThat(inbox(alice).get(0)).contains("Diagnostic-Code: smtp; 554 5.7.1 second refused");
    }

    @Test
    void deliveriesToOneDestinationNeverExceedItsConnectionCap() {
        settings.put("queue.per-destination", "1");
        settings.put("queue.concurrency", "4");
        int messages = QueueRunner.MAX_MESSAGES_PER_CONNECTION + 5;
        for (int i = 0; i < messages; i++) {
            queue(Optional.of("alice@example.org"), MESSAGE + i, "bob@remote.test");
        }

        runner().deliverDue();

        assertThat(sink.accepted).hasSize(messages);
        assertThat(sink.commands.stream().filter(c -> c.startsWith("EHLO"))).as("connections").hasSize(2);
        assertThat(sink.mostSessions.get()).isEqualTo(1);
    }

    @Test
    void differentDestinationsAreDeliveredInParallel() {
        settings.put("queue.concurrency", "4");
        sink.endOfDataDelayMillis = 300;
        dns.mx("other.test", 10, "mx.remote.test");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@other.test");

        runner().deliverDue();

        assertThat(sink.accepted).hasSize(2);
        assertThat(sink.mostSessions.get()).isEqualTo(2);
    }

    @Test
    void aStartedRunnerWokenByTheDeliveryPortSendsAtOnceWithoutWaitingForThePoll() throws Exception {
        settings.put("queue.poll-interval", "1h");
        runner().start();
        Thread.sleep(100);
        WakingDeliveryPort port = new WakingDeliveryPort(agent, runner);

        port.deliver(Envelope.of(Optional.of(EmailAddress.parse("alice@example.org")),
                List.of(EmailAddress.parse("bob@remote.test"))), TestContent.of(MESSAGE));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (sink.accepted.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sink.accepted).hasSize(1);
    }

    @Test
    void aRunnerClosedInTheMiddleOfADeliveryLosesNothing() throws Exception {
        sink.hangAfterMessages = 1;
        queue(Optional.of("alice@example.org"), MESSAGE, "bob@remote.test");
        queue(Optional.of("alice@example.org"), MESSAGE, "second@remote.test");
        runner().start();
        // The first message is recorded as delivered while the connection goes on with the second, which hangs.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (store.queue().list().size() > 1 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(sink.accepted).hasSize(1);
        assertThat(store.queue().list()).extracting(e -> e.recipient().recipient().toString())
                .containsExactly("second@remote.test");

        runner.close();
        runner = null;
        store.close();
        store = DerbyStore.openEmbedded(dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")));

        List<QueueEntry> due = store.queue().due(clock.instant(), 10);
        assertThat(due).extracting(e -> e.recipient().recipient().toString()).containsExactly("second@remote.test");
        assertThat(due.get(0).attempts()).as("an interrupted attempt is not counted").isZero();
    }

    private void queue(Optional<String> sender, String message, String... recipients) {
        Envelope envelope = Envelope.of(sender.map(EmailAddress::parse),
                List.of(recipients).stream().map(EmailAddress::parse).toList());
        assertThat(agent.deliver(envelope, TestContent.of(message)).allAccepted()).isTrue();
    }

    private List<String> inbox(Account account) {
        UserMailboxes boxes = store.mailboxes().of(account.id());
        long id = boxes.find(MailboxName.INBOX).orElseThrow().id();
        List<String> out = new ArrayList<>();
        for (MessageSummary m : boxes.messages(id, UidSet.ALL)) {
            try (InputStream in = boxes.openContent(id, m.uid())) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    /** A DSN taken apart with Jakarta Mail: the report's three parts, the status fields as header blocks. */
    static final class Report {
        String contentType;
        InternetHeaders perMessage;
        List<InternetHeaders> perRecipient = new ArrayList<>();
        String returnedType;
        String returned;

        static Report parse(String text) throws Exception {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()),
                    new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
            Report r = new Report();
            r.contentType = m.getContentType();
            MimeMultipart parts = new MimeMultipart(m.getDataHandler().getDataSource());
            assertThat(parts.getCount()).isEqualTo(3);
            assertThat(parts.getBodyPart(0).getContentType()).startsWith("text/plain");
            BodyPart status = parts.getBodyPart(1);
            assertThat(status.getContentType()).startsWith("message/delivery-status");
            // RFC 3464 §2.1: blocks of header fields, the per-message one first.
            try (InputStream in = ((jakarta.mail.internet.MimeBodyPart) status).getRawInputStream()) {
                r.perMessage = new InternetHeaders(in);
                while (true) {
                    InternetHeaders h = new InternetHeaders(in);
                    if (!h.getAllHeaders().hasMoreElements()) {
                        break;
                    }
                    r.perRecipient.add(h);
                }
            }
            BodyPart returned = parts.getBodyPart(2);
            r.returnedType = returned.getContentType();
            try (InputStream in = ((jakarta.mail.internet.MimeBodyPart) returned).getRawInputStream()) {
                r.returned = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return r;
        }
    }
}
