package org.mailroom.smtp;

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

class SmtpConfigTest {

    @TempDir
    Path dir;

    private SmtpConfig read(Map<String, String> extra) {
        Map<String, String> m = new HashMap<>(Map.of("hostname", "mx.example.org"));
        m.putAll(extra);
        Settings s = new Settings(m, dir, "mailroom.properties");
        SmtpConfig c = SmtpConfig.from(s, CoreConfig.from(s));
        s.rejectUnknownKeys();
        return c;
    }

    @Test
    void defaultsAreTheStandardPortsAndRfcLimits() {
        SmtpConfig c = read(Map.of());
        assertThat(c.port(ListenerKind.MX)).isEqualTo(25);
        assertThat(c.port(ListenerKind.SUBMISSION)).isEqualTo(587);
        assertThat(c.port(ListenerKind.SUBMISSIONS)).isEqualTo(465);
        assertThat(c.maxMessageSize()).isEqualTo(25L << 20);
        assertThat(c.maxRecipients()).isEqualTo(100);
        assertThat(c.maxCommandLine()).isEqualTo(2048);
        assertThat(c.maxTextLine()).isEqualTo(10_000);
        assertThat(c.maxConnectionsPerAddress()).isEqualTo(10);
        assertThat(c.errorSoftLimit()).isEqualTo(5);
        assertThat(c.errorHardLimit()).isEqualTo(20);
        assertThat(c.unknownRecipientSlowdown()).isEqualTo(3);
        assertThat(c.unknownRecipientLimit()).isEqualTo(20);
        assertThat(c.unknownRecipientWindow()).isEqualTo(Duration.ofHours(1));
        assertThat(c.commandTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.dataTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.threads()).isEqualTo(32);
        assertThat(c.allowPlaintextAuth()).isFalse();
        assertThat(c.spoolDir()).isEqualTo(dir.resolve("data").resolve("spool"));
    }

    @Test
    void zeroDisablesAListenerAndEveryKeyIsRead() {
        SmtpConfig c = read(Map.ofEntries(Map.entry("smtp.port", "2525"), Map.entry("submission.port", "0"),
                Map.entry("smtps.port", "0"), Map.entry("smtp.max-message-size", "10M"),
                Map.entry("smtp.max-recipients", "50"), Map.entry("smtp.max-command-line", "1024"),
                Map.entry("smtp.max-text-line", "2000"), Map.entry("smtp.max-connections-per-address", "0"),
                Map.entry("smtp.error-soft-limit", "2"), Map.entry("smtp.error-hard-limit", "4"),
                Map.entry("smtp.unknown-recipients.slowdown-after", "1"), Map.entry("smtp.unknown-recipients.limit", "5"),
                Map.entry("smtp.unknown-recipients.window", "10m"), Map.entry("smtp.timeout.command", "1m"),
                Map.entry("smtp.timeout.data", "2m"), Map.entry("smtp.shutdown-grace", "5s"),
                Map.entry("smtp.threads", "4")));
        assertThat(c.port(ListenerKind.MX)).isEqualTo(2525);
        assertThat(c.port(ListenerKind.SUBMISSION)).isZero();
        assertThat(c.maxMessageSize()).isEqualTo(10L << 20);
        assertThat(c.unknownRecipientWindow()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.maxConnectionsPerAddress()).isZero();
        assertThat(c.errorSoftLimit()).isEqualTo(2);
        assertThat(c.errorHardLimit()).isEqualTo(4);
    }

    @Test
    void theOldNamesOfTheRenamedKeysStillWorkButNotBesideTheNewOnes() {
        SmtpConfig c = read(Map.of("smtp.max-connections-per-client", "3", "smtp.error.soft-limit", "6",
                "smtp.error.hard-limit", "7"));
        assertThat(c.maxConnectionsPerAddress()).isEqualTo(3);
        assertThat(c.errorSoftLimit()).isEqualTo(6);
        assertThat(c.errorHardLimit()).isEqualTo(7);
        assertThatThrownBy(() -> read(Map.of("smtp.error.soft-limit", "1", "smtp.error-soft-limit", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("smtp.error.soft-limit: is the old name of smtp.error-soft-limit");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> read(Map.of("smtp.port", "70000"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("smtp.port");
        assertThatThrownBy(() -> read(Map.of("smtp.max-message-size", "12"))).hasMessageContaining("smtp.max-message-size");
        assertThatThrownBy(() -> read(Map.of("smtp.error-soft-limit", "9", "smtp.error-hard-limit", "3")))
                .hasMessageContaining("smtp.error-soft-limit");
        assertThatThrownBy(() -> read(Map.of("smtp.timeout.command", "0s"))).hasMessageContaining("smtp.timeout.command");
        assertThatThrownBy(() -> read(Map.of("smtp.max-command-line", "100"))).hasMessageContaining("smtp.max-command-line");
    }

    @Test
    void aPortInUseIsExplainedInOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            SmtpConfig c = read(Map.of("bind.address", "127.0.0.1", "smtp.port", Integer.toString(taken.getLocalPort()),
                    "submission.port", "0", "smtps.port", "0"));
            SmtpServer server = new SmtpServer(c, new SmtpServices(null, null, TestSecurity.trustingClientContext(),
                    java.time.Clock.systemUTC()));
            assertThatThrownBy(server::start).isInstanceOf(ConfigException.class)
                    .hasMessageContaining("smtp.port " + taken.getLocalPort() + ": address already in use");
        }
    }
}
