package org.mailroom.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoreConfigTest {

    @TempDir
    Path home;

    private Settings settings(Map<String, String> values) {
        return new Settings(values, home, "mailroom.properties");
    }

    @Test
    void defaultsAreSafeAndRelativeToTheInstallation() {
        CoreConfig c = CoreConfig.from(settings(Map.of("hostname", "Mail.Example.ORG")));
        assertThat(c.hostname()).isEqualTo("mail.example.org");
        assertThat(c.bindAddress().getHostAddress()).isEqualTo("0.0.0.0");
        assertThat(c.dataDir()).isEqualTo(home.resolve("data"));
        assertThat(c.adminPort()).isEqualTo(1527);
        assertThat(c.tlsCertificate()).isEmpty();
        assertThat(c.tlsPrivateKey()).isEmpty();
        assertThat(c.allowPlaintextAuth()).isFalse();
        assertThat(c.subaddressSeparator()).contains('+');
    }

    @Test
    void everyKeyIsReadSoNoneIsReportedUnknown() throws IOException {
        Path cert = Files.writeString(home.resolve("cert.pem"), "x");
        Path key = Files.writeString(home.resolve("key.pem"), "x");
        Settings s = settings(Map.of("hostname", "mx.example.org", "bind.address", "127.0.0.1",
                "data.dir", "/var/lib/mailroom", "admin.port", "15270", "tls.certificate", cert.toString(),
                "tls.private-key", "key.pem", "auth.allow-plaintext", "yes", "recipient.delimiter", "-"));
        CoreConfig c = CoreConfig.from(s);
        s.rejectUnknownKeys();
        assertThat(c.bindAddress()).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(c.dataDir()).isEqualTo(Path.of("/var/lib/mailroom"));
        assertThat(c.adminPort()).isEqualTo(15270);
        assertThat(c.tlsCertificate()).contains(cert);
        assertThat(c.tlsPrivateKey()).contains(key);
        assertThat(c.allowPlaintextAuth()).isTrue();
        assertThat(c.subaddressSeparator()).contains('-');
    }

    @Test
    void anEmptyDelimiterTurnsSubaddressingOff() {
        CoreConfig c = CoreConfig.from(settings(Map.of("hostname", "h.example", "recipient.delimiter", "")));
        assertThat(c.subaddressSeparator()).isEqualTo(Optional.empty());
    }

    @Test
    void aDelimiterThatIsNoSeparatorIsRefused() {
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "h.example", "recipient.delimiter", "."))))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("mailroom.properties: recipient.delimiter: must be one of the characters");
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "h.example", "recipient.delimiter", "+-"))))
                .hasMessageContaining("recipient.delimiter");
    }

    @Test
    void aCertificateWithoutItsKeyIsRefused() throws IOException {
        Files.writeString(home.resolve("cert.pem"), "x");
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "h.example", "tls.certificate", "cert.pem"))))
                .hasMessage("mailroom.properties: tls.private-key: must be set too when tls.certificate is set");
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "h.example",
                "tls.certificate", "missing.pem", "tls.private-key", "key.pem"))))
                .hasMessage("mailroom.properties: tls.certificate: file not found or not readable: "
                        + home.resolve("missing.pem"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "not a name"))))
                .hasMessageStartingWith("mailroom.properties: hostname: not a host name");
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "192.0.2.1"))))
                .hasMessageStartingWith("mailroom.properties: hostname: not a host name");
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "h.example", "bind.address", "eth0"))))
                .hasMessageStartingWith("mailroom.properties: bind.address: must be an IP address");
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "h.example", "admin.port", "70000"))))
                .hasMessage("mailroom.properties: admin.port: a port must be between 0 (disabled) and 65535, not 70000");
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "h.example", "auth.allow-plaintext", "maybe"))))
                .hasMessage("mailroom.properties: auth.allow-plaintext: must be true or false, not 'maybe'");
    }

    @Test
    void aDataDirThatIsAFileIsRefused() throws IOException {
        Files.writeString(home.resolve("data"), "x");
        assertThatThrownBy(() -> CoreConfig.from(settings(Map.of("hostname", "h.example"))))
                .hasMessage("mailroom.properties: data.dir: not a directory: " + home.resolve("data"));
    }

    @Test
    void withoutAHostnameTheMachineNameIsUsed() {
        Optional<String> machine = CoreConfig.machineName();
        if (machine.isPresent()) {
            assertThat(CoreConfig.from(settings(Map.of())).hostname()).isEqualTo(machine.get());
        } else {
            assertThatThrownBy(() -> CoreConfig.from(settings(Map.of()))).hasMessageContaining("hostname: not set");
        }
    }

    @Test
    void hostNamesAreNamesNotAddresses() {
        assertThat(CoreConfig.isHostName("mail.example.org")).isTrue();
        assertThat(CoreConfig.isHostName("localhost")).isTrue();
        assertThat(CoreConfig.isHostName("mail.example.org.")).isTrue();
        assertThat(CoreConfig.isHostName("10.0.0.1")).isFalse();
        assertThat(CoreConfig.isHostName("fe80::1")).isFalse();
        assertThat(CoreConfig.isHostName("[10.0.0.1]")).isFalse();
        assertThat(CoreConfig.isHostName("-bad.example")).isFalse();
    }
}
