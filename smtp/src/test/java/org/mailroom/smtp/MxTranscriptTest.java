package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Account;

/** Transcripts of the MX listener (port 25): every command and its refusals, against the real store. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MxTranscriptTest {

    Path dir;
    SmtpTestServer shared;
    SmtpTestServer mx;
    private final Map<Long, Integer> baseline = new HashMap<>();

    @BeforeAll
    void start(@TempDir Path tmp) {
        dir = tmp;
        shared = new SmtpTestServer(dir, Map.of());
    }

    @AfterAll
    void stop() {
        shared.close();
    }

    /** One server for the class (starting one costs a second); each test sees only the mail it delivered. */
    @BeforeEach
    void remember() {
        mx = shared;
        for (Account a : List.of(mx.alice, mx.bob)) {
            baseline.put(a.id(), mx.inbox(a).size());
        }
    }

    private List<String> delivered(Account a) {
        List<String> all = mx.inbox(a);
        return all.subList(baseline.getOrDefault(a.id(), 0), all.size());
    }

    /** For the few tests that need other settings: a server of their own. */
    private void own(Map<String, String> settings, String name) {
        mx = new SmtpTestServer(dir.resolve(name), settings);
        baseline.clear();
    }

    @AfterEach
    void closeOwn() {
        if (mx != shared) {
            mx.close();
        }
    }

    private Transcript run(String script) throws IOException {
        return Transcript.connect(mx.port(ListenerKind.MX)).run(script);
    }

    @Test
    void aMessageForALocalUserIsStoredWithReceivedReturnPathAndDeliveredTo() throws IOException {
        run("""
                S: 220 mx.example.org ESMTP ready
                C: EHLO client.example.net
                S: 250-mx.example.org
                S: 250-PIPELINING
                S: 250-SIZE 26214400
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-STARTTLS
                S: 250-CHUNKING
                S: 250-DSN
                S: 250 LIMITS RCPTMAX=100
                C: MAIL FROM:<sender@example.net>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<alice@example.org>
                S: 250 2.1.5 Recipient OK
                C: DATA
                S: 354 End data with <CR><LF>.<CR><LF>
                C: From: sender@example.net
                C: Subject: hello
                C:
                C: ..a stuffed dot
                C: .
                S: 250 2.0.0 OK queued as *
                C: QUIT
                S: 221 2.0.0 mx.example.org Bye
                CLOSED
                """);
        assertThat(delivered(mx.alice)).hasSize(1);
        String stored = delivered(mx.alice).get(0);
        assertThat(stored).startsWith("Return-Path: <sender@example.net>\r\nDelivered-To: alice@example.org\r\n"
                + "Received: from client.example.net ([127.0.0.1])\r\n\tby mx.example.org with ESMTP\r\n\tid ");
        assertThat(stored).contains("\r\n\tfor <alice@example.org>;\r\n\t");
        assertThat(stored).endsWith(" +0000\r\nFrom: sender@example.net\r\nSubject: hello\r\n\r\n.a stuffed dot\r\n");
    }

    private static final String EHLO = Transcript.greetingAndEhlo("client.example.net");

    @Test
    void heloGreetsWithoutExtensionsAndTheReceivedFieldSaysSmtp() throws IOException {
        run("""
                S: 220 *
                C: HELO old.example.net
                S: 250 mx.example.org
                C: MAIL FROM:<s@example.net>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@example.org>
                S: 250 2.1.5 Recipient OK
                C: DATA
                S: 354 *
                C: Subject: x
                C:
                C: hi
                C: .
                S: 250 2.0.0 OK queued as *
                """);
        assertThat(delivered(mx.bob).get(0)).contains("Received: from old.example.net ([127.0.0.1])\r\n\tby mx.example.org with SMTP\r\n");
    }

    @Test
    void heloAndEhloNeedAnArgument() throws IOException {
        run("""
                S: 220 *
                C: HELO
                S: 501 5.5.4 Syntax: HELO hostname
                C: EHLO
                S: 501 5.5.4 Syntax: EHLO hostname
                C: EHLO two words
                S: 501 5.5.4 Syntax: EHLO hostname
                """);
    }

    @Test
    void mailBeforeHeloIsABadSequence() throws IOException {
        run("""
                S: 220 *
                C: MAIL FROM:<s@example.net>
                S: 503 5.5.1 Send HELO or EHLO first
                C: RCPT TO:<alice@example.org>
                S: 503 5.5.1 Need MAIL before RCPT
                C: DATA
                S: 503 5.5.1 Bad sequence of commands
                """);
    }

    @Test
    void mailSyntaxErrorsAndUnknownParameters() throws IOException {
        run(EHLO + """
                C: MAIL FROM:s@example.net
                S: 501 5.5.4 Syntax: MAIL FROM:<address> [parameters]
                C: MAIL TO:<s@example.net>
                S: 501 5.5.4 Syntax: MAIL FROM:<address> [parameters]
                C: MAIL FROM:<not an address>
                S: 501 5.1.3 Bad address syntax
                C: MAIL FROM:<s@example.net> FOO=BAR
                S: 555 5.5.4 Parameter not recognized or not implemented
                C: MAIL FROM:<s@example.net> BODY=BINARYMIME
                S: 555 5.5.4 BODY must be 7BIT or 8BITMIME
                C: MAIL FROM:<s@example.net> SIZE=abc
                S: 501 5.5.4 Syntax: SIZE=octets
                C: MAIL FROM:<s@example.net> RET=ALL
                S: 501 5.5.4 RET must be FULL or HDRS
                C: MAIL FROM:<s@example.net> ENVID=a=b
                S: 501 5.5.4 ENVID must be xtext of at most 100 characters
                C: MAIL FROM:<s@example.net> SIZE=1 SIZE=2
                S: 501 5.5.4 Parameter SIZE given twice
                C: MAIL FROM:<s@example.net>
                S: 250 2.1.0 Sender OK
                C: MAIL FROM:<s@example.net>
                S: 503 5.5.1 Nested MAIL command
                """);
    }

    @Test
    void mailAcceptsTheNullSenderASourceRouteAndASpaceAfterTheColon() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<>
                S: 250 2.1.0 Sender OK
                C: RSET
                S: 250 2.0.0 Flushed
                C: MAIL FROM:<@relay.example.net:s@example.net>
                S: 250 2.1.0 Sender OK
                C: RSET
                S: 250 2.0.0 Flushed
                C: MAIL FROM: <s@example.net> BODY=8BITMIME SMTPUTF8 RET=HDRS ENVID=QQ+2B1 AUTH=<>
                S: 250 2.1.0 Sender OK
                """);
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedAtMail() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<s@example.net> SIZE=26214401
                S: 552 5.3.4 Message size exceeds fixed maximum message size
                C: MAIL FROM:<s@example.net> SIZE=26214400
                S: 250 2.1.0 Sender OK
                """);
    }

    @Test
    void rcptRefusalsUnknownUserRelayAndSyntax() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<nobody@example.org>
                S: 550 5.1.1 Recipient address rejected: no such user
                C: RCPT TO:<someone@elsewhere.example>
                S: 554 5.7.1 Relay access denied
                C: RCPT TO:<>
                S: 501 5.1.3 A recipient address is required
                C: RCPT TO:alice@example.org
                S: 501 5.5.4 Syntax: RCPT TO:<address> [parameters]
                C: RCPT TO:<alice@example.org> FOO=1
                S: 555 5.5.4 Parameter not recognized or not implemented
                C: RCPT TO:<alice@example.org> NOTIFY=NEVER,SUCCESS
                S: 501 5.5.4 NOTIFY=NEVER cannot be combined
                C: RCPT TO:<alice@example.org> ORCPT=bad
                S: 501 5.5.4 Syntax: ORCPT=addr-type;xtext
                C: RCPT TO:<ALICE@Example.ORG> NOTIFY=SUCCESS,FAILURE ORCPT=rfc822;alice+40example.org
                S: 250 2.1.5 Recipient OK
                C: RCPT TO:<sales@example.org>
                S: 250 2.1.5 Recipient OK
                C: RCPT TO:<alice+news@example.org>
                S: 250 2.1.5 Recipient OK
                C: RCPT TO:<Postmaster>
                S: 550 5.1.1 *
                """);
    }

    @Test
    void dataWithoutValidRecipientsIs554AndDataArgumentsAreRefused() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                S: 250 *
                C: RCPT TO:<nobody@example.org>
                S: 550 *
                C: DATA
                S: 554 5.5.1 No valid recipients
                C: RCPT TO:<alice@example.org>
                S: 250 *
                C: DATA now
                S: 501 5.5.4 Syntax: DATA (no parameters)
                """);
    }

    @Test
    void pipelinedTransactionGetsItsRepliesInOrder() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                C: RCPT TO:<alice@example.org>
                C: RCPT TO:<nobody@example.org>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 2.1.0 Sender OK
                S: 250 2.1.5 Recipient OK
                S: 550 5.1.1 *
                S: 250 2.1.5 Recipient OK
                S: 354 *
                C: Subject: pipelined
                C:
                C: body
                C: .
                C: MAIL FROM:<t@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 2.0.0 OK queued as *
                S: 250 2.1.0 Sender OK
                S: 250 2.1.5 Recipient OK
                S: 354 *
                C: Subject: second
                C:
                C: .
                C: QUIT
                S: 250 2.0.0 *
                S: 221 *
                CLOSED
                """);
        assertThat(delivered(mx.alice)).hasSize(1);
        assertThat(delivered(mx.bob)).hasSize(2);
        assertThat(delivered(mx.bob).get(0)).doesNotContain("\tfor <").endsWith("Subject: pipelined\r\n\r\nbody\r\n");
    }

    @Test
    void aMessageToAnAliasAndAnAccountIsStoredOncePerAccount() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                S: 250 *
                C: RCPT TO:<sales@example.org>
                S: 250 *
                C: RCPT TO:<alice@example.org>
                S: 250 *
                C: DATA
                S: 354 *
                C: Subject: once
                C:
                C: .
                S: 250 *
                """);
        assertThat(delivered(mx.alice)).hasSize(1);
    }

    @Test
    void rsetNoopVrfyExpnHelpAndUnknownCommands() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                S: 250 *
                C: RSET
                S: 250 2.0.0 Flushed
                C: RCPT TO:<alice@example.org>
                S: 503 5.5.1 Need MAIL before RCPT
                C: RSET now
                S: 501 5.5.4 Syntax: RSET (no parameters)
                C: NOOP
                S: 250 2.0.0 OK
                C: NOOP anything
                S: 250 2.0.0 OK
                C: VRFY alice@example.org
                S: 252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery
                C: VRFY nobody@example.org
                S: 252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery
                C: VRFY
                S: 501 5.5.4 Syntax: VRFY address
                C: EXPN staff
                S: 502 5.5.1 EXPN not available
                C: HELP
                S: 214-2.0.0 Commands: *
                S: 214 2.0.0 See RFC 5321: *
                C: TURN
                S: 500 5.5.1 Command not recognized
                C: QUIT now
                S: 501 5.5.4 Syntax: QUIT (no parameters)
                C: QUIT
                S: 221 2.0.0 mx.example.org Bye
                CLOSED
                """);
    }

    @Test
    void authIsNotOfferedNorAcceptedBeforeTlsOnTheMx() throws IOException {
        run(EHLO + """
                C: AUTH PLAIN %s
                S: 538 5.7.11 Encryption required for requested authentication mechanism
                """.formatted(TestSecurity.plain("alice@example.org", SmtpTestServer.ALICE_PASSWORD)));
    }

    @Test
    void starttlsStartsTheSessionOverAndOffersAuth() throws IOException {
        run(EHLO + """
                C: STARTTLS now
                S: 501 5.5.4 Syntax: STARTTLS (no parameters)
                C: MAIL FROM:<s@example.net>
                S: 250 *
                C: STARTTLS
                S: 503 5.5.1 Bad sequence of commands
                C: RSET
                S: 250 *
                C: STARTTLS
                S: 220 2.0.0 Ready to start TLS
                TLS
                C: MAIL FROM:<s@example.net>
                S: 503 5.5.1 Send HELO or EHLO first
                C: EHLO client.example.net
                S: 250-mx.example.org
                S: 250-PIPELINING
                S: 250-SIZE *
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-AUTH SCRAM-SHA-256 PLAIN LOGIN
                S: 250-CHUNKING
                S: 250-DSN
                S: 250 LIMITS RCPTMAX=100
                C: STARTTLS
                S: 503 5.5.1 TLS already active
                C: MAIL FROM:<s@example.net>
                S: 250 *
                C: RCPT TO:<alice@example.org>
                S: 250 *
                C: DATA
                S: 354 *
                C: Subject: secret
                C:
                C: .
                S: 250 *
                """);
        assertThat(delivered(mx.alice).get(0)).contains("\tby mx.example.org with ESMTPS\r\n\t(using TLSv1.3 with cipher TLS_");
    }

    @Test
    void bdatChunksMakeOneMessageWithoutDotStuffing() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                C: RCPT TO:<alice@example.org>
                C: BDAT 14
                C+: Subject: x\\r\\n\\r\\n
                S: 250 2.1.0 *
                S: 250 2.1.5 *
                S: 250 2.0.0 14 octets received
                C: DATA
                S: 503 5.5.1 Bad sequence of commands
                C: BDAT 9 LAST
                C+: .dot\\r\\n.\\r\\n
                S: 250 2.0.0 OK queued as *
                C: BDAT 3 LAST
                C+: abc
                S: 503 5.5.1 Bad sequence of commands
                C: BDAT x
                S: 501 5.5.4 Syntax: BDAT size [LAST]; cannot find the end of the chunk
                CLOSED
                """);
        assertThat(delivered(mx.alice).get(0)).endsWith("\r\nSubject: x\r\n\r\n.dot\r\n.\r\n");
    }

    @Test
    void bdatWithoutRecipientsReadsTheChunkAndRefuses() throws IOException {
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                C: BDAT 5 LAST
                C+: RSET\\n
                S: 250 *
                S: 554 5.5.1 No valid recipients
                C: NOOP
                S: 250 2.0.0 OK
                """);
    }

    @Test
    void bdatOverTheSizeLimitIsRefusedAfterTheChunk() throws IOException {
        own(Map.of("smtp.max-message-size", "1K"), "small");
        String chunk = "x".repeat(1100);
        run(EHLO.replace("S: 250-*\n", "").replace("S: 250-mx.example.org\n",
                "S: 250-mx.example.org\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\n") + """
                C: MAIL FROM:<s@example.net>
                C: RCPT TO:<alice@example.org>
                C: BDAT 1100
                C+: %s
                S: 250 *
                S: 250 *
                S: 552 5.3.4 Message size exceeds fixed maximum message size
                C: BDAT 2 LAST
                C+: ok
                S: 503 5.5.1 *
                """.formatted(chunk));
        assertThat(delivered(mx.alice)).isEmpty();
    }

    @Test
    void dsnParametersReachTheQueueForRelayedRecipients() throws IOException {
        mx.store.admin().addRelayRule(org.mailroom.store.Cidr.parse("127.0.0.0/8"));
        try {
            run(EHLO + """
                C: MAIL FROM:<alice@example.org> RET=HDRS ENVID=env+2B1
                S: 250 *
                C: RCPT TO:<carol@remote.example> NOTIFY=SUCCESS,DELAY ORCPT=rfc822;carol+40remote.example
                S: 250 2.1.5 *
                C: DATA
                S: 354 *
                C: Subject: out
                C:
                C: .
                S: 250 2.0.0 *
                """);
        } finally {
            mx.store.admin().removeRelayRule(org.mailroom.store.Cidr.parse("127.0.0.0/8"));
        }
        var entries = mx.store.queue().list().stream()
                .filter(e -> e.recipient().recipient().toString().equals("carol@remote.example")).toList();
        assertThat(entries).hasSize(1);
        var q = entries.get(0).recipient();
        assertThat(q.recipient().toString()).isEqualTo("carol@remote.example");
        assertThat(q.sender().orElseThrow().toString()).isEqualTo("alice@example.org");
        assertThat(q.envelopeId()).contains("env+2B1");
        assertThat(q.returnHeadersOnly()).isTrue();
        assertThat(q.originalRecipient()).contains("rfc822;carol+40remote.example");
        assertThat(q.notifyOn()).containsExactlyInAnyOrder(org.mailroom.store.QueuedRecipient.DsnNotify.SUCCESS,
                org.mailroom.store.QueuedRecipient.DsnNotify.DELAY);
    }

    @Test
    void smtputf8AddressesNeedTheParameter() throws IOException {
        mx.security.addAccount("josé@example.org", "pw");
        run(EHLO + """
                C: MAIL FROM:<josé@example.net>
                S: 553 5.6.7 Non-ASCII address requires SMTPUTF8
                C: MAIL FROM:<s@example.net>
                S: 250 *
                C: RCPT TO:<josé@example.org>
                S: 553 5.6.7 Non-ASCII address requires SMTPUTF8
                C: RSET
                S: 250 *
                C: MAIL FROM:<sé@example.net> SMTPUTF8
                S: 250 *
                C: RCPT TO:<josé@example.org>
                S: 250 *
                C: DATA
                S: 354 *
                C: Subject: café
                C:
                C: .
                S: 250 *
                """);
    }

    @Test
    void tooManyRecipientsGet452() throws IOException {
        own(Map.of("smtp.max-recipients", "2"), "few");
        run("""
                S: 220 *
                C: EHLO c
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250 LIMITS RCPTMAX=2
                C: MAIL FROM:<s@example.net>
                S: 250 *
                C: RCPT TO:<alice@example.org>
                S: 250 *
                C: RCPT TO:<bob@example.org>
                S: 250 *
                C: RCPT TO:<sales@example.org>
                S: 452 4.5.3 Too many recipients
                """);
    }

    @Test
    void aFullMailboxGets452AtRcpt() throws IOException {
        mx.security.addAccount("full@example.org", "pw");
        mx.store.admin().setQuota(org.mailroom.store.EmailAddress.parse("full@example.org"),
                new org.mailroom.store.Quota(0, 1));
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                C: RCPT TO:<full@example.org>
                C: DATA
                S: 250 *
                S: 250 2.1.5 *
                S: 354 *
                C: Subject: first
                C:
                C: .
                S: 250 *
                C: MAIL FROM:<s@example.net>
                C: RCPT TO:<full@example.org>
                S: 250 *
                S: 452 4.2.2 Mailbox full, try again later
                """);
    }

    @Test
    void aMessageThatLoopedTooOftenIsRefusedWith554() throws IOException {
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 31; i++) {
            trace.append("C: Received: from hop").append(i).append(".example by hop").append(i + 1)
                    .append(".example; Fri, 4 Dec 2026 10:00:00 +0000\n");
        }
        run(EHLO + """
                C: MAIL FROM:<s@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                """ + trace + """
                C: Subject: loop
                C:
                C: .
                S: 554 5.4.6 Mail loop detected
                """);
        assertThat(delivered(mx.bob)).isEmpty();
    }
}
