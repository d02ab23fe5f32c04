package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;

/** METADATA values with NUL octets travel as literal8 both ways (RFC 5464 §5, RFC 3516). */
class MetadataBinaryTest {

    @TempDir
    Path dir;

    @Test
    void aValueWithNulAndEightBitOctetsComesBackAsLiteral8() {
        try (ImapFixture fixture = new ImapFixture(dir, true, Duration.ofMillis(100));
             ImapTestClient c = fixture.client().login("alice@example.org")) {
            c.sendRaw("a1 SETMETADATA \"\" (/private/bin ~{4+}\r\na\0\u00ffb)\r\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(c.until("a1")).containsExactly("a1 OK SETMETADATA completed");
            assertThat(c.command("a2", "GETMETADATA \"\" /private/bin")).containsExactly(
                    "* METADATA \"\" (/private/bin ~{4}",
                    "a\0\ufffdb)",
                    "a2 OK GETMETADATA completed");
        }
    }
}
