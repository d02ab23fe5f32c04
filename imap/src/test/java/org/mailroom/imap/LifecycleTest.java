package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;

/** Autologout, graceful shutdown and disabled listeners. */
class LifecycleTest {

    @TempDir
    Path dir;

    @Test
    void aClientSilentBeforeLoginIsLoggedOut() {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50), 1 << 20, 10, 5, 10,
                c -> new ImapConfig(c.port(), c.tlsPort(), c.bindAddress(), c.allowPlaintextAuth(), c.spoolDir(),
                        c.appendLimit(), c.idleTimeout(), Duration.ofSeconds(1), c.maxConnectionsPerAddress(),
                        c.errorSoftLimit(), c.errorHardLimit(), c.threads()));
             ImapTestClient c = f.client()) {
            c.line();
            assertThat(c.line()).isEqualTo("* BYE Autologout; idle for too long");
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void closingTheServerSaysByeToOpenSessionsAndStopsListening() {
        ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50));
        ImapTestClient c = f.client().login("alice@example.org");
        assertThat(c.tagged("a1", "SELECT INBOX")).isEqualTo("a1 OK [READ-WRITE] SELECT completed");
        int port = f.server.port();
        f.close();
        assertThat(c.line()).isEqualTo("* BYE Server shutting down");
        assertThat(c.closedByServer()).isTrue();
        c.close();
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            throw new AssertionError("still listening");
        } catch (java.io.IOException expected) {
            // refused, as it should be
        }
    }

    @Test
    void portZeroDisablesAListener() {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50), 1 << 20, 10, 5, 10,
                c -> c.withPorts(0, ImapConfig.ANY_PORT))) {
            assertThat(f.server.port()).isZero();
            assertThat(f.server.tlsPort()).isPositive();
        }
    }

    @Test
    void aPortInUseIsExplainedInOneLineNamingItsKey() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ImapFixture(dir, true, Duration.ofMillis(50),
                    1 << 20, 10, 5, 10, c -> c.withPorts(ImapConfig.ANY_PORT, port)))
                    .isInstanceOf(org.mailroom.config.ConfigException.class).hasMessageContaining("imaps.port");
        }
    }
}
