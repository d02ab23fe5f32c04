package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The contract of {@link MaildropStore}: a locked snapshot of INBOX (RFC 1939). */
public abstract class MaildropStoreContract extends StoreContract {

    private static void assertError(Runnable r, StoreError error) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    @Test
    void aMaildropIsASnapshotOfInboxInUidOrder() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        deliver(a, "two");
        append(a, "Sent", "not in the maildrop", Flags.NONE);
        try (Maildrop drop = store.maildrops().open(a.id())) {
            assertThat(drop.uidValidity()).isEqualTo(boxes(a).find(MailboxName.INBOX).orElseThrow().uidValidity());
            assertThat(drop.messages()).extracting(Maildrop.MaildropMessage::uid).containsExactly(1L, 2L);
            deliver(a, "three");
            assertThat(drop.messages()).hasSize(2);
            String text = read(drop.open(2));
            assertThat(text).contains("Subject: two");
            assertThat((long) text.length()).isEqualTo(drop.messages().get(1).size());
        }
    }

    @Test
    void aSecondMaildropOfTheSameAccountIsInUseUntilTheFirstCloses() {
        Account a = user("alice@example.org");
        Account b = user("bob@example.org");
        Maildrop first = store.maildrops().open(a.id());
        assertError(() -> store.maildrops().open(a.id()), StoreError.IN_USE);
        store.maildrops().open(b.id()).close();
        first.close();
        store.maildrops().open(a.id()).close();
    }

    @Test
    void closingWithoutCommitChangesNothing() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        store.maildrops().open(a.id()).close();
        assertThat(boxes(a).messages(mailboxId(a, "INBOX"), UidSet.ALL)).hasSize(1);
    }

    @Test
    void commitDeletionsRemovesTheMessagesAndReleasesTheLock() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        deliver(a, "two");
        deliver(a, "three");
        long inbox = mailboxId(a, "INBOX");
        events.clear();
        Maildrop drop = store.maildrops().open(a.id());
        drop.commitDeletions(List.of(3L, 1L));
        long modSeq = boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq();
        assertThat(boxes(a).messages(inbox, UidSet.ALL)).extracting(MessageSummary::uid).containsExactly(2L);
        assertThat(events).containsExactly(new MailboxEvent.MessagesExpunged(a.id(), inbox, List.of(1L, 3L), modSeq));
        assertThat(boxes(a).usage().messages()).isEqualTo(1);
        store.maildrops().open(a.id()).close();
    }

    @Test
    void aMessageExpungedMeanwhileIsReportedAsSuch() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        deliver(a, "two");
        long inbox = mailboxId(a, "INBOX");
        try (Maildrop drop = store.maildrops().open(a.id())) {
            boxes(a).setFlags(inbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.DELETED)), OptionalLong.empty());
            boxes(a).expunge(inbox, UidSet.of(UidRange.of(1)));
            assertError(() -> drop.open(1), StoreError.EXPUNGED);
            drop.commitDeletions(List.of(1L, 2L));
        }
        assertThat(boxes(a).messages(inbox, UidSet.ALL)).isEmpty();
        assertThat(boxes(a).expungedSince(inbox, 0)).containsExactly(1L, 2L);
    }

    @Test
    void anUnknownAccountHasNoMaildrop() {
        assertError(() -> store.maildrops().open(999_999), StoreError.NOT_FOUND);
        assertError(() -> store.maildrops().open(999_999), StoreError.NOT_FOUND);
    }
}
