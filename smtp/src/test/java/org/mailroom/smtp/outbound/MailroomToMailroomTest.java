package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetHeaders;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import org.mailroom.delivery.Envelope;
import org.mailroom.smtp.ListenerKind;
import org.mailroom.smtp.SmtpTestServer;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.Quota;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.TestContent;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/**
 * The queue runner of one Mailroom delivering to the SMTP server of another, both on loopback, through
 * a static route: the bytes arrive intact over STARTTLS, a refusal comes back as a bounce that Jakarta
 * Mail's RFC 3464 classes read, a receiver that was down gets the message on the next attempt, and a
 * message queued before the sending instance restarted is delivered after it, once.
 */
class MailroomToMailroomTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final String MESSAGE = "From: sam@sender.test\r\nTo: alice@example.org\r\nSubject: across\r\n"
            + "Message-ID: <x1@sender.test>\r\n\r\n.leading dot\r\n..\r\n\u00e9t\u00e9 8bit\r\n";

    @TempDir
    Path dir;
    private MailStore sending;
    private Account sam;
    private DeliveryAgent agent;
    private MutableClock clock;
    private SmtpClientFactory clients;
    private QueueRunner runner;
    private SmtpTestServer receiving;
    private int mxPort;

    @BeforeEach
    void setUp() throws Exception {
        sending = TestStores.open(dir.resolve("sending"));
        sending.admin().addDomain("sender.test");
        sam = sending.admin().addAccount(EmailAddress.parse("sam@sender.test"), "x", "x", Quota.UNLIMITED);
        clock = new MutableClock(T0);
        agent = new DeliveryAgent(sending.delivery(), DeliveryConfig.DEFAULT, clock);
        clients = new SmtpClientFactory(Timeouts.all(Duration.ofSeconds(30)));
        mxPort = SmtpTestServer.freePort();
    }

    @AfterEach
    void tearDown() {
        if (runner != null) {
            runner.close();
        }
        clients.close();
        if (receiving != null) {
            receiving.close();
        }
        sending.close();
    }

    private void startReceiver() {
        receiving = new SmtpTestServer(dir.resolve("receiving"), Map.of("smtp.port", String.valueOf(mxPort)));
        assertThat(receiving.port(ListenerKind.MX)).isEqualTo(mxPort);
    }

    private QueueRunner runner() {
        Settings s = new Settings(Map.of("hostname", "mail.sender.test", "route.example.org", "127.0.0.1:" + mxPort,
                "queue.retry-schedule", "1m", "queue.delay-notice", "0"), dir, "sending.properties");
        OutboundConfig c = OutboundConfig.from(s, CoreConfig.from(s));
        s.rejectUnknownKeys();
        // The resolver is never asked: the static route answers for example.org.
        MxResolver noDns = domain -> new Destination.Unreachable(false, "4.4.3", "no DNS in this test");
        runner = new QueueRunner(c, sending.queue(), noDns, clients, clock, agent);
        return runner;
    }

    private void send(String... recipients) {
        Envelope e = Envelope.of(Optional.of(EmailAddress.parse("sam@sender.test")),
                List.of(recipients).stream().map(EmailAddress::parse).toList());
        assertThat(agent.deliver(e, new TestContent(MESSAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .allAccepted()).isTrue();
    }

    @Test
    void aMessageCrossesOverStartTlsIntactAndAnUnknownRecipientThereBouncesHome() throws Exception {
        startReceiver();
        send("alice@example.org", "nobody@example.org");

        runner().deliverDue();

        assertThat(sending.queue().list()).isEmpty();
        List<String> inbox = receiving.inbox(receiving.alice);
        assertThat(inbox).hasSize(1);
        String stored = inbox.get(0);
        assertThat(stored).startsWith("Return-Path: <sam@sender.test>\r\nDelivered-To: alice@example.org\r\n"
                + "Received: from mail.sender.test ([127.0.0.1])\r\n");
        assertThat(stored).contains("TLS");
        assertThat(stored).endsWith("\r\n" + MESSAGE);

        List<String> bounces = TestInbox.of(sending, sam);
        assertThat(bounces).hasSize(1);
        assertThat(bounces.get(0)).startsWith("Return-Path: <>\r\n");
        ParsedDsn dsn = ParsedDsn.parse(bounces.get(0));
        assertThat(dsn.message.getSubject()).isEqualTo("Undelivered Mail Returned to Sender");
        assertThat(dsn.perMessage("Reporting-MTA")).isEqualTo("dns; mail.sender.test");
        assertThat(dsn.perMessage("Arrival-Date")).isEqualTo("Fri, 4 Dec 2026 10:00:00 +0000");
        assertThat(dsn.recipientCount()).as("only the refused recipient is reported").isEqualTo(1);
        InternetHeaders nobody = dsn.recipient(0);
        assertThat(dsn.recipientFieldNames(0)).containsExactly("Final-Recipient", "Action", "Status", "Remote-MTA",
                "Diagnostic-Code", "Last-Attempt-Date");
        assertThat(nobody.getHeader("Final-Recipient", null)).isEqualTo("rfc822; nobody@example.org");
        assertThat(nobody.getHeader("Action", null)).isEqualTo("failed");
        assertThat(nobody.getHeader("Status", null)).isEqualTo("5.1.1");
        assertThat(nobody.getHeader("Remote-MTA", null)).isEqualTo("dns; 127.0.0.1");
        // The receiving Mailroom's own RCPT refusal, carried back word for word (RFC 3464 §2.3.6).
        assertThat(nobody.getHeader("Diagnostic-Code", null)).isEqualTo("smtp; 550 5.1.1 Recipient address rejected: no such user");
        assertThat(nobody.getHeader("Last-Attempt-Date", null)).isEqualTo("Fri, 4 Dec 2026 10:00:00 +0000");
        assertThat(dsn.humanReadable()).contains("<nobody@example.org>: host 127.0.0.1 said: 550 5.1.1 ");
        assertThat(dsn.returnedMessage()).isEqualTo(MESSAGE);
    }

    @Test
    void aReceiverThatWasDownGetsTheMessageOnTheNextAttempt() {
        send("alice@example.org");
        runner().deliverDue();
        assertThat(sending.queue().list().get(0).lastError().orElseThrow()).startsWith("cannot connect to 127.0.0.1");

        startReceiver();
        clock.advance(Duration.ofMinutes(1));
        runner.deliverDue();

        assertThat(sending.queue().list()).isEmpty();
        assertThat(receiving.inbox(receiving.alice)).hasSize(1);
        assertThat(receiving.inbox(receiving.alice).get(0)).endsWith("\r\n" + MESSAGE);
    }

    @Test
    void theQueueSurvivesARestartOfTheSendingInstanceAndTheMessageArrivesExactlyOnce() {
        send("alice@example.org");
        runner().deliverDue();
        long id = sending.queue().list().get(0).id();

        // The sending instance stops (runner first, then its store) and starts again from its files.
        runner.close();
        runner = null;
        sending.close();
        sending = DerbyStore.openEmbedded(dir.resolve("sending").resolve("db"),
                DerbyCredential.load(dir.resolve("sending").resolve("derby.credential")));
        agent = new DeliveryAgent(sending.delivery(), DeliveryConfig.DEFAULT, clock);
        assertThat(sending.queue().list()).extracting(QueueEntry::id).containsExactly(id);
        assertThat(sending.queue().list().get(0).attempts()).isEqualTo(1);

        startReceiver();
        clock.advance(Duration.ofMinutes(1));
        runner().deliverDue();
        clock.advance(Duration.ofMinutes(10));
        runner.deliverDue();

        assertThat(sending.queue().list()).isEmpty();
        assertThat(receiving.inbox(receiving.alice)).hasSize(1);
        assertThat(receiving.inbox(receiving.alice).get(0)).endsWith("\r\n" + MESSAGE);
        assertThat(TestInbox.of(sending, sam)).as("no notice of any kind").isEmpty();
    }
}
