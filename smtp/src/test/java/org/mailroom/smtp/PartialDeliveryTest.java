package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetHeaders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.delivery.Envelope;
import org.mailroom.smtp.outbound.Bounces;
import org.mailroom.smtp.outbound.ParsedDsn;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.Quota;
import org.mailroom.store.TestContent;
import org.mailroom.store.derby.TestStores;

/**
 * A message that the delivery takes for some recipients and refuses for others after RCPT accepted them
 * (a mailbox filled up meanwhile, a Delivered-To loop): the client gets 250 for the message, and the
 * server, now responsible for it (RFC 5321 §4.2.5, §6.1), sends the sender an RFC 3464 failure notice for
 * the others, read back here with Jakarta Mail's DSN classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartialDeliveryTest {

    private static final String EHLO = Transcript.greetingAndEhlo("client.example.net");

    SmtpTestServer mx;
    DeliveryAgent agent;

    @BeforeAll
    void start(@TempDir Path dir) {
        mx = new SmtpTestServer(dir, Map.of());
        agent = new DeliveryAgent(mx.store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
    }

    @AfterAll
    void stop() {
        mx.close();
    }

    /** An account whose mailbox holds one message; {@link #fill} puts it there. */
    private Account oneMessageMailbox(String address) {
        Account a = mx.security.addAccount(address, "pw");
        mx.store.admin().setQuota(a.address(), new Quota(0, 1));
        return a;
    }

    private void fill(Account a) {
        assertThat(agent.deliver(Envelope.of(Optional.of(EmailAddress.parse("filler@example.net")),
                List.of(a.address())), TestContent.of("Subject: filler\r\n\r\nfills the mailbox\r\n")).allAccepted())
                .isTrue();
    }

    /** The notices queued for a remote sender, oldest first. */
    private List<QueueEntry> noticesTo(String sender) {
        return mx.store.queue().list().stream()
                .filter(e -> e.recipient().recipient().toString().equals(sender)).toList();
    }

    private String content(QueueEntry e) throws IOException {
        try (InputStream in = mx.store.queue().openContent(e.id())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aMailboxThatFillsBetweenRcptAndTheEndOfDataGetsTheSenderAFailureNotice() throws Exception {
        Account dora = oneMessageMailbox("dora@example.org");
        Transcript t = Transcript.connect(mx.port(ListenerKind.MX)).run(EHLO + """
                C: MAIL FROM:<sender@example.net> ENVID=trip+2D42
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@example.org>
                S: 250 2.1.5 Recipient OK
                C: RCPT TO:<dora@example.org> ORCPT=rfc822;Dora+40example.org
                S: 250 2.1.5 Recipient OK
                """);
        fill(dora);
        t.run("""
                C: DATA
                S: 354 End data with <CR><LF>.<CR><LF>
                C: From: sender@example.net
                C: Subject: for two
                C:
                C: Hello both.
                C: .
                S: 250 2.0.0 OK queued as *
                C: QUIT
                S: 221 *
                CLOSED
                """);

        assertThat(mx.inbox(mx.bob)).filteredOn(m -> m.contains("Subject: for two")).hasSize(1);
        assertThat(mx.inbox(dora)).hasSize(1).allMatch(m -> m.contains("Subject: filler"));

        List<QueueEntry> notices = noticesTo("sender@example.net");
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).recipient().sender()).as("from the null sender").isEmpty();
        String stored = content(notices.get(0));
        assertThat(stored).startsWith("From: Mail Delivery System <MAILER-DAEMON@mx.example.org>\r\n"
                + "To: <sender@example.net>\r\nSubject: Undelivered Mail Returned to Sender\r\n");
        ParsedDsn dsn = ParsedDsn.parse(stored);
        assertThat(dsn.perMessage("Reporting-MTA")).isEqualTo("dns; mx.example.org");
        assertThat(dsn.perMessage("Original-Envelope-Id")).isEqualTo("trip-42");
        assertThat(dsn.perMessage("Arrival-Date")).isNotBlank();
        assertThat(dsn.recipientCount()).as("bob has the message: only dora is reported").isEqualTo(1);
        assertThat(dsn.recipientFieldNames(0)).containsExactly("Original-Recipient", "Final-Recipient", "Action",
                "Status", "Diagnostic-Code", "Last-Attempt-Date");
        InternetHeaders r = dsn.recipient(0);
        assertThat(r.getHeader("Original-Recipient", null)).isEqualTo("rfc822;Dora@example.org");
        assertThat(r.getHeader("Final-Recipient", null)).isEqualTo("rfc822; dora@example.org");
        assertThat(r.getHeader("Action", null)).isEqualTo("failed");
        assertThat(r.getHeader("Status", null)).isEqualTo("5.2.2");
        assertThat(r.getHeader("Diagnostic-Code", null)).isEqualTo("X-Mailroom; mailbox full");
        assertThat(dsn.humanReadable()).contains("<dora@example.org>: mailbox full");
        assertThat(dsn.returnedMessage()).startsWith("Received: from client.example.net ([127.0.0.1])\r\n")
                .endsWith("\r\nFrom: sender@example.net\r\nSubject: for two\r\n\r\nHello both.\r\n");
    }

    @Test
    void aMailboxThatFillsBetweenTwoBdatChunksIsReportedToo() throws Exception {
        Account ivy = oneMessageMailbox("ivy@example.org");
        Transcript t = Transcript.connect(mx.port(ListenerKind.MX)).run(EHLO + """
                C: MAIL FROM:<chunker@example.net>
                C: RCPT TO:<ivy@example.org>
                C: RCPT TO:<bob@example.org>
                C: BDAT 20
                C+: Subject: chunked\\r\\n\\r\\n
                S: 250 *
                S: 250 *
                S: 250 *
                S: 250 2.0.0 20 octets received
                """);
        fill(ivy);
        t.run("""
                C: BDAT 9 LAST
                C+: Chunks.\\r\\n
                S: 250 2.0.0 OK queued as *
                """);

        assertThat(mx.inbox(mx.bob)).filteredOn(m -> m.endsWith("\r\nSubject: chunked\r\n\r\nChunks.\r\n")).hasSize(1);
        List<QueueEntry> notices = noticesTo("chunker@example.net");
        assertThat(notices).hasSize(1);
        ParsedDsn dsn = ParsedDsn.parse(content(notices.get(0)));
        assertThat(dsn.recipientCount()).isEqualTo(1);
        assertThat(dsn.recipient(0).getHeader("Final-Recipient", null)).isEqualTo("rfc822; ivy@example.org");
        assertThat(dsn.recipient(0).getHeader("Status", null)).isEqualTo("5.2.2");
    }

    @Test
    void anAuthenticatedSenderFindsTheNoticeInItsOwnInbox() throws Exception {
        Account erin = oneMessageMailbox("erin@example.org");
        int before = mx.inbox(mx.alice).size();
        Transcript t = Transcript.connectTls(mx.port(ListenerKind.SUBMISSIONS)).run(Transcript.greetingAndEhlo("laptop")
                + """
                C: AUTH PLAIN %s
                S: 235 2.7.0 Authentication successful
                C: MAIL FROM:<alice@example.org>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<erin@example.org>
                S: 250 2.1.5 Recipient OK
                C: RCPT TO:<bob@example.org>
                S: 250 2.1.5 Recipient OK
                """.formatted(TestSecurity.plain("alice@example.org", SmtpTestServer.ALICE_PASSWORD)));
        fill(erin);
        t.run("""
                C: DATA
                S: 354 *
                C: Subject: submitted
                C:
                C: Hi.
                C: .
                S: 250 2.0.0 OK queued as *
                """);
        t.close();

        assertThat(mx.inbox(mx.bob)).filteredOn(m -> m.contains("Subject: submitted")).hasSize(1);
        List<String> aliceGot = mx.inbox(mx.alice).subList(before, mx.inbox(mx.alice).size());
        assertThat(aliceGot).hasSize(1);
        assertThat(aliceGot.get(0)).startsWith("Return-Path: <>\r\nDelivered-To: alice@example.org\r\n");
        ParsedDsn dsn = ParsedDsn.parse(aliceGot.get(0));
        assertThat(dsn.recipientCount()).isEqualTo(1);
        assertThat(dsn.recipient(0).getHeader("Final-Recipient", null)).isEqualTo("rfc822; erin@example.org");
        assertThat(dsn.recipient(0).getHeader("Status", null)).isEqualTo("5.2.2");
        // RFC 6409 §8: the submission got its Date and Message-ID before delivery; the returned copy has them.
        assertThat(dsn.returnedMessage()).contains("\r\nSubject: submitted\r\nDate: ")
                .contains("\r\nMessage-ID: <").endsWith("@mx.example.org>\r\n\r\nHi.\r\n");
    }

    @Test
    void aDeliveredToLoopForOneRecipientIsReportedWhileTheOtherGetsTheMessage() throws Exception {
        Account fay = mx.security.addAccount("fay@example.org", "pw");
        Transcript.connect(mx.port(ListenerKind.MX)).run(EHLO + """
                C: MAIL FROM:<looper@example.net> RET=HDRS
                S: 250 *
                C: RCPT TO:<fay@example.org>
                S: 250 *
                C: RCPT TO:<bob@example.org> NOTIFY=FAILURE
                S: 250 *
                C: DATA
                S: 354 *
                C: Delivered-To: fay@example.org
                C: Subject: looping
                C:
                C: Round and round.
                C: .
                S: 250 2.0.0 OK queued as *
                """);

        assertThat(mx.inbox(mx.bob)).filteredOn(m -> m.contains("Subject: looping")).hasSize(1);
        assertThat(mx.inbox(fay)).isEmpty();
        List<QueueEntry> notices = noticesTo("looper@example.net");
        assertThat(notices).hasSize(1);
        ParsedDsn dsn = ParsedDsn.parse(content(notices.get(0)));
        assertThat(dsn.recipientCount()).isEqualTo(1);
        InternetHeaders r = dsn.recipient(0);
        assertThat(r.getHeader("Final-Recipient", null)).isEqualTo("rfc822; fay@example.org");
        assertThat(r.getHeader("Status", null)).isEqualTo("5.4.6");
        assertThat(r.getHeader("Diagnostic-Code", null))
                .isEqualTo("X-Mailroom; mail loop: the message was already delivered to this mailbox");
        assertThat(dsn.report.getBodyPart(2).getContentType()).as("RET=HDRS").startsWith("text/rfc822-headers");
    }

    @Test
    void whenTheNoticeCannotBeStoredTheMessageGets451SoThatNothingIsLostWithoutAWord(@TempDir Path dir)
            throws Exception {
        // The notices go to a store that has been closed: a real store failing as Derby fails when it is gone.
        MailStore gone = TestStores.open(dir.resolve("gone"));
        DeliveryAgent unavailable = new DeliveryAgent(gone.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
        gone.close();
        try (SmtpTestServer broken = new SmtpTestServer(dir.resolve("server"), Map.of(),
                s -> new SmtpServices(s.delivery(), s.authenticator(), s.tls(), s.clock(),
                        new Bounces(unavailable, s.clock())))) {
            Account jo = broken.security.addAccount("jo@example.org", "pw");
            broken.store.admin().setQuota(jo.address(), new Quota(0, 1));
            Transcript t = Transcript.connect(broken.port(ListenerKind.MX)).run(EHLO + """
                    C: MAIL FROM:<sender@example.net>
                    C: RCPT TO:<bob@example.org>
                    C: RCPT TO:<jo@example.org>
                    S: 250 *
                    S: 250 *
                    S: 250 *
                    """);
            new DeliveryAgent(broken.store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC()).deliver(
                    Envelope.of(Optional.empty(), List.of(jo.address())), TestContent.of("Subject: filler\r\n\r\n"));
            t.run("""
                    C: DATA
                    S: 354 *
                    C: Subject: cannot report
                    C:
                    C: .
                    S: 451 4.3.0 Temporary failure storing the message, try again later
                    C: NOOP
                    S: 250 *
                    """);
            // Bob has it already and will get it again when the client retries: a duplicate, not a loss (RFC 1047).
            assertThat(broken.inbox(broken.bob)).filteredOn(m -> m.contains("Subject: cannot report")).hasSize(1);
            assertThat(broken.store.queue().list()).isEmpty();
        }
    }

    @Test
    void noNoticeGoesToTheNullSenderNorForNotifyNever() throws Exception {
        Account gus = oneMessageMailbox("gus@example.org");
        Account hal = oneMessageMailbox("hal@example.org");
        int queued = mx.store.queue().list().size();
        Transcript t = Transcript.connect(mx.port(ListenerKind.MX)).run(EHLO + """
                C: MAIL FROM:<>
                S: 250 *
                C: RCPT TO:<bob@example.org>
                S: 250 *
                C: RCPT TO:<gus@example.org>
                S: 250 *
                """);
        fill(gus);
        t.run("""
                C: DATA
                S: 354 *
                C: Subject: a notice itself
                C:
                C: .
                S: 250 2.0.0 *
                C: MAIL FROM:<quiet@example.net>
                S: 250 *
                C: RCPT TO:<bob@example.org>
                S: 250 *
                C: RCPT TO:<hal@example.org> NOTIFY=NEVER
                S: 250 *
                """);
        fill(hal);
        t.run("""
                C: DATA
                S: 354 *
                C: Subject: never tell
                C:
                C: .
                S: 250 2.0.0 *
                """);

        assertThat(mx.inbox(mx.bob)).filteredOn(m -> m.contains("Subject: a notice itself")
                || m.contains("Subject: never tell")).hasSize(2);
        assertThat(mx.inbox(gus)).hasSize(1);
        assertThat(mx.inbox(hal)).hasSize(1);
        assertThat(mx.store.queue().list()).as("nothing queued: no notice to anyone").hasSize(queued);
    }
}
