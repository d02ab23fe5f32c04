package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailroom.store.QueuedRecipient;
import org.mailroom.store.QueuedRecipient.DsnNotify;
import org.mailroom.store.TestContent;

class QueueCommandsTest extends AdminTestBase {

    private static final Instant QUEUED = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant LATER = Instant.parse("2026-12-04T13:30:00Z");

    private long enqueue(String from, String to, String message) {
        QueuedRecipient r = QueuedRecipient.plain(Optional.ofNullable(from).map(AdminTestBase::addr), addr(to));
        return store.queue().enqueue(TestContent.of(message), List.of(r), QUEUED).get(0);
    }

    @Test
    void anEmptyQueueListsNothing() {
        assertThat(ok("queue list")).isEmpty();
    }

    @Test
    void queueListShowsOneRecipientPerLineOldestFirst() {
        long a = enqueue("alice@example.org", "bob@remote.example", "Subject: hi\r\n\r\nbody\r\n");
        long b = enqueue(null, "carol@remote.example", "Subject: bounce\r\n\r\n" + "x".repeat(2000) + "\r\n");
        store.queue().deferred(b, "451 4.4.1 no answer", LATER);
        assertThat(ok("queue list")).isEqualTo(String.format("""
                ID  SIZE        ATTEMPTS  NEXT ATTEMPT             FROM -> TO
                %-2d  21 B        0         2026-12-04 10:00:00 UTC  alice@example.org -> bob@remote.example
                %-2d  2.0 KiB     1         2026-12-04 13:30:00 UTC  <> -> carol@remote.example
                """, a, b));
    }

    @Test
    void queueShowPrintsTheEntryAndTheHeaderButNotTheBody() {
        QueuedRecipient r = new QueuedRecipient(Optional.of(addr("alice@example.org")), addr("bob@remote.example"),
                Set.of(DsnNotify.SUCCESS, DsnNotify.FAILURE), Optional.of("rfc822;bob@remote.example"),
                Optional.of("ENV1"), true);
        long id = store.queue().enqueue(TestContent.of("From: alice@example.org\r\nSubject: Hello\r\n\tthere\r\n"
                + "X-Evil: a\u001b[2Jb\r\n\r\nSECRET BODY\r\n"), List.of(r), QUEUED).get(0);
        store.queue().deferred(id, "451 4.4.1 no answer", LATER);
        assertThat(ok("queue show " + id)).isEqualTo("""
                id:            %d
                from:          alice@example.org
                to:            bob@remote.example
                size:          80 B
                queued:        2026-12-04 10:00:00 UTC
                attempts:      1
                next attempt:  2026-12-04 13:30:00 UTC
                last error:    451 4.4.1 no answer
                dsn:           NOTIFY=FAILURE,SUCCESS RET=HDRS ENVID=ENV1 ORCPT=rfc822;bob@remote.example
                header:
                  From: alice@example.org
                  Subject: Hello
                  \tthere
                  X-Evil: a?[2Jb
                """.formatted(id));
        assertFails(run("queue show 999999"), 1, "queue entry 999999 does not exist");
        assertUsage(run("queue show x"), "'x' is not a queue entry id (a number that 'queue list' shows)");
        assertUsage(run("queue delete -3"), "'-3' is not a queue entry id");
    }

    @Test
    void queueRetryMakesOneOrAllEntriesDueNow() {
        long a = enqueue("alice@example.org", "bob@remote.example", "Subject: a\r\n\r\n.\r\n");
        long b = enqueue("alice@example.org", "carol@remote.example", "Subject: b\r\n\r\n.\r\n");
        store.queue().deferred(a, "451 later", LATER);
        store.queue().deferred(b, "451 later", LATER);
        assertThat(store.queue().due(AdminRunner.NOW, 10)).isEmpty();

        assertThat(ok("queue retry " + a)).isEqualTo("1 entry due for delivery now\n");
        assertThat(store.queue().due(AdminRunner.NOW, 10)).extracting(e -> e.id()).containsExactly(a);
        assertThat(ok("queue retry all")).isEqualTo("2 entries due for delivery now\n");
        assertThat(store.queue().due(AdminRunner.NOW, 10)).hasSize(2);

        assertFails(run("queue retry 999999"), 1, "queue entry 999999 does not exist");
        assertUsage(run("queue retry soon"), "'soon' is neither a queue entry id nor all");
    }

    @Test
    void queueDeleteRemovesTheEntryWithoutABounce() {
        long a = enqueue("alice@example.org", "bob@remote.example", "Subject: a\r\n\r\n.\r\n");
        long b = enqueue("alice@example.org", "carol@remote.example", "Subject: b\r\n\r\n.\r\n");
        assertThat(ok("queue delete " + a))
                .isEqualTo("deleted queue entry " + a + " (alice@example.org -> bob@remote.example)\n");
        assertThat(store.queue().list()).extracting(e -> e.id()).containsExactly(b);
        Snapshot before = snapshot();
        assertFails(run("queue delete " + a), 1, "queue entry " + a + " does not exist");
        assertThat(snapshot()).isEqualTo(before);
        assertThat(store.queue().due(AdminRunner.NOW.plus(Duration.ofDays(1)), 10)).hasSize(1);
    }
}
