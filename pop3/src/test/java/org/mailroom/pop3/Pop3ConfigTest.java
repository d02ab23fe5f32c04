package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;

class Pop3ConfigTest {

    @TempDir
    Path home;

    private Settings settings(Map<String, String> pop3) {
        Map<String, String> all = new HashMap<>(pop3);
        all.put("hostname", "mail.example.org");
        return new Settings(all, home, "mailroom.properties");
    }

    private Pop3Config read(Map<String, String> pop3) {
        Settings s = settings(pop3);
        return Pop3Config.from(s, CoreConfig.from(s));
    }

    @Test
    void defaultsFollowTheRfcs() {
        Pop3Config c = read(Map.of());
        assertThat(c.port()).isEqualTo(110);
        assertThat(c.tlsPort()).isEqualTo(995);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxLineLength()).isEqualTo(4096);
        assertThat(c.maxConnectionsPerAddress()).isEqualTo(10);
        assertThat(c.errorSoftLimit()).isEqualTo(3);
        assertThat(c.errorHardLimit()).isEqualTo(10);
        assertThat(c.hostname()).isEqualTo("mail.example.org");
        assertThat(c.allowPlaintextAuth()).isFalse();
    }

    @Test
    void everyKeyIsReadSoNoneIsReportedUnknown() {
        Settings s = settings(Map.of("pop3.port", "1110", "pop3s.port", "0", "pop3.idle-timeout", "30m",
                "pop3.max-line-length", "1024", "pop3.max-connections-per-address", "0",
                "pop3.error-soft-limit", "1", "pop3.error-hard-limit", "4", "auth.allow-plaintext", "true"));
        Pop3Config c = Pop3Config.from(s, CoreConfig.from(s));
        s.rejectUnknownKeys();
        assertThat(c).isEqualTo(new Pop3Config(1110, 0, c.bindAddress(), "mail.example.org", true,
                Duration.ofMinutes(30), 1024, 0, 1, 4));
    }

    @Test
    void anIdleTimeoutUnderTenMinutesIsRefused() {
        assertThatThrownBy(() -> read(Map.of("pop3.idle-timeout", "5m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pop3.idle-timeout")
                .hasMessageContaining("RFC 1939");
    }

    @Test
    void bothListenersOnOnePortAreRefused() {
        assertThatThrownBy(() -> read(Map.of("pop3.port", "2000", "pop3s.port", "2000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pop3s.port");
    }

    @Test
    void aSoftLimitAboveTheHardOneIsRefused() {
        assertThatThrownBy(() -> read(Map.of("pop3.error-soft-limit", "9", "pop3.error-hard-limit", "5")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pop3.error-soft-limit");
    }

    @Test
    void aPortInUseIsExplainedWithItsKey() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             org.mailroom.store.MailStore store = org.mailroom.store.derby.TestStores.open(home.resolve("db"))) {
            Pop3Config c = new Pop3Config(taken.getLocalPort(), 0, java.net.InetAddress.getLoopbackAddress(),
                    "mail.example.org", false, Duration.ofMinutes(10), 4096, 10, 3, 10);
            Pop3Server server = new Pop3Server(c, new Pop3Services(
                    TestAccounts.authenticator(store), store.maildrops(), TestTls.serverContext()));
            assertThatThrownBy(server::start).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("pop3.port " + taken.getLocalPort() + ": address already in use");
        }
    }
}
