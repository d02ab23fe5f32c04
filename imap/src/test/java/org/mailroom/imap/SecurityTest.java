package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;

/** Named regressions for the attacks issue 5 lists (STYLE.md §18). */
class SecurityTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;

    private ImapFixture start(boolean plaintext) {
        fixture = new ImapFixture(dir, plaintext, Duration.ofMillis(300), 64 * 1024, 3, 2, 6);
        return fixture;
    }

    @AfterEach
    void stop() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void loginBeforeTlsIsRefusedAndAdvertisedAsDisabled() {
        start(false);
        try (ImapTestClient c = fixture.client()) {
            String greeting = c.line();
            assertThat(greeting).contains("STARTTLS").contains("LOGINDISABLED").doesNotContain("AUTH=");
            assertThat(c.tagged("a1", "LOGIN alice@example.org secret"))
                    .isEqualTo("a1 NO [PRIVACYREQUIRED] Authentication is only allowed after STARTTLS");
            assertThat(c.tagged("a2", "AUTHENTICATE PLAIN AGFsaWNlQGV4YW1wbGUub3JnAHNlY3JldA=="))
                    .isEqualTo("a2 NO [PRIVACYREQUIRED] Authentication is only allowed after STARTTLS");
            assertThat(c.tagged("a3", "STARTTLS")).isEqualTo("a3 OK Begin TLS negotiation now");
            c.startTls();
            List<String> caps = c.command("a4", "CAPABILITY");
            assertThat(caps.get(0)).doesNotContain("STARTTLS").doesNotContain("LOGINDISABLED").contains("AUTH=PLAIN");
            assertThat(c.tagged("a5", "LOGIN alice@example.org secret")).startsWith("a5 OK [CAPABILITY");
        }
    }

    @Test
    void commandsInjectedAfterStarttlsAreNeverRun() {
        start(false);
        try (ImapTestClient c = fixture.client()) {
            c.line();
            c.sendRaw("a1 STARTTLS\r\na2 LOGIN alice@example.org secret\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.line()).isEqualTo("a1 BAD Commands sent after STARTTLS before its reply");
            assertThat(c.line()).isEqualTo("* BYE Protocol violation");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void implicitTlsPortServesWithoutStarttls() {
        start(false);
        try (ImapTestClient c = fixture.tlsClient()) {
            assertThat(c.line()).startsWith("* OK [CAPABILITY").doesNotContain("STARTTLS").contains("AUTH=PLAIN");
            assertThat(c.tagged("a1", "STARTTLS")).isEqualTo("a1 BAD TLS is already active");
            assertThat(c.tagged("a2", "LOGIN alice@example.org secret")).startsWith("a2 OK");
        }
    }

    @Test
    void aHugeSynchronisingLiteralIsRefusedBeforeItIsSent() {
        start(true);
        try (ImapTestClient c = fixture.client()) {
            c.line();
            c.send("a1 LOGIN alice@example.org {999999999}");
            assertThat(c.line()).isEqualTo("a1 NO [TOOBIG] Literal too large");
            c.login2();
            c.send("a3 APPEND INBOX {70000}");
            assertThat(c.line()).isEqualTo("a3 NO [TOOBIG] Literal too large");
            assertThat(c.tagged("a4", "NOOP")).isEqualTo("a4 OK NOOP completed");
        }
    }

    @Test
    void aHugeNonSynchronisingLiteralClosesTheConnection() {
        start(true);
        try (ImapTestClient c = fixture.client()) {
            c.line();
            c.send("a1 LOGIN alice@example.org {999999999+}");
            assertThat(c.line()).isEqualTo("a1 BAD [TOOBIG] Literal too large");
            assertThat(c.line()).isEqualTo("* BYE Too much data");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void anOverlongLineIsRefusedAndTheSessionGoesOn() {
        start(true);
        try (ImapTestClient c = fixture.client()) {
            c.line();
            c.send("a1 LOGIN " + "x".repeat(20_000) + " y");
            assertThat(c.line()).isEqualTo("a1 BAD [TOOBIG] Command line too long");
            assertThat(c.tagged("a2", "NOOP")).isEqualTo("a2 OK NOOP completed");
        }
    }

    @Test
    void unknownUsersAndWrongPasswordsGetTheSameReply() {
        start(true);
        try (ImapTestClient c = fixture.client()) {
            c.line();
            String unknown = c.tagged("a1", "LOGIN nobody@example.org secret");
            String wrong = c.tagged("a2", "LOGIN alice@example.org wrong");
            String unknownDomain = c.tagged("a3", "LOGIN alice@nowhere.test secret");
            assertThat(unknown).isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(wrong.substring(3)).isEqualTo(unknown.substring(3));
            assertThat(unknownDomain.substring(3)).isEqualTo(unknown.substring(3));
        }
    }

    @Test
    void failedLoginRepliesAreDelayedWithoutReorderingPipelinedCommands() {
        start(true);
        try (ImapTestClient c = fixture.client()) {
            c.line();
            long t0 = System.nanoTime();
            c.send("a1 LOGIN alice@example.org wrong");
            c.send("a2 NOOP");
            assertThat(c.line()).isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
            assertThat(System.nanoTime() - t0).isGreaterThanOrEqualTo(Duration.ofMillis(250).toNanos());
            assertThat(c.line()).isEqualTo("a2 OK NOOP completed");
        }
    }

    @Test
    void anHttpRequestIsAnsweredWithByeAndClosed() {
        start(true);
        try (ImapTestClient c = fixture.client()) {
            c.line();
            c.send("GET / HTTP/1.1");
            assertThat(c.line()).isEqualTo("* BYE This is an IMAP server");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void tooManyConnectionsFromOneAddressAreTurnedAway() {
        start(true);
        ImapTestClient a = fixture.client();
        ImapTestClient b = fixture.client();
        ImapTestClient c = fixture.client();
        // Each greeting read means that connection is counted before the next one comes.
        assertThat(a.line()).startsWith("* OK");
        assertThat(b.line()).startsWith("* OK");
        assertThat(c.line()).startsWith("* OK");
        try (ImapTestClient d = fixture.client()) {
            assertThat(d.line()).isEqualTo("* BYE Too many connections from your address");
            assertThat(d.closedByServer()).isTrue();
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    @Test
    void repeatedSyntaxErrorsSpendTheErrorBudget() {
        start(true);
        try (ImapTestClient c = fixture.client()) {
            c.line();
            for (int i = 0; i < 5; i++) {
                c.send("x" + i + " BOGUS");
            }
            for (int i = 0; i < 5; i++) {
                assertThat(c.line()).isEqualTo("x" + i + " BAD Unknown command BOGUS");
            }
            long t0 = System.nanoTime();
            c.send("x5 BOGUS");
            assertThat(c.line()).isEqualTo("x5 BAD Unknown command BOGUS");
            assertThat(c.line()).isEqualTo("* BYE Too many errors");
            assertThat(c.closedByServer()).isTrue();
        }
    }
}
