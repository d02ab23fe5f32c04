package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AUTH (RFC 5034) with PLAIN, LOGIN and SCRAM-SHA-256 through the real authenticator, and login throttling. */
class SaslAuthTest {

    @TempDir
    Path dir;
    Pop3Fixture f;

    @BeforeEach
    void setUp() {
        f = Pop3Fixture.start(dir);
        f.deliver(Pop3Fixture.ALICE, "Subject: one\r\n\r\nbody\r\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    @Test
    void plainWithAnInitialResponse() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: AUTH PLAIN %s
                    S~ \\+OK Logged in; 1 messages \\(\\d+ octets\\)
                    C: STAT
                    S~ \\+OK 1 \\d+
                    """.formatted(b64("\0alice@example.org\0correct horse battery")));
        }
    }

    @Test
    void plainWithoutAnInitialResponseGetsAnEmptyChallenge() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: AUTH plain
                    S: +\s
                    C: %s
                    S~ \\+OK Logged in; .*
                    """.formatted(b64("\0alice@example.org\0correct horse battery")));
        }
    }

    @Test
    void loginAsksForTheNameThenThePassword() throws Exception {
        try (Pop3Client c = f.tls()) {
            c.line();
            c.send("AUTH LOGIN");
            String first = c.line();
            assertThat(first).startsWith("+ ");
            assertThat(unb64(first.substring(2))).isEqualTo("Username:");
            c.send(b64("alice@example.org"));
            String second = c.line();
            assertThat(unb64(second.substring(2))).isEqualTo("Password:");
            c.send(b64("correct horse battery"));
            assertThat(c.line()).startsWith("+OK Logged in; 1 messages");
        }
    }

    @Test
    void loginWithTheNameAsInitialResponse() throws Exception {
        try (Pop3Client c = f.tls()) {
            c.line();
            c.send("AUTH LOGIN " + b64("alice@example.org"));
            assertThat(unb64(c.line().substring(2))).isEqualTo("Password:");
            c.send(b64("correct horse battery"));
            assertThat(c.line()).startsWith("+OK Logged in;");
        }
    }

    @Test
    void scramSha256SendsTheServerSignatureAsAChallengeBeforeOk() throws Exception {
        ScramClient scram = new ScramClient("alice@example.org", Pop3Fixture.PASSWORD);
        try (Pop3Client c = f.tls()) {
            c.line();
            c.send("AUTH SCRAM-SHA-256 " + b64(scram.clientFirst()));
            String serverFirst = c.line();
            assertThat(serverFirst).startsWith("+ ");
            c.send(b64(scram.clientFinal(unb64(serverFirst.substring(2)))));
            String serverFinal = c.line();
            assertThat(serverFinal).startsWith("+ ");
            assertThat(scram.verifies(unb64(serverFinal.substring(2)))).isTrue();
            c.send("");
            assertThat(c.line()).startsWith("+OK Logged in; 1 messages");
        }
    }

    @Test
    void scramWithAWrongPasswordFailsWithAuthCode() throws Exception {
        ScramClient scram = new ScramClient("alice@example.org", "wrong");
        try (Pop3Client c = f.tls()) {
            c.line();
            c.send("AUTH SCRAM-SHA-256");
            assertThat(c.line()).isEqualTo("+ ");
            c.send(b64(scram.clientFirst()));
            String serverFirst = c.line();
            c.send(b64(scram.clientFinal(unb64(serverFirst.substring(2)))));
            assertThat(c.line()).isEqualTo("-ERR [AUTH] Invalid user name or password");
        }
    }

    @Test
    void theClientCanCancelAndMalformedDataIsRefused() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: AUTH LOGIN
                    S: + VXNlcm5hbWU6
                    C: *
                    S: -ERR Authentication cancelled
                    C: AUTH PLAIN
                    S: +\s
                    C: not base64!
                    S: -ERR Invalid base64 data
                    C: AUTH PLAIN not-base64!
                    S: -ERR Invalid base64 data
                    C: AUTH PLAIN %s
                    S: -ERR Malformed authentication response
                    C: AUTH PLAIN a b c
                    S: -ERR Expected a mechanism and at most one initial response
                    """.formatted(b64("no separators")));
        }
    }

    @Test
    void aWrongPasswordOverSaslGivesTheSameReplyAsAnUnknownUser() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: AUTH PLAIN %s
                    S: -ERR [AUTH] Invalid user name or password
                    C: AUTH PLAIN %s
                    S: -ERR [AUTH] Invalid user name or password
                    """.formatted(b64("\0alice@example.org\0wrong"), b64("\0nobody@example.org\0wrong")));
        }
    }

    @Test
    void bruteForceIsSlowedDownThenBannedEvenWithTheRightPassword() throws Exception {
        long[] took = new long[TestAccounts.ADDRESS_LIMIT - 1];
        for (int i = 0; i < TestAccounts.ADDRESS_LIMIT - 1; i++) {
            try (Pop3Client c = f.tls()) {
                c.line();
                c.send("USER alice@example.org");
                c.line();
                long t0 = System.nanoTime();
                c.send("PASS guess" + i);
                assertThat(c.line()).isEqualTo("-ERR [AUTH] Invalid user name or password");
                took[i] = (System.nanoTime() - t0) / 1_000_000;
            }
        }
        // 200, 400, 800, 800 ms: growing, capped
        assertThat(took[0]).isGreaterThanOrEqualTo(180);
        assertThat(took[2]).isGreaterThanOrEqualTo(750);
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: USER alice@example.org
                    S: +OK Send your password
                    C: PASS guess-last
                    S: -ERR [LOGIN-DELAY] Too many failed logins; try again later
                    C: USER alice@example.org
                    S: +OK Send your password
                    C: PASS correct horse battery
                    S: -ERR [LOGIN-DELAY] Too many failed logins; try again later
                    C: AUTH PLAIN %s
                    S: -ERR [LOGIN-DELAY] Too many failed logins; try again later
                    """.formatted(b64("\0alice@example.org\0correct horse battery")));
        }
    }
}
