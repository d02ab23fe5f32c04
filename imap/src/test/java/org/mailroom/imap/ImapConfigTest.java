package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;

class ImapConfigTest {

    private static ImapConfig read(Map<String, String> values) {
        Settings settings = new Settings(values, Path.of("/opt/mailroom"), "mailroom.properties");
        CoreConfig core = CoreConfig.from(new Settings(Map.of("hostname", "mail.example.org"), Path.of("/opt/mailroom"), "x"));
        ImapConfig c = ImapConfig.from(settings, core);
        settings.rejectUnknownKeys();
        return c;
    }

    @Test
    void defaultsAreTheStandardPortsAndThirtyMinutesOfIdle() {
        ImapConfig c = read(Map.of());
        assertThat(c.port()).isEqualTo(143);
        assertThat(c.tlsPort()).isEqualTo(993);
        assertThat(c.appendLimit()).isEqualTo(50L << 20);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.loginTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxConnectionsPerAddress()).isEqualTo(20);
        assertThat(c.errorSoftLimit()).isEqualTo(10);
        assertThat(c.errorHardLimit()).isEqualTo(30);
        assertThat(c.threads()).isEqualTo(16);
        assertThat(c.allowPlaintextAuth()).isFalse();
        assertThat(c.spoolDir()).isEqualTo(Path.of("/opt/mailroom/data/spool/imap"));
    }

    @Test
    void everyKeyIsReadAndPortZeroDisablesAListener() {
        ImapConfig c = read(Map.of("imap.port", "0", "imaps.port", "1993", "imap.append-limit", "10M",
                "imap.idle-timeout", "45m", "imap.login-timeout", "20s", "imap.max-connections-per-address", "5",
                "imap.error-soft-limit", "3", "imap.error-hard-limit", "9", "imap.threads", "4"));
        assertThat(c.port()).isZero();
        assertThat(c.tlsPort()).isEqualTo(1993);
        assertThat(c.appendLimit()).isEqualTo(10L << 20);
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofMinutes(45));
        assertThat(c.threads()).isEqualTo(4);
    }

    @Test
    void anAutologoutShorterThanThirtyMinutesIsRefused() {
        assertThatThrownBy(() -> read(Map.of("imap.idle-timeout", "10m")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("imap.idle-timeout");
    }

    @Test
    void aSoftLimitAboveTheHardLimitIsRefused() {
        assertThatThrownBy(() -> read(Map.of("imap.error-soft-limit", "50", "imap.error-hard-limit", "10")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("imap.error-soft-limit");
    }
}
