package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.auth.ScramClient;

/** Transcripts of submission (587, RFC 6409) and submissions (465, RFC 8314): TLS, then AUTH, then MAIL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SubmissionTranscriptTest {

    Path dir;
    SmtpTestServer mx;

    static final String PLAIN_ALICE = TestSecurity.plain("alice@example.org", SmtpTestServer.ALICE_PASSWORD);

    @BeforeAll
    void start(@TempDir Path tmp) {
        dir = tmp;
        mx = new SmtpTestServer(dir, Map.of());
    }

    @AfterAll
    void stop() {
        mx.close();
    }

    private Transcript submission(String script) throws IOException {
        return Transcript.connect(mx.port(ListenerKind.SUBMISSION)).run(script);
    }

    static final String EHLO_CLEAR = """
            S: 220 mx.example.org ESMTP ready
            C: EHLO laptop
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
            """;

    static final String EHLO_TLS = """
            C: EHLO laptop
            S: 250-mx.example.org
            S: 250-PIPELINING
            S: 250-SIZE 26214400
            S: 250-8BITMIME
            S: 250-SMTPUTF8
            S: 250-ENHANCEDSTATUSCODES
            S: 250-AUTH SCRAM-SHA-256 PLAIN LOGIN
            S: 250-CHUNKING
            S: 250-DSN
            S: 250 LIMITS RCPTMAX=100
            """;

    static final String STARTTLS = EHLO_CLEAR + """
            C: STARTTLS
            S: 220 2.0.0 Ready to start TLS
            TLS
            """ + EHLO_TLS;

    @Test
    void beforeTlsNothingButStarttlsAndHarmlessCommands() throws IOException {
        submission(EHLO_CLEAR + """
                C: MAIL FROM:<alice@example.org>
                S: 530 5.7.0 Must issue a STARTTLS command first
                C: RCPT TO:<bob@example.org>
                S: 503 5.5.1 Need MAIL before RCPT
                C: AUTH PLAIN %s
                S: 538 5.7.11 Encryption required for requested authentication mechanism
                C: NOOP
                S: 250 2.0.0 OK
                """.formatted(PLAIN_ALICE));
    }

    @Test
    void afterTlsMailNeedsAuth() throws IOException {
        submission(STARTTLS + """
                C: MAIL FROM:<alice@example.org>
                S: 530 5.7.0 Authentication required
                C: BDAT 3 LAST
                C+: abc
                S: 503 5.5.1 *
                """);
    }

    @Test
    void authPlainWithInitialResponseThenAMessageGetsDateMessageIdAndReceived() throws IOException {
        int before = mx.inbox(mx.bob).size();
        submission(STARTTLS + """
                C: AUTH PLAIN %s
                S: 235 2.7.0 Authentication successful
                C: AUTH PLAIN %s
                S: 503 5.5.1 Already authenticated
                C: MAIL FROM:<alice@example.org>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<bob@example.org>
                S: 250 2.1.5 Recipient OK
                C: DATA
                S: 354 *
                C: From: alice@example.org
                C: Subject: submitted
                C:
                C: Hello Bob.
                C: .
                S: 250 2.0.0 OK queued as *
                """.formatted(PLAIN_ALICE, PLAIN_ALICE));
        List<String> inbox = mx.inbox(mx.bob);
        assertThat(inbox).hasSize(before + 1);
        String m = inbox.get(before);
        assertThat(m).startsWith("Return-Path: <alice@example.org>\r\nDelivered-To: bob@example.org\r\n"
                + "Received: from laptop ([127.0.0.1])\r\n\tby mx.example.org with ESMTPSA\r\n\t(using TLSv1.3 with cipher ");
        assertThat(m).matches("(?s).*\r\nFrom: alice@example.org\r\nSubject: submitted\r\nDate: [A-Z][a-z]{2}, \\d{1,2} "
                + "[A-Z][a-z]{2} \\d{4} \\d\\d:\\d\\d:\\d\\d \\+0000\r\nMessage-ID: <[-0-9a-f]+@mx.example.org>\r\n\r\n"
                + "Hello Bob.\r\n");
    }

    @Test
    void theSenderMustBeTheUserOrOneOfItsAliases() throws IOException {
        submission(STARTTLS + """
                C: AUTH PLAIN %s
                S: 235 *
                C: MAIL FROM:<bob@example.org>
                S: 553 5.7.1 Sender address not owned by the authenticated user
                C: MAIL FROM:<ceo@elsewhere.example>
                S: 553 5.7.1 Sender address not owned by the authenticated user
                C: MAIL FROM:<>
                S: 553 5.7.1 The null sender is not allowed on submission
                C: MAIL FROM:<sales@example.org>
                S: 250 2.1.0 Sender OK
                C: RSET
                S: 250 *
                C: MAIL FROM:<Alice+lists@Example.org>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<someone@remote.example>
                S: 250 2.1.5 Recipient OK
                C: AUTH PLAIN %s
                S: 503 5.5.1 Bad sequence of commands
                """.formatted(PLAIN_ALICE, PLAIN_ALICE));
    }

    @Test
    void authLoginExchange() throws IOException {
        submission(STARTTLS + """
                C: AUTH LOGIN
                S: 334 VXNlcm5hbWU6
                C: %s
                S: 334 UGFzc3dvcmQ6
                C: %s
                S: 235 2.7.0 Authentication successful
                """.formatted(TestSecurity.b64("alice@example.org"), TestSecurity.b64(SmtpTestServer.ALICE_PASSWORD)));
    }

    @Test
    void authPlainWithoutInitialResponseCancelAndGarbage() throws IOException {
        submission(STARTTLS + """
                C: AUTH PLAIN
                S: 334*
                C: *
                S: 501 5.0.0 Authentication cancelled
                C: AUTH PLAIN
                S: 334*
                C: not base64!
                S: 501 5.5.2 Cannot decode the base64 response
                C: AUTH PLAIN not-base64!
                S: 501 5.5.2 Cannot decode the base64 response
                C: AUTH CRAM-MD5
                S: 504 5.5.4 Unrecognized authentication type
                C: AUTH
                S: 501 5.5.4 Syntax: AUTH mechanism [initial-response]
                C: AUTH PLAIN
                S: 334*
                C: %s
                S: 235 2.7.0 Authentication successful
                """.formatted(PLAIN_ALICE));
    }

    @Test
    void aWrongPasswordIs535AfterADelay() throws IOException {
        long t0 = System.nanoTime();
        submission(STARTTLS + """
                C: AUTH PLAIN %s
                S: 535 5.7.8 Authentication credentials invalid
                C: AUTH PLAIN %s
                S: 535 5.7.8 Authentication credentials invalid
                """.formatted(TestSecurity.plain("alice@example.org", "wrong"),
                TestSecurity.plain("nobody@example.org", "wrong")));
        assertThat((System.nanoTime() - t0) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void authScramSha256WithTheServerSignatureInA334() throws Exception {
        Transcript t = submission(STARTTLS);
        ScramClient scram = new ScramClient("n,,", "alice@example.org", SmtpTestServer.ALICE_PASSWORD, "fyko+d2lbbFgONRv9qkxdawL");
        t.send(("AUTH SCRAM-SHA-256 " + b64(scram.clientFirst()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String serverFirst = challenge(t.readLine());
        t.send((b64(scram.clientFinal(serverFirst)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String serverFinal = challenge(t.readLine());
        assertThat(serverFinal).isEqualTo(scram.expectedServerFinal());
        t.run("""
                C:
                S: 235 2.7.0 Authentication successful
                C: MAIL FROM:<alice@example.org>
                S: 250 *
                """);
    }

    @Test
    void implicitTlsSubmissionOn465() throws IOException {
        int before = mx.inbox(mx.bob).size();
        Transcript.connectTls(mx.port(ListenerKind.SUBMISSIONS)).run("""
                S: 220 mx.example.org ESMTP ready
                """ + EHLO_TLS + """
                C: MAIL FROM:<alice@example.org>
                S: 530 5.7.0 Authentication required
                C: AUTH PLAIN %s
                S: 235 *
                C: MAIL FROM:<alice@example.org>
                C: RCPT TO:<bob@example.org>
                C: BDAT 36 LAST
                C+: Subject: chunked\\r\\nDate: today\\r\\n\\r\\n.\\r\\n
                S: 250 *
                S: 250 *
                S: 250 2.0.0 OK queued as *
                """.formatted(PLAIN_ALICE));
        String m = mx.inbox(mx.bob).get(before);
        assertThat(m).contains("\tby mx.example.org with ESMTPSA\r\n\t(using TLSv1.");
        assertThat(m).matches("(?s).*\r\nSubject: chunked\r\nDate: today\r\nMessage-ID: <[^>]+>\r\n\r\n\\.\r\n");
    }

    @Test
    void plaintextAuthWhenAllowed() throws IOException {
        try (SmtpTestServer plain = new SmtpTestServer(dir.resolve("plain"), Map.of("auth.allow-plaintext", "true"))) {
            Transcript.connect(plain.port(ListenerKind.SUBMISSION)).run("""
                    S: 220 *
                    C: EHLO laptop
                    S: 250-mx.example.org
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-STARTTLS
                    S: 250-AUTH SCRAM-SHA-256 PLAIN LOGIN
                    S: 250-*
                    S: 250-*
                    S: 250 *
                    C: AUTH PLAIN %s
                    S: 235 *
                    C: MAIL FROM:<alice@example.org>
                    S: 250 *
                    """.formatted(PLAIN_ALICE));
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String challenge(String line) {
        assertThat(line).startsWith("334 ");
        return new String(Base64.getDecoder().decode(line.substring(4)), StandardCharsets.UTF_8);
    }
}
