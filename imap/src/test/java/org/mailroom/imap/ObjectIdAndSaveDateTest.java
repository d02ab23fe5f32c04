package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;

/**
 * The invariants of RFC 8474 and RFC 8514 that need values compared across commands: EMAILID follows a
 * message through COPY and MOVE and SEARCH EMAILID finds it; MAILBOXID survives RENAME and is new for a
 * mailbox created again; a copy's SAVEDATE is its own while the original's stays.
 */
class ObjectIdAndSaveDateTest {

    @TempDir
    Path dir;

    private static String item(List<String> lines, String regex) {
        Matcher m = Pattern.compile(regex).matcher(String.join("\n", lines));
        assertThat(m.find()).as("%s in %s", regex, lines).isTrue();
        return m.group(1);
    }

    @Test
    void emailIdFollowsCopyAndMoveAndIsSearchable() {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50));
             ImapTestClient c = f.client()) {
            f.deliver("alice@example.org", ImapFixture.corpus("01-plain.eml"));
            f.deliver("alice@example.org", ImapFixture.corpus("04-alternative.eml"));
            c.login("alice@example.org");
            c.command("a1", "SELECT INBOX");
            String first = item(c.command("a2", "FETCH 1 EMAILID"), "EMAILID \\((M\\d+)\\)");
            String second = item(c.command("a3", "FETCH 2 EMAILID"), "EMAILID \\((M\\d+)\\)");
            assertThat(first).isNotEqualTo(second);
            assertThat(c.command("a4", "SEARCH EMAILID " + second)).contains("* SEARCH 2");
            assertThat(c.command("a5", "SEARCH OR EMAILID " + first + " EMAILID " + second)).contains("* SEARCH 1 2");
            c.command("a6", "COPY 1 Archive");
            c.command("a7", "MOVE 2 Archive");
            c.command("a8", "SELECT Archive");
            assertThat(item(c.command("a9", "UID FETCH 1 EMAILID"), "EMAILID \\((M\\d+)\\)")).isEqualTo(first);
            assertThat(item(c.command("b1", "UID FETCH 2 EMAILID"), "EMAILID \\((M\\d+)\\)")).isEqualTo(second);
        }
    }

    @Test
    void mailboxIdSurvivesRenameAndIsNewForAMailboxCreatedAgain() {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50));
             ImapTestClient c = f.client()) {
            c.login("alice@example.org");
            String created = item(c.command("a1", "CREATE Work"), "MAILBOXID \\((F\\d+)\\)");
            c.command("a2", "RENAME Work Office");
            assertThat(item(c.command("a3", "STATUS Office (MAILBOXID)"), "MAILBOXID \\((F\\d+)\\)")).isEqualTo(created);
            assertThat(item(c.command("a4", "EXAMINE Office"), "MAILBOXID \\((F\\d+)\\)")).isEqualTo(created);
            c.command("a5", "UNSELECT");
            c.command("a6", "DELETE Office");
            assertThat(item(c.command("a7", "CREATE Office"), "MAILBOXID \\((F\\d+)\\)")).isNotEqualTo(created);
            assertThat(item(c.command("a8", "STATUS INBOX (MAILBOXID)"), "MAILBOXID \\((F\\d+)\\)"))
                    .isNotEqualTo(created);
        }
    }

    @Test
    void aDeliveryIsSavedAtItsInternalDateAndACopyGetsItsOwnSaveDate() throws Exception {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50));
             ImapTestClient c = f.client()) {
            f.deliver("alice@example.org", ImapFixture.corpus("01-plain.eml"));
            c.login("alice@example.org");
            c.command("a1", "SELECT INBOX");
            List<String> r = c.command("a2", "FETCH 1 (INTERNALDATE SAVEDATE)");
            String internal = item(r, "INTERNALDATE \"([^\"]+)\"");
            assertThat(item(r, "SAVEDATE \"([^\"]+)\"")).isEqualTo(internal);
            Thread.sleep(1100);
            c.command("a3", "COPY 1 Archive");
            assertThat(item(c.command("a4", "FETCH 1 SAVEDATE"), "SAVEDATE \"([^\"]+)\"")).isEqualTo(internal);
            c.command("a5", "SELECT Archive");
            List<String> copy = c.command("a6", "FETCH 1 (INTERNALDATE SAVEDATE)");
            assertThat(item(copy, "INTERNALDATE \"([^\"]+)\"")).isEqualTo(internal);
            assertThat(item(copy, "SAVEDATE \"([^\"]+)\"")).isNotEqualTo(internal);
        }
    }
}
