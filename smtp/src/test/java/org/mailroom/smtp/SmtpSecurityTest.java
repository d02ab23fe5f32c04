package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Cidr;

/** Named regression tests for the attacks issue 3 lists (STYLE.md §18). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SmtpSecurityTest {

    Path dir;
    SmtpTestServer shared;
    SmtpTestServer mx;
    int servers;

    @BeforeAll
    void start(@TempDir Path tmp) {
        dir = tmp;
        shared = new SmtpTestServer(dir.resolve("shared"), Map.of());
    }

    @AfterAll
    void stopShared() {
        shared.close();
    }

    /** The class's server for the default settings (nothing here changes its state for good); a new one otherwise. */
    private SmtpTestServer server(Map<String, String> overrides) {
        mx = overrides.isEmpty() ? shared : new SmtpTestServer(dir.resolve("own" + ++servers), overrides);
        return mx;
    }

    @AfterEach
    void stop() {
        if (mx != null && mx != shared) {
            mx.close();
        }
        mx = null;
    }

    private Transcript mx(String script) throws IOException {
        return Transcript.connect(mx.port(ListenerKind.MX)).run(script);
    }

    private static final String HELLO = """
            S: 220 *
            C: HELO attacker.example
            S: 250 mx.example.org
            """;

    @Test
    void openRelayAttemptIsRefusedWith554AndRelayRulesApplyAtOnce() throws IOException {
        server(Map.of());
        mx(HELLO + """
                C: MAIL FROM:<spammer@elsewhere.example>
                S: 250 *
                C: RCPT TO:<victim@remote.example>
                S: 554 5.7.1 Relay access denied
                C: RCPT TO:<victim@[192.0.2.1]>
                S: 554 5.7.1 Relay access denied
                C: RCPT TO:<@example.org:victim@remote.example>
                S: 554 5.7.1 Relay access denied
                C: RCPT TO:<"victim@remote.example"@example.org>
                S: 550 5.1.1 *
                """);
        // As `mailroom-admin relay add` does, through the store: the next RCPT sees it, no restart.
        mx.store.admin().addRelayRule(Cidr.parse("127.0.0.0/8"));
        mx(HELLO + """
                C: MAIL FROM:<app@elsewhere.example>
                S: 250 *
                C: RCPT TO:<victim@remote.example>
                S: 250 2.1.5 Recipient OK
                """);
        mx.store.admin().removeRelayRule(Cidr.parse("127.0.0.0/8"));
        mx(HELLO + """
                C: MAIL FROM:<app@elsewhere.example>
                S: 250 *
                C: RCPT TO:<victim@remote.example>
                S: 554 5.7.1 Relay access denied
                """);
        assertThat(mx.store.queue().list()).isEmpty();
    }

    @Test
    void spoofingALocalSenderOnPort25IsRefusedUnlessAuthenticatedOrRelayed() throws IOException {
        server(Map.of());
        mx(HELLO + """
                C: MAIL FROM:<alice@example.org>
                S: 550 5.7.1 Sender address in a local domain requires authentication
                C: MAIL FROM:<ALICE@EXAMPLE.ORG>
                S: 550 5.7.1 *
                C: MAIL FROM:<nobody@example.org>
                S: 550 5.7.1 *
                C: MAIL FROM:<friend@example.net>
                S: 250 *
                """);
        mx(HELLO.replace("HELO attacker.example", "EHLO me").replace("S: 250 mx.example.org",
                "S: 250-mx.example.org\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\nS: 250-*\n"
                        + "S: 250-*\nS: 250 *") + """
                C: STARTTLS
                S: 220 *
                TLS
                C: EHLO me
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-AUTH *
                S: 250-*
                S: 250-*
                S: 250 *
                C: AUTH PLAIN %s
                S: 235 *
                C: MAIL FROM:<bob@example.org>
                S: 553 5.7.1 Sender address not owned by the authenticated user
                C: MAIL FROM:<alice@example.org>
                S: 250 *
                """.formatted(SubmissionTranscriptTest.PLAIN_ALICE));
    }

    @Test
    void userEnumerationByRcptIsSlowedThenDisconnectedAndTheAddressShutOut() throws IOException {
        server(Map.of("smtp.unknown-recipients.slowdown-after", "2", "smtp.unknown-recipients.limit", "4"));
        long t0 = System.nanoTime();
        mx(HELLO + """
                C: MAIL FROM:<guesser@elsewhere.example>
                S: 250 *
                C: RCPT TO:<aaron@example.org>
                S: 550 5.1.1 Recipient address rejected: no such user
                C: RCPT TO:<abby@example.org>
                S: 550 5.1.1 Recipient address rejected: no such user
                """);
        long fast = System.nanoTime() - t0;
        long t1 = System.nanoTime();
        mx(HELLO + """
                C: MAIL FROM:<guesser@elsewhere.example>
                S: 250 *
                C: RCPT TO:<adam@example.org>
                S: 550 5.1.1 Recipient address rejected: no such user
                C: RCPT TO:<alice@example.org>
                S: 250 *
                C: RCPT TO:<amy@example.org>
                S: 421 4.7.0 mx.example.org Too many unknown recipients, closing connection
                CLOSED
                """);
        assertThat((System.nanoTime() - t1) / 1_000_000).isGreaterThanOrEqualTo(500);
        assertThat(fast / 1_000_000).isLessThan(2000);
        // A new connection does not start the count again.
        mx("""
                S: 421 4.7.0 mx.example.org Too many unknown recipients, try later
                CLOSED
                """);
    }

    @Test
    void userEnumerationByVrfyAndExpnLearnsNothing() throws IOException {
        server(Map.of());
        mx(HELLO + """
                C: VRFY alice@example.org
                S: 252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery
                C: VRFY nobody@example.org
                S: 252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery
                C: VRFY alice
                S: 252 2.0.0 Cannot VRFY user, but will accept message and attempt delivery
                C: EXPN sales@example.org
                S: 502 5.5.1 EXPN not available
                C: EXPN nothing@example.org
                S: 502 5.5.1 EXPN not available
                """);
    }

    @Test
    void starttlsCommandInjectionInTheSameReadIsDiscardedAndTheConnectionClosed() throws IOException {
        server(Map.of());
        mx("""
                S: 220 *
                C: EHLO me
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-*
                S: 250-STARTTLS
                S: 250-*
                S: 250-*
                S: 250 *
                C: STARTTLS
                C: MAIL FROM:<injected@elsewhere.example>
                C: RCPT TO:<alice@example.org>
                S: 554 5.5.1 Commands must not follow STARTTLS before the handshake
                CLOSED
                """);
    }

    @Test
    void starttlsCommandInjectionInALaterPacketIsNeverExecuted() throws Exception {
        server(Map.of());
        for (int i = 0; i < 5; i++) {
            try (Socket s = new Socket("127.0.0.1", mx.port(ListenerKind.MX))) {
                s.setSoTimeout(5000);
                s.getOutputStream().write("EHLO me\r\nSTARTTLS\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                Thread.sleep(i * 5L);
                s.getOutputStream().write("NOOP\r\nNOOP\r\n".getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                assertThat(all).doesNotContain("250 2.0.0 OK");
            }
        }
    }

    @Test
    void smtpSmugglingWithBareLfDotBareLfCannotEndDataNorStartASecondMessage() throws IOException {
        server(Map.of());
        mx(HELLO + """
                C: MAIL FROM:<friend@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                C+: Subject: hi\\r\\n\\r\\nhello\\n.\\nMAIL FROM:<alice@example.org>\\r\\nRCPT TO:<bob@example.org>\\r\\nDATA\\r\\nSubject: forged\\r\\n\\r\\nfrom your boss\\r\\n.\\r\\n
                S: 554 5.6.0 Message refused: bare CR or LF in data; lines must end with CRLF (RFC 5321 §2.3.8)
                C: NOOP
                S: 250 2.0.0 OK
                """);
        mx(HELLO + """
                C: MAIL FROM:<friend@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                C+: Subject: hi\\r\\n\\r\\nhello\\r\\n.\\nMAIL FROM:<alice@example.org>\\r\\n.\\r\\n
                S: 554 5.6.0 *
                C+: Subject: bare cr\\r\\n\\r\\nhello\\r.\\r\\n
                S: 500 5.5.1 Command not recognized
                """);
        assertThat(mx.inbox(mx.bob)).isEmpty();
    }

    @Test
    void authBeforeTlsIsRefusedOnTheMxAndOnSubmission() throws IOException {
        server(Map.of());
        for (ListenerKind kind : new ListenerKind[] {ListenerKind.MX, ListenerKind.SUBMISSION}) {
            Transcript.connect(mx.port(kind)).run(HELLO + """
                    C: AUTH PLAIN %s
                    S: 538 5.7.11 Encryption required for requested authentication mechanism
                    C: AUTH LOGIN
                    S: 538 5.7.11 *
                    """.formatted(SubmissionTranscriptTest.PLAIN_ALICE));
        }
    }

    @Test
    void anOversizedMessageIsReadToItsEndThenRefusedWith552() throws IOException {
        server(Map.of("smtp.max-message-size", "1K"));
        String big = ("x".repeat(70) + "\\r\\n").repeat(20);
        mx(HELLO + """
                C: MAIL FROM:<friend@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                C+: Subject: big\\r\\n\\r\\n%s.\\r\\n
                S: 552 5.3.4 Message size exceeds fixed maximum message size
                C: NOOP
                S: 250 2.0.0 OK
                """.formatted(big));
        assertThat(mx.inbox(mx.bob)).isEmpty();
        assertThat(spoolFiles()).isEmpty();
    }

    @Test
    void anOversizedCommandLineGets500AndTheSessionGoesOn() throws IOException {
        server(Map.of());
        mx(HELLO + """
                C: NOOP %s
                S: 500 5.5.2 Line too long
                C: NOOP
                S: 250 2.0.0 OK
                C: AUTH PLAIN %s
                S: 538 *
                C: AUTH PLAIN %s
                S: 500 5.5.2 Line too long
                """.formatted("y".repeat(5000), "z".repeat(12_000), "z".repeat(13_000)));
    }

    @Test
    void anOversizedDataLineIsRefused() throws IOException {
        server(Map.of("smtp.max-text-line", "1000"));
        mx(HELLO + """
                C: MAIL FROM:<friend@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                C: Subject: long
                C:
                C: %s
                C: .
                S: 554 5.6.0 Message refused: a line is longer than 1000 octets (RFC 5321 §4.5.3.1.6)
                """.formatted("w".repeat(999)));
    }

    @Test
    void tooManyRecipientsAreRefusedWith452() throws IOException {
        server(Map.of("smtp.max-recipients", "1"));
        mx(HELLO + """
                C: MAIL FROM:<friend@example.net>
                C: RCPT TO:<bob@example.org>
                C: RCPT TO:<alice@example.org>
                S: 250 *
                S: 250 *
                S: 452 4.5.3 Too many recipients
                """);
    }

    @Test
    void aConnectionFloodFromOneAddressGets421() throws IOException {
        server(Map.of("smtp.max-connections-per-address", "2"));
        Transcript a = mx("S: 220 *");
        Transcript b = Transcript.connect(mx.port(ListenerKind.SUBMISSION)).run("S: 220 *");
        mx("""
                S: 421 4.7.0 mx.example.org Too many connections from your address
                CLOSED
                """);
        a.run("""
                C: QUIT
                S: 221 *
                CLOSED
                """);
        waitUntil(() -> true);
        Transcript c = null;
        for (int i = 0; i < 50 && c == null; i++) {
            Transcript t = Transcript.connect(mx.port(ListenerKind.MX));
            String greeting = t.readLine();
            if (greeting.startsWith("220")) {
                c = t;
            } else {
                t.close();
                sleep(50);
            }
        }
        assertThat(c).isNotNull();
        b.close();
        c.close();
    }

    @Test
    void theErrorBudgetEndsWith421() throws IOException {
        server(Map.of("smtp.error-soft-limit", "1", "smtp.error-hard-limit", "3"));
        long t0 = System.nanoTime();
        mx(HELLO + """
                C: FOO
                S: 500 5.5.1 Command not recognized
                C: BAR
                S: 500 5.5.1 Command not recognized
                C: BAZ
                S: 421 4.7.0 mx.example.org Too many errors, closing connection
                CLOSED
                """);
        // The second error was past the soft limit: delayed.
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(250);
    }

    @Test
    void delayedRepliesKeepTheirOrderWhenCommandsArePipelined() throws IOException {
        server(Map.of("smtp.error-soft-limit", "1", "smtp.error-hard-limit", "10"));
        long t0 = System.nanoTime();
        mx(HELLO + """
                C: FOO
                C: BAR
                C: BAZ
                C: NOOP
                C: QUIT
                S: 500 5.5.1 Command not recognized
                S: 500 5.5.1 Command not recognized
                S: 500 5.5.1 Command not recognized
                S: 250 2.0.0 OK
                S: 221 *
                CLOSED
                """);
        // 250 ms for the second error, 500 ms for the third.
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(750);
    }

    @Test
    void anHttpTalkerIsClosedAtOnceWithoutAReply() throws IOException {
        server(Map.of());
        mx("""
                S: 220 *
                C: GET / HTTP/1.1
                C: Host: mx.example.org
                CLOSED
                """);
        mx("""
                S: 220 *
                C: POST /upload HTTP/1.0
                CLOSED
                """);
    }

    @Test
    void anIdleClientIsDisconnectedWith421() throws IOException {
        server(Map.of("smtp.timeout.command", "1s"));
        mx(HELLO + """
                S: 421 4.4.2 mx.example.org Timeout, closing connection
                CLOSED
                """);
    }

    @Test
    void aClientStalledInDataIsDisconnectedWith421AndNothingIsStored() throws IOException {
        server(Map.of("smtp.timeout.data", "1s"));
        mx(HELLO + """
                C: MAIL FROM:<friend@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                C: Subject: stalled
                S: 421 4.4.2 mx.example.org Timeout, closing connection
                CLOSED
                """);
        assertThat(mx.inbox(mx.bob)).isEmpty();
    }

    @Test
    void aConnectionDroppedDuringDataLeavesNothingBehind() throws Exception {
        server(Map.of());
        Transcript t = mx(HELLO + """
                C: MAIL FROM:<friend@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                C: Subject: cut
                C:
                """);
        t.send(("x".repeat(1000) + "\r\n").repeat(400).getBytes(StandardCharsets.US_ASCII));
        t.close();
        waitUntil(() -> spoolFiles().isEmpty());
        assertThat(spoolFiles()).isEmpty();
        assertThat(mx.inbox(mx.bob)).isEmpty();
    }

    @Test
    void theBannerAndRepliesNameNoSoftware() throws IOException {
        server(Map.of());
        Transcript t = Transcript.connect(mx.port(ListenerKind.MX));
        List<String> lines = new ArrayList<>();
        lines.add(t.readLine());
        t.send("EHLO me\r\nHELP\r\nFOO\r\nQUIT\r\n".getBytes(StandardCharsets.US_ASCII));
        String l;
        while ((l = t.readLine()) != null) {
            lines.add(l);
        }
        assertThat(lines).hasSizeGreaterThan(10);
        for (String line : lines) {
            assertThat(line.toLowerCase(java.util.Locale.ROOT)).doesNotContain("mailroom", "java", "mina", "postfix",
                    "version", "0.1");
        }
    }

    private List<Path> spoolFiles() {
        Path spool = mx.config.spoolDir();
        if (!Files.exists(spool)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(spool)) {
            return s.toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
