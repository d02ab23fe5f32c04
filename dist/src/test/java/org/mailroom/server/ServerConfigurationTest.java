package org.mailroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.config.ConfigException;

/** The whole configuration is checked before anything is created; every failure names its key. */
class ServerConfigurationTest {

    @TempDir
    Path dir;

    private Path config(String... lines) throws IOException {
        Path file = dir.resolve("mailroom.properties");
        Files.writeString(file, "hostname = mail.example.test\nbind.address = 127.0.0.1\n"
                + "admin.port = 0\nsmtp.port = 0\nsubmission.port = 0\nsmtps.port = 0\npop3.port = 0\n"
                + "pop3s.port = 0\nimap.port = 0\nimaps.port = 0\n" + String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void theShippedConfigurationIsValidAndEveryKeyInItIsKnown() {
        Path shipped = Path.of("src/main/dist/conf/mailroom.properties");
        // The shipped ports are the standard ones; the check of free ports is not what this test is about.
        ServerConfiguration c = ServerConfiguration.loadWithoutPortCheck(shipped, dir);
        assertThat(c.core().adminPort()).isEqualTo(1527);
        assertThat(c.protocols()).hasSize(3);
        assertThat(c.configuredTls()).isEmpty();
    }

    @Test
    void aProtocolKeyIsReadByItsModule() throws IOException {
        ServerConfiguration c = ServerConfiguration.load(config("smtp.max-message-size = 10M", "imap.threads = 4"), dir);
        assertThat(c.protocols()).hasSize(3);
    }

    @Test
    void anUnknownKeyIsNamed() throws IOException {
        assertThatThrownBy(() -> ServerConfiguration.load(config("imap.prot = 143"), dir))
                .isInstanceOf(ConfigException.class).hasMessageEndingWith("imap.prot: unknown key");
    }

    @Test
    void twoListenersOnOnePortAreNamed() throws IOException {
        assertThatThrownBy(() -> ServerConfiguration.load(config("smtp.port = 40025", "pop3.port = 40025"), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("pop3.port: port 40025 is already used by smtp.port");
    }

    @Test
    void aTakenPortIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> ServerConfiguration.load(config("imaps.port = " + port), dir))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("imaps.port " + port + ": address already in use");
        }
    }

    @Test
    void checkingCreatesNothing() throws IOException {
        ServerConfiguration.load(config(), dir);
        try (var files = Files.list(dir)) {
            assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("mailroom.properties");
        }
    }
}
