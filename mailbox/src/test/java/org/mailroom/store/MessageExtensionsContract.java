package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of the store's additions for IMAP's message extensions: multiple append (RFC 3502),
 * content identity shared by copies (RFC 8474 EMAILID) and save dates (RFC 8514).
 */
public abstract class MessageExtensionsContract extends StoreContract {

    private static void assertError(Runnable r, StoreError error) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static UserMailboxes.NewMessage draft(String subject, Flags flags, Instant date) {
        return new UserMailboxes.NewMessage(TestContent.message(subject, "text of " + subject), flags, date);
    }

    @Test
    void appendAllStoresEveryMessageInOrderWithConsecutiveUids() {
        Account a = user("alice@example.org");
        append(a, "Drafts", "first", Flags.NONE);
        Instant later = T0.plusSeconds(60);
        UserMailboxes.AppendedAll r = boxes(a).appendAll(MailboxName.of("Drafts"), List.of(
                draft("one", Flags.of(Flag.SEEN), T0), draft("two", new Flags(Set.of(), Set.of("Work")), later),
                draft("three", Flags.NONE, T0)));
        MailboxInfo drafts = boxes(a).find(MailboxName.of("Drafts")).orElseThrow();
        assertThat(r).isEqualTo(new UserMailboxes.AppendedAll(drafts.uidValidity(), List.of(2L, 3L, 4L)));
        List<MessageSummary> stored = boxes(a).messages(drafts.id(), UidSet.ALL);
        assertThat(stored).extracting(MessageSummary::uid).containsExactly(1L, 2L, 3L, 4L);
        assertThat(stored.get(1).flags()).isEqualTo(Flags.of(Flag.SEEN));
        assertThat(stored.get(2).flags().keywords()).containsExactly("Work");
        assertThat(stored.get(2).internalDate()).isEqualTo(later);
        assertThat(read(boxes(a).openContent(drafts.id(), 3))).isEqualTo(
                new String(TestContent.message("two", "text of two").bytes()));
        assertThat(stored.get(1).modSeq()).isEqualTo(stored.get(3).modSeq());
        assertThat(drafts.uidNext()).isEqualTo(5);
        assertThat(events).contains(new MailboxEvent.MessagesAdded(a.id(), drafts.id(), List.of(2L, 3L, 4L)));
    }

    @Test
    void appendAllOverQuotaOnTheThirdMessageStoresNone() {
        Account a = user("alice@example.org", new Quota(0, 3));
        append(a, "INBOX", "already there", Flags.NONE);
        QuotaUsage before = boxes(a).usage();
        MailboxInfo inbox = boxes(a).find(MailboxName.INBOX).orElseThrow();
        events.clear();
        assertError(() -> boxes(a).appendAll(MailboxName.INBOX, List.of(draft("one", Flags.NONE, T0),
                draft("two", Flags.NONE, T0), draft("three", Flags.NONE, T0))), StoreError.OVER_QUOTA);
        assertThat(boxes(a).usage()).isEqualTo(before);
        MailboxInfo after = boxes(a).find(MailboxName.INBOX).orElseThrow();
        assertThat(after.messages()).isEqualTo(1);
        assertThat(after.uidNext()).isEqualTo(inbox.uidNext());
        assertThat(after.highestModSeq()).isEqualTo(inbox.highestModSeq());
        assertThat(events).isEmpty();
    }

    @Test
    void appendAllToAMissingMailboxIsNotFoundAndChargesNothing() {
        Account a = user("alice@example.org");
        assertError(() -> boxes(a).appendAll(MailboxName.of("Nowhere"), List.of(draft("one", Flags.NONE, T0),
                draft("two", Flags.NONE, T0))), StoreError.NOT_FOUND);
        assertThat(boxes(a).usage()).isEqualTo(new QuotaUsage(0, 0));
    }

    @Test
    void aDeliveredMessageWasSavedAtItsInternalDate() {
        Account a = user("alice@example.org");
        deliver(a, "delivered");
        long inbox = mailboxId(a, "INBOX");
        UserMailboxes.MessageIdentity id = boxes(a).identities(inbox, UidSet.ALL).get(0);
        assertThat(id.uid()).isEqualTo(1);
        assertThat(id.saveDate()).isEqualTo(T0);
    }

    @Test
    void appendCopyAndMoveSaveNowAndCopiesShareTheContent() {
        Account a = user("alice@example.org");
        Instant before = Instant.now().minusMillis(1);
        boxes(a).appendAll(MailboxName.INBOX, List.of(draft("one", Flags.NONE, T0), draft("two", Flags.NONE, T0)));
        Instant afterAppend = Instant.now().plusMillis(1);
        long inbox = mailboxId(a, "INBOX");
        List<UserMailboxes.MessageIdentity> appended = boxes(a).identities(inbox, UidSet.ALL);
        assertThat(appended).extracting(UserMailboxes.MessageIdentity::uid).containsExactly(1L, 2L);
        assertThat(appended.get(0).contentId()).isNotEqualTo(appended.get(1).contentId());
        assertThat(appended).allSatisfy(m -> assertThat(m.saveDate()).isBetween(before, afterAppend));
        assertThat(boxes(a).messages(inbox, UidSet.ALL).get(0).internalDate()).isEqualTo(T0);

        boxes(a).copy(inbox, UidSet.of(new UidRange(1, 1)), MailboxName.of("Archive"));
        boxes(a).move(inbox, UidSet.of(new UidRange(2, 2)), MailboxName.of("Archive"));
        List<UserMailboxes.MessageIdentity> archived = boxes(a).identities(mailboxId(a, "Archive"), UidSet.ALL);
        assertThat(archived).extracting(UserMailboxes.MessageIdentity::contentId)
                .containsExactly(appended.get(0).contentId(), appended.get(1).contentId());
        assertThat(archived).allSatisfy(m -> assertThat(m.saveDate()).isAfterOrEqualTo(appended.get(1).saveDate()));
        assertThat(boxes(a).identities(inbox, UidSet.ALL)).containsExactly(appended.get(0));
    }

    @Test
    void identitiesOfAnotherAccountsMailboxAreNotFound() {
        Account a = user("alice@example.org");
        Account b = user("bob@example.org");
        long aliceInbox = mailboxId(a, "INBOX");
        assertError(() -> boxes(b).identities(aliceInbox, UidSet.ALL), StoreError.NOT_FOUND);
    }

    @Test
    void replaceAppendsAndExpungesTogetherChargingOnlyTheDifference() {
        Account a = user("alice@example.org", new Quota(0, 1));
        append(a, "Drafts", "v1", Flags.of(Flag.SEEN));
        long drafts = mailboxId(a, "Drafts");
        events.clear();
        UserMailboxes.Appended r = boxes(a).replace(drafts, 1, MailboxName.of("Drafts"), draft("v2", Flags.NONE, T0));
        assertThat(r.uid()).isEqualTo(2);
        List<MessageSummary> left = boxes(a).messages(drafts, UidSet.ALL);
        assertThat(left).extracting(MessageSummary::uid).containsExactly(2L);
        assertThat(left.get(0).flags()).isEqualTo(Flags.NONE);
        assertThat(boxes(a).usage().messages()).isEqualTo(1);
        assertThat(events).contains(new MailboxEvent.MessagesAdded(a.id(), drafts, List.of(2L)));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(MailboxEvent.MessagesExpunged.class,
                x -> assertThat(x.uids()).containsExactly(1L)));
    }

    @Test
    void replaceFailingChangesNothing() {
        Account a = user("alice@example.org");
        append(a, "Drafts", "v1", Flags.NONE);
        long drafts = mailboxId(a, "Drafts");
        QuotaUsage before = boxes(a).usage();
        assertError(() -> boxes(a).replace(drafts, 7, MailboxName.of("Drafts"), draft("v2", Flags.NONE, T0)),
                StoreError.EXPUNGED);
        assertError(() -> boxes(a).replace(drafts, 1, MailboxName.of("Nowhere"), draft("v2", Flags.NONE, T0)),
                StoreError.NOT_FOUND);
        assertThat(boxes(a).messages(drafts, UidSet.ALL)).extracting(MessageSummary::uid).containsExactly(1L);
        assertThat(boxes(a).usage()).isEqualTo(before);
    }
}
