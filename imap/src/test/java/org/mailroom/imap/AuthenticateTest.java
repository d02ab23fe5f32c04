package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;
import org.mailroom.imap.support.ScramTestClient;

/** AUTHENTICATE with the real authenticator: PLAIN with SASL-IR, LOGIN, SCRAM-SHA-256, cancelling, brute force. */
class AuthenticateTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, false, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ImapTestClient secure() {
        ImapTestClient c = fixture.tlsClient();
        c.line();
        return c;
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unb64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    @Test
    void plainWithAnInitialResponseLogsIn() {
        try (ImapTestClient c = secure()) {
            assertThat(c.tagged("a1", "AUTHENTICATE PLAIN " + b64("\0alice@example.org\0secret")))
                    .startsWith("a1 OK [CAPABILITY IMAP4rev1").endsWith("] AUTHENTICATE completed");
            assertThat(c.tagged("a2", "SELECT INBOX")).isEqualTo("a2 OK [READ-WRITE] SELECT completed");
        }
    }

    @Test
    void plainWithoutInitialResponseGetsAnEmptyChallenge() {
        try (ImapTestClient c = secure()) {
            c.send("a1 AUTHENTICATE PLAIN");
            assertThat(c.line()).isEqualTo("+ ");
            c.send(b64("\0alice@example.org\0secret"));
            assertThat(c.line()).startsWith("a1 OK [CAPABILITY");
        }
    }

    @Test
    void loginMechanismAsksForNameAndPassword() {
        try (ImapTestClient c = secure()) {
            c.send("a1 AUTHENTICATE LOGIN");
            assertThat(unb64(c.line().substring(2))).isEqualTo("Username:");
            c.send(b64("alice@example.org"));
            assertThat(unb64(c.line().substring(2))).isEqualTo("Password:");
            c.send(b64("secret"));
            assertThat(c.line()).startsWith("a1 OK [CAPABILITY");
        }
    }

    @Test
    void scramSha256ProvesBothSides() throws Exception {
        try (ImapTestClient c = secure()) {
            ScramTestClient scram = new ScramTestClient("alice@example.org", "secret", "fyko+d2lbbFgONRv9qkxdawL");
            c.send("a1 AUTHENTICATE SCRAM-SHA-256 " + b64(scram.clientFirst()));
            String serverFirst = unb64(c.line().substring(2));
            c.send(b64(scram.clientFinal(serverFirst)));
            String serverFinal = unb64(c.line().substring(2));
            assertThat(scram.verifies(serverFinal)).isTrue();
            c.send("");
            assertThat(c.line()).startsWith("a1 OK [CAPABILITY");
        }
    }

    @Test
    void aClientMayCancelAnExchange() {
        try (ImapTestClient c = secure()) {
            c.send("a1 AUTHENTICATE LOGIN");
            c.line();
            c.send("*");
            assertThat(c.line()).isEqualTo("a1 BAD AUTHENTICATE cancelled");
            assertThat(c.tagged("a2", "AUTHENTICATE X-UNKNOWN")).isEqualTo("a2 NO [CANNOT] Unsupported authentication mechanism");
        }
    }

    @Test
    void wrongPasswordsFailAlikeForEveryMechanism() {
        try (ImapTestClient c = secure()) {
            assertThat(c.tagged("a1", "AUTHENTICATE PLAIN " + b64("\0alice@example.org\0nope")))
                    .isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(c.tagged("a2", "AUTHENTICATE PLAIN " + b64("\0nobody@example.org\0nope")))
                    .isEqualTo("a2 NO [AUTHENTICATIONFAILED] Authentication failed");
        }
    }

    @Test
    void bruteForceEndsInABanThatRefusesEvenTheRightPassword() {
        try (ImapTestClient c = secure()) {
            for (int i = 0; i < 4; i++) {
                assertThat(c.tagged("f" + i, "LOGIN alice@example.org guess" + i))
                        .isEqualTo("f" + i + " NO [AUTHENTICATIONFAILED] Authentication failed");
            }
            assertThat(c.tagged("f4", "LOGIN alice@example.org guess4"))
                    .isEqualTo("f4 NO [UNAVAILABLE] Too many failed logins; try again later");
            assertThat(c.tagged("a1", "LOGIN alice@example.org secret"))
                    .isEqualTo("a1 NO [UNAVAILABLE] Too many failed logins; try again later");
        }
    }
}
