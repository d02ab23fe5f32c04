package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;

/** Python's imaplib against the server, over STARTTLS and over implicit TLS. */
class PythonImaplibInteropTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, false, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void imaplibWorksOverStarttls() throws Exception {
        String out = run(fixture.server.port(), "starttls");
        assertThat(out).contains("EXISTS 1", "SEARCH 1", "FETCH 1 (RFC822 {", "STORE 1 (FLAGS (\\Seen \\Flagged \\Deleted \\Recent))",
                "EXPUNGE [b'1']", "MOVE [None]", "INBOX 1", "UIDS 2",
                "STATUS \"Python/Moved\" (MESSAGES 1)", "DONE");
    }

    @Test
    void imaplibWorksOverImplicitTls() throws Exception {
        String out = run(fixture.server.tlsPort(), "ssl");
        assertThat(out).contains("EXISTS 1", "INBOX 1", "UIDS 2", "DONE");
    }

    private String run(int port, String mode) throws IOException, InterruptedException {
        Path script = dir.resolve("imaplib_client.py");
        try (var in = getClass().getResourceAsStream("/interop/imaplib_client.py")) {
            Files.copy(in, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(port), mode, "alice@example.org",
                ImapFixture.PASSWORD).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("imaplib finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
