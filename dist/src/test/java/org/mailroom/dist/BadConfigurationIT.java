package org.mailroom.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.dist.Installation.Result;

/**
 * A configuration the server cannot use stops {@code bin/mailroom start} with one line naming the key,
 * a non-zero exit, and nothing created: no data directory, no database, no pid file.
 */
class BadConfigurationIT {

    @TempDir
    static Path dir;

    private static Installation mailroom;

    @BeforeAll
    static void unpack() {
        mailroom = Installation.unpack(dir);
    }

    private static Result startWith(String name, String... extra) {
        Path config = mailroom.writeConfig(name + ".properties", "data-" + name, extra);
        return mailroom.bin("mailroom", "start", "--config", config.toString());
    }

    private static void assertRefusedInOneLine(Result r, String name, String... expected) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.stdout()).as(r.toString()).isEmpty();
        assertThat(r.stderrLines()).as(r.toString()).hasSize(1);
        assertThat(r.stderrLines().get(0)).startsWith("mailroom: ").contains(expected);
        assertThat(mailroom.path("data-" + name)).as("nothing half-written").doesNotExist();
        assertThat(mailroom.bin("mailroom", "status", "--config",
                mailroom.path("conf/" + name + ".properties").toString()).exit()).isEqualTo(3);
    }

    @Test
    void anUnknownKeyIsNamed() {
        Result r = startWith("unknown", "smtp.prot = 2525");
        assertRefusedInOneLine(r, "unknown", "smtp.prot: unknown key");
    }

    @Test
    void aPortThatIsNotAPortIsNamed() {
        Result r = startWith("badport", "admin.port = 70000");
        assertRefusedInOneLine(r, "badport", "admin.port: a port must be between 0 (disabled) and 65535, not 70000");
    }

    @Test
    void aPortThatIsNotANumberIsNamed() {
        Result r = startWith("notanumber", "admin.port = smtp");
        assertRefusedInOneLine(r, "notanumber", "admin.port: not a port number: 'smtp'");
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        Result r = startWith("nocert", "tls.certificate = conf/missing.pem", "tls.private-key = conf/missing.key");
        assertRefusedInOneLine(r, "nocert", "tls.certificate: file not found or not readable: "
                + mailroom.path("conf/missing.pem"));
    }

    @Test
    void aTakenPortIsNamedWithTheWayOut() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Result r = startWith("taken", "admin.port = " + port);
            assertRefusedInOneLine(r, "taken", "admin.port " + port + ": address already in use",
                    "choose another port");
        }
    }

    @Test
    void aTakenListenerPortIsNamedWithTheWayOut() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();
            Result r = startWith("takenimap", "imaps.port = " + port);
            assertRefusedInOneLine(r, "takenimap", "imaps.port " + port + ": address already in use");
        }
    }

    @Test
    void twoListenersOnOnePortAreNamed() {
        Result r = startWith("twice", "pop3.port = 40110", "imap.port = 40110");
        assertRefusedInOneLine(r, "twice", "port 40110 is already used by pop3.port");
    }

    @Test
    void aBadProtocolValueIsNamed() {
        Result r = startWith("badsize", "smtp.max-message-size = huge");
        assertRefusedInOneLine(r, "badsize", "smtp.max-message-size: not a size");
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        Result r = mailroom.bin("mailroom", "start", "--config", mailroom.path("conf/nowhere.properties").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(6);
        assertThat(r.stderrLines()).containsExactly(
                "mailroom: " + mailroom.path("conf/nowhere.properties") + ": configuration file not found");
    }

    @Test
    void javaOlderThan17IsRefusedInOneLine() throws IOException {
        Path config = mailroom.writeConfig("oldjava.properties", "data-oldjava");
        for (String version : new String[] {"11.0.21", "1.8.0_402"}) {
            Path oldJava = dir.resolve("jdk-" + version + "/bin/java");
            Files.createDirectories(oldJava.getParent());
            Files.writeString(oldJava, "#!/bin/sh\necho 'openjdk version \"" + version + "\" 2023-10-17' >&2\n");
            Files.setPosixFilePermissions(oldJava, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String command : new String[] {"mailroom", "mailroom-admin"}) {
                Result r = mailroom.binWithInput(null, Map.of("JAVA_HOME", oldJava.getParent().getParent().toString()),
                        command, command.equals("mailroom") ? "start" : "--help", "--config", config.toString());
                assertThat(r.exit()).as(r.toString()).isNotZero();
                assertThat(r.stderrLines()).as(r.toString()).hasSize(1);
                assertThat(r.stderrLines().get(0)).contains("Java 17 or later is needed", version);
            }
        }
        assertThat(mailroom.path("data-oldjava")).doesNotExist();
    }
}
