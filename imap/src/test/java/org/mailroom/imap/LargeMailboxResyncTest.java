package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;
import org.mailroom.store.Flag;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.TestContent;
import org.mailroom.store.UidRange;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Issue 6: on a mailbox of 100,000 messages, a QRESYNC client that was in sync and comes back after 10
 * changes (6 flag changes, 4 expunges, made by another session) gets exactly those 10 changes in its
 * SELECT, and nothing else. The mailbox is filled through the store by copying it into itself (one
 * transaction per doubling, the content shared), so the test takes seconds, not minutes. How long
 * SELECT takes is for the benchmark; this test asserts only what is said.
 */
class LargeMailboxResyncTest {

    private static final int MESSAGES = 100_000;
    private static final Pattern UIDVALIDITY = Pattern.compile("\\* OK \\[UIDVALIDITY (\\d+)] .*");
    private static final Pattern HIGHESTMODSEQ = Pattern.compile("\\* OK \\[HIGHESTMODSEQ (\\d+)] .*");

    @TempDir
    Path dir;
    private ImapFixture fixture;
    private UserMailboxes other;
    private long inbox;

    @BeforeEach
    void fill() {
        fixture = new ImapFixture(dir, true, Duration.ofMillis(100));
        other = fixture.store.mailboxes().of(fixture.alice.id());
        inbox = other.find(MailboxName.INBOX).orElseThrow().id();
        for (int i = 0; i < 10; i++) {
            other.append(MailboxName.INBOX, TestContent.message("message " + i, "body " + i), Flags.NONE, Instant.now());
        }
        long count = 10;
        while (count < MESSAGES) {
            long take = Math.min(count, MESSAGES - count);
            other.copy(inbox, UidSet.of(new UidRange(1, take)), MailboxName.INBOX);
            count += take;
        }
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void aClientInSyncGetsExactlyTheTenChangesMadeWhileItWasAway() {
        long uidValidity;
        long modSeq;
        try (ImapTestClient away = fixture.client().login("alice@example.org")) {
            assertThat(away.tagged("a1", "ENABLE QRESYNC")).isEqualTo("a1 OK ENABLE completed");
            List<String> select = away.command("a2", "SELECT INBOX");
            assertThat(select).contains("* " + MESSAGES + " EXISTS", "* " + MESSAGES + " RECENT",
                    "* OK [UIDNEXT " + (MESSAGES + 1) + "] Predicted next UID");
            uidValidity = number(UIDVALIDITY, select);
            modSeq = number(HIGHESTMODSEQ, select);
            away.tagged("a3", "LOGOUT");
        }

        List<Long> flagged = List.of(10L, 5_000L, 33_333L, 50_000L, 77_777L, 100_000L);
        for (long uid : flagged) {
            other.setFlags(inbox, UidSet.of(UidRange.of(uid)), FlagUpdate.add(Flags.of(Flag.FLAGGED)), OptionalLong.empty());
        }
        List<Long> expunged = List.of(7L, 20_000L, 60_000L, 99_999L);
        other.setFlags(inbox, UidSet.ofUids(expunged), FlagUpdate.add(Flags.of(Flag.DELETED)), OptionalLong.empty());
        other.expunge(inbox, UidSet.ALL);
        long highest = other.find(MailboxName.INBOX).orElseThrow().highestModSeq();

        List<String> expected = new ArrayList<>(List.of(
                "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)",
                "* " + (MESSAGES - 4) + " EXISTS",
                "* 0 RECENT",
                "* OK [UNSEEN 1] First unseen",
                "* OK [UIDVALIDITY " + uidValidity + "] UIDs valid",
                "* OK [UIDNEXT " + (MESSAGES + 1) + "] Predicted next UID",
                "* OK [PERMANENTFLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft \\*)] Flags permitted",
                "* OK [HIGHESTMODSEQ " + highest + "] Highest",
                "* OK [MAILBOXID (" + org.mailroom.imap.fetch.ObjectIds.mailboxId(inbox) + ")] Ok",
                "* VANISHED (EARLIER) 7,20000,60000,99999"));
        for (MessageSummary m : other.messages(inbox, UidSet.ofUids(flagged))) {
            long seq = m.uid() - expunged.stream().filter(u -> u < m.uid()).count();
            assertThat(m.modSeq()).isGreaterThan(modSeq);
            expected.add("* " + seq + " FETCH (FLAGS (\\Flagged) UID " + m.uid() + " MODSEQ (" + m.modSeq() + "))");
        }
        expected.add("b2 OK [READ-WRITE] SELECT completed");

        try (ImapTestClient back = fixture.client().login("alice@example.org")) {
            assertThat(back.tagged("b1", "ENABLE QRESYNC")).isEqualTo("b1 OK ENABLE completed");
            List<String> resync = back.command("b2", "SELECT INBOX (QRESYNC (" + uidValidity + " " + modSeq + "))");
            assertThat(resync).containsExactlyElementsOf(expected);
            assertThat(resync).hasSize(10 + 6 + 1);
            back.tagged("b3", "LOGOUT");
        }
        assertThat(Set.copyOf(flagged)).hasSize(6);
    }

    private static long number(Pattern p, List<String> lines) {
        for (String l : lines) {
            Matcher m = p.matcher(l);
            if (m.matches()) {
                return Long.parseLong(m.group(1));
            }
        }
        throw new AssertionError("no " + p + " in " + lines);
    }
}
