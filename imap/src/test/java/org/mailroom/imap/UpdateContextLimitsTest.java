package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;

/** When updating contexts are refused with NOUPDATE (RFC 5267 §4.3.1) while the search itself is answered. */
class UpdateContextLimitsTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, true, Duration.ofMillis(100));
        fixture.deliver("alice@example.org", ImapFixture.corpus("order/01-meeting.eml"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void pastEightContextsUpdatesAreRefusedButResultsGiven() {
        try (ImapTestClient c = fixture.client().login("alice@example.org")) {
            c.command("s", "SELECT INBOX");
            for (int i = 1; i <= 8; i++) {
                assertThat(c.command("u" + i, "UID SEARCH RETURN (UPDATE) ALL"))
                        .containsExactly("* ESEARCH (TAG \"u" + i + "\") UID ALL 1", "u" + i + " OK UID SEARCH completed");
            }
            assertThat(c.command("u9", "UID SORT RETURN (UPDATE COUNT) (DATE) UTF-8 ALL")).containsExactly(
                    "* NO [NOUPDATE \"u9\"] Too many contexts", "* ESEARCH (TAG \"u9\") UID COUNT 1",
                    "u9 OK UID SORT completed");
            assertThat(c.tagged("c1", "CANCELUPDATE \"u1\" \"u2\"")).isEqualTo("c1 OK CANCELUPDATE completed");
            assertThat(c.command("u10", "UID SEARCH RETURN (UPDATE COUNT) ALL"))
                    .containsExactly("* ESEARCH (TAG \"u10\") UID COUNT 1", "u10 OK UID SEARCH completed");
        }
    }

    @Test
    void contextsEndWhenTheMailboxIsClosedOrChanged() {
        try (ImapTestClient c = fixture.client().login("alice@example.org")) {
            c.command("s", "SELECT INBOX");
            c.command("u1", "UID SEARCH RETURN (UPDATE) ALL");
            c.command("s2", "SELECT INBOX");
            assertThat(c.tagged("c1", "CANCELUPDATE \"u1\"")).isEqualTo("c1 NO No update context has that tag");
            assertThat(c.command("u1", "UID SEARCH RETURN (UPDATE) ALL")).endsWith("u1 OK UID SEARCH completed");
        }
    }

    @Test
    void withQresyncSequenceNumberContextsAreRefused() {
        try (ImapTestClient c = fixture.client().login("alice@example.org")) {
            assertThat(c.tagged("e", "ENABLE QRESYNC")).startsWith("e OK");
            c.command("s", "SELECT INBOX");
            List<String> lines = c.command("a", "SEARCH RETURN (UPDATE) ALL");
            assertThat(lines).containsExactly("* NO [NOUPDATE \"a\"] With QRESYNC, updates are kept for UID SEARCH "
                    + "and UID SORT only", "* ESEARCH (TAG \"a\") ALL 1", "a OK SEARCH completed");
            assertThat(c.command("b", "UID SEARCH RETURN (UPDATE) ALL"))
                    .containsExactly("* ESEARCH (TAG \"b\") UID ALL 1", "b OK UID SEARCH completed");
        }
    }
}
