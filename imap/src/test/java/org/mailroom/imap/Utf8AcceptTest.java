package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.auth.Credentials;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;

/**
 * UTF8=ACCEPT (RFC 6855) beyond the transcript: UTF-8 passwords in LOGIN (quoted and literal) and
 * AUTHENTICATE, which RFC 6855 §5 allows once the capability is advertised, and Python's imaplib in
 * its UTF-8 mode.
 */
class Utf8AcceptTest {

    private static final String PASSWORD = "pässwörd-日本";

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, true, Duration.ofMillis(100));
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);
        Credentials c = Credentials.fromPassword(PASSWORD.toCharArray(), hasher);
        fixture.store.admin().addAccount(EmailAddress.parse("carol@example.org"), c.passwordHash(),
                c.scramVerifier(), Quota.UNLIMITED);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void loginTakesAUtf8PasswordQuoted() {
        try (ImapTestClient c = fixture.client()) {
            c.line();
            assertThat(c.tagged("a1", "LOGIN carol@example.org \"" + PASSWORD + "\"")).startsWith("a1 OK ");
        }
    }

    @Test
    void loginTakesAUtf8PasswordAsALiteral() {
        try (ImapTestClient c = fixture.client()) {
            c.line();
            int octets = PASSWORD.getBytes(StandardCharsets.UTF_8).length;
            c.sendRaw(("a1 LOGIN carol@example.org {" + octets + "+}\r\n" + PASSWORD + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(c.until("a1")).last().asString().startsWith("a1 OK ");
        }
    }

    @Test
    void authenticatePlainTakesAUtf8Password() {
        try (ImapTestClient c = fixture.client()) {
            c.line();
            String plain = Base64.getEncoder().encodeToString(("\0carol@example.org\0" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(c.tagged("a1", "AUTHENTICATE PLAIN " + plain)).startsWith("a1 OK ");
        }
    }

    @Test
    void aWrongUtf8PasswordFails() {
        try (ImapTestClient c = fixture.client()) {
            c.line();
            assertThat(c.tagged("a1", "LOGIN carol@example.org \"passwörd\""))
                    .isEqualTo("a1 NO [AUTHENTICATIONFAILED] Authentication failed");
        }
    }

    @Test
    void pythonImaplibInUtf8ModeCreatesListsSelectsAndRenames() throws Exception {
        Path script = dir.resolve("imaplib_utf8.py");
        try (var in = getClass().getResourceAsStream("/interop/imaplib_utf8.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(fixture.server.port()),
                "alice@example.org", ImapFixture.PASSWORD).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("imaplib finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("ENABLED [b'UTF8=ACCEPT']",
                "LIST (\\HasChildren) \"/\" \"Grüße\"",
                "LIST (\\HasNoChildren) \"/\" \"Grüße/日本\"",
                "STATUS \"Grüße/日本\" (MESSAGES 0)",
                "EXISTS 0",
                "RENAMED ['(\\\\HasNoChildren) \"/\" \"Grüße/中文\"']",
                "DONE");
    }
}
