package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;

/** Attacks on COMPRESS=DEFLATE (RFC 4978 §6): bad DEFLATE input, and input that inflates far beyond its size. */
class CompressSecurityTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, true, Duration.ofMillis(100));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private ImapTestClient compressed() {
        ImapTestClient c = fixture.client().login("alice@example.org");
        assertThat(c.tagged("c1", "COMPRESS DEFLATE")).isEqualTo("c1 OK DEFLATE active");
        return c;
    }

    @Test
    void inputThatIsNotDeflateClosesTheConnection() {
        try (ImapTestClient c = compressed()) {
            // A stored block whose length and its complement disagree: invalid DEFLATE.
            c.sendRaw(new byte[] {0x00, 0x05, 0x00, 0x05, 0x00, 'h', 'e', 'l', 'l', 'o'});
            assertThat(c.closedByServer()).isTrue();
        }
    }

    @Test
    void aLineThatInflatesBeyondTheLimitIsRefusedLikeAnyLongLine() {
        try (ImapTestClient c = compressed()) {
            c.compress();
            // 1 MB of one line, a few KB on the wire: the framer's line limit still applies after inflating.
            c.send("big NOOP " + "a".repeat(1 << 20));
            assertThat(c.line()).isEqualTo("big BAD [TOOBIG] Command line too long");
            assertThat(c.tagged("n1", "NOOP")).isEqualTo("n1 OK NOOP completed");
        }
    }
}
