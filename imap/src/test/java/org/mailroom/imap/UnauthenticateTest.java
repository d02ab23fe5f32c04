package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;

/** UNAUTHENTICATE can be turned off (RFC 8437 §8), and it keeps TLS (§3). */
class UnauthenticateTest {

    @TempDir
    Path dir;

    @Test
    void turnedOffItIsNeitherAdvertisedNorAccepted() {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50), 1 << 20, 10, 5, 10,
                c -> new ImapConfig(c.port(), c.tlsPort(), c.bindAddress(), c.allowPlaintextAuth(), c.spoolDir(),
                        c.appendLimit(), c.idleTimeout(), c.loginTimeout(), c.maxConnectionsPerAddress(),
                        c.errorSoftLimit(), c.errorHardLimit(), c.threads(), false));
             ImapTestClient c = f.client()) {
            c.login("alice@example.org");
            assertThat(c.command("a1", "CAPABILITY").get(0)).doesNotContain("UNAUTHENTICATE");
            assertThat(c.tagged("a2", "UNAUTHENTICATE")).isEqualTo("a2 BAD Unknown command UNAUTHENTICATE");
            assertThat(c.tagged("a3", "SELECT INBOX")).isEqualTo("a3 OK [READ-WRITE] SELECT completed");
        }
    }

    @Test
    void theConnectionStaysEncryptedAndAuthenticationIsOfferedAgain() {
        try (ImapFixture f = new ImapFixture(dir, false, Duration.ofMillis(50));
             ImapTestClient c = f.tlsClient()) {
            c.login("alice@example.org");
            assertThat(c.tagged("a1", "UNAUTHENTICATE")).isEqualTo("a1 OK UNAUTHENTICATE completed");
            assertThat(c.isSecure()).isTrue();
            String caps = c.command("a2", "CAPABILITY").get(0);
            assertThat(caps).contains("AUTH=PLAIN").doesNotContain("LOGINDISABLED").doesNotContain("STARTTLS");
            assertThat(c.tagged("a3", "LOGIN bob@example.org secret")).startsWith("a3 OK");
            assertThat(c.tagged("a4", "SELECT INBOX")).isEqualTo("a4 OK [READ-WRITE] SELECT completed");
        }
    }
}
