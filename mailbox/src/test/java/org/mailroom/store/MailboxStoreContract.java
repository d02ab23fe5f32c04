package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The contract of {@link UserMailboxes}: hierarchy, messages, flags, expunges, events. */
public abstract class MailboxStoreContract extends StoreContract {

    private static final OptionalLong ANY = OptionalLong.empty();

    private static void assertError(Runnable r, StoreError error) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(error));
    }

    private static MailboxName name(String n) {
        return MailboxName.of(n);
    }

    @Test
    void createMakesTheMissingAncestors() {
        Account a = user("alice@example.org");
        MailboxInfo info = boxes(a).create(name("Work/2026/Q1"), Optional.empty());
        assertThat(info.name()).isEqualTo(name("Work/2026/Q1"));
        assertThat(info.uidNext()).isEqualTo(1);
        assertThat(boxes(a).list()).extracting(m -> m.name().path())
                .contains("Work", "Work/2026", "Work/2026/Q1");
        assertThat(events).contains(new MailboxEvent.MailboxesChanged(a.id()));
    }

    @Test
    void creatingAnExistingMailboxIsAlreadyExists() {
        Account a = user("alice@example.org");
        assertError(() -> boxes(a).create(name("inbox"), Optional.empty()), StoreError.ALREADY_EXISTS);
        assertError(() -> boxes(a).create(name("Sent"), Optional.empty()), StoreError.ALREADY_EXISTS);
    }

    @Test
    void aMailboxCanCarryASpecialUse() {
        Account a = user("alice@example.org");
        assertThat(boxes(a).create(name("Old/Archive"), Optional.of(SpecialUse.ARCHIVE)).specialUse())
                .contains(SpecialUse.ARCHIVE);
    }

    @Test
    void accountsSeeOnlyTheirOwnMailboxes() {
        Account a = user("alice@example.org");
        Account b = user("bob@example.org");
        deliver(a, "private");
        long aliceInbox = mailboxId(a, "INBOX");
        assertError(() -> boxes(b).messages(aliceInbox, UidSet.ALL), StoreError.NOT_FOUND);
        assertError(() -> boxes(b).openContent(aliceInbox, 1), StoreError.NOT_FOUND);
        assertError(() -> boxes(b).setFlags(aliceInbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.SEEN)), ANY), StoreError.NOT_FOUND);
        assertError(() -> boxes(b).expunge(aliceInbox, UidSet.ALL), StoreError.NOT_FOUND);
        assertError(() -> boxes(b).copy(aliceInbox, UidSet.ALL, MailboxName.INBOX), StoreError.NOT_FOUND);
    }

    @Test
    void deleteRefusesInboxAndParentsAndUnknownNames() {
        Account a = user("alice@example.org");
        boxes(a).create(name("Work/Old"), Optional.empty());
        assertError(() -> boxes(a).delete(MailboxName.INBOX), StoreError.NOT_ALLOWED);
        assertError(() -> boxes(a).delete(name("Work")), StoreError.NOT_ALLOWED);
        assertError(() -> boxes(a).delete(name("Nothing")), StoreError.NOT_FOUND);
        boxes(a).delete(name("Work/Old"));
        events.clear();
        boxes(a).delete(name("Work"));
        assertThat(boxes(a).find(name("Work"))).isEmpty();
        assertThat(events).containsExactly(new MailboxEvent.MailboxesChanged(a.id()));
    }

    @Test
    void aLikeWildcardInANameIsNoChild() {
        Account a = user("alice@example.org");
        boxes(a).create(name("a_b"), Optional.empty());
        boxes(a).create(name("axb/c"), Optional.empty());
        boxes(a).delete(name("a_b"));
        assertThat(boxes(a).find(name("axb/c"))).isPresent();
    }

    @Test
    void deletingAMailboxRemovesItsMessagesAndTheirUsage() {
        Account a = user("alice@example.org");
        boxes(a).create(name("Work"), Optional.empty());
        append(a, "Work", "one", Flags.NONE);
        append(a, "Work", "two", Flags.NONE);
        assertThat(boxes(a).usage().messages()).isEqualTo(2);
        boxes(a).delete(name("Work"));
        assertThat(boxes(a).usage()).isEqualTo(new QuotaUsage(0, 0));
    }

    @Test
    void aMailboxCreatedAgainGetsANewUidValidity() {
        Account a = user("alice@example.org");
        long first = boxes(a).create(name("Work"), Optional.empty()).uidValidity();
        boxes(a).delete(name("Work"));
        assertThat(boxes(a).create(name("Work"), Optional.empty()).uidValidity()).isGreaterThan(first);
    }

    @Test
    void renameMovesChildrenAndKeepsMessages() {
        Account a = user("alice@example.org");
        boxes(a).create(name("Work/Old"), Optional.empty());
        append(a, "Work/Old", "kept", Flags.NONE);
        long validity = boxes(a).find(name("Work/Old")).orElseThrow().uidValidity();
        boxes(a).rename(name("Work"), name("Jobs/Past"));
        assertThat(boxes(a).list()).extracting(m -> m.name().path())
                .contains("Jobs", "Jobs/Past", "Jobs/Past/Old").doesNotContain("Work", "Work/Old");
        MailboxInfo moved = boxes(a).find(name("Jobs/Past/Old")).orElseThrow();
        assertThat(moved.uidValidity()).isEqualTo(validity);
        assertThat(read(boxes(a).openContent(moved.id(), 1))).contains("Subject: kept");
    }

    @Test
    void renameErrors() {
        Account a = user("alice@example.org");
        boxes(a).create(name("Work"), Optional.empty());
        assertError(() -> boxes(a).rename(name("Nothing"), name("Else")), StoreError.NOT_FOUND);
        assertError(() -> boxes(a).rename(name("Work"), name("Sent")), StoreError.ALREADY_EXISTS);
        assertError(() -> boxes(a).rename(name("Work"), name("Work/Inner")), StoreError.NOT_ALLOWED);
    }

    @Test
    void renamingInboxMovesItsMessagesAndLeavesItEmpty() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        deliver(a, "two");
        long inbox = mailboxId(a, "INBOX");
        MailboxInfo before = boxes(a).find(MailboxName.INBOX).orElseThrow();
        events.clear();
        boxes(a).rename(MailboxName.INBOX, name("Old Mail"));
        MailboxInfo after = boxes(a).find(MailboxName.INBOX).orElseThrow();
        assertThat(after.id()).isEqualTo(inbox);
        assertThat(after.messages()).isZero();
        assertThat(after.uidValidity()).isEqualTo(before.uidValidity());
        assertThat(after.uidNext()).isEqualTo(3);
        MailboxInfo old = boxes(a).find(name("Old Mail")).orElseThrow();
        assertThat(old.messages()).isEqualTo(2);
        assertThat(old.uidValidity()).isNotEqualTo(before.uidValidity());
        assertThat(boxes(a).messages(old.id(), UidSet.ALL)).extracting(MessageSummary::uid).containsExactly(1L, 2L);
        assertThat(boxes(a).expungedSince(inbox, 0)).containsExactly(1L, 2L);
        assertThat(deliver(a, "three")).isEqualTo(3);
        assertThat(events).contains(new MailboxEvent.MailboxesChanged(a.id()));
        assertThat(boxes(a).usage().messages()).isEqualTo(3);
    }

    @Test
    void subscriptionsMayNameMissingMailboxes() {
        Account a = user("alice@example.org");
        boxes(a).subscribe(name("Sent"), true);
        boxes(a).subscribe(name("Gone"), true);
        boxes(a).subscribe(name("Gone"), true);
        assertThat(boxes(a).subscriptions()).containsExactly(name("Gone"), name("Sent"));
        assertThat(boxes(a).find(name("Sent")).orElseThrow().subscribed()).isTrue();
        assertThat(boxes(a).find(name("Trash")).orElseThrow().subscribed()).isFalse();
        boxes(a).subscribe(name("Gone"), false);
        boxes(a).subscribe(name("Never"), false);
        assertThat(boxes(a).subscriptions()).containsExactly(name("Sent"));
    }

    @Test
    void headersGiveEachStructureAndHeaderBytesWithoutTheBody() throws Exception {
        Account a = user("alice@example.org");
        Account b = user("bob@example.org");
        deliver(a, "one");
        deliver(a, "two");
        deliver(a, "three");
        long inbox = mailboxId(a, "INBOX");
        boxes(a).setFlags(inbox, UidSet.of(new UidRange(2, 2)), FlagUpdate.add(Flags.of(Flag.DELETED)), ANY);
        boxes(a).expunge(inbox, UidSet.ALL);
        List<MessageHeader> all = boxes(a).headers(inbox, UidSet.ALL, true, h -> h);
        assertThat(all).extracting(MessageHeader::uid).containsExactly(1L, 3L);
        for (MessageHeader h : all) {
            assertThat(h.structure()).isEqualTo(boxes(a).structure(inbox, h.uid()));
            byte[] expected;
            try (java.io.InputStream in = boxes(a).openContent(inbox, h.uid())) {
                expected = in.readNBytes((int) h.structure().headerLength());
            }
            assertThat(h.header()).isEqualTo(expected);
            assertThat(new String(h.header(), java.nio.charset.StandardCharsets.UTF_8)).endsWith("\r\n\r\n");
        }
        assertThat(boxes(a).headers(inbox, UidSet.of(new UidRange(3, 9)), false, h -> h.header() == null))
                .containsExactly(true);
        assertError(() -> boxes(b).headers(inbox, UidSet.ALL, false, h -> h), StoreError.NOT_FOUND);
    }

    @Test
    void appendStoresBytesFlagsKeywordsAndDate() {
        Account a = user("alice@example.org");
        TestContent m = TestContent.message("appended", "text");
        Flags flags = new Flags(Set.of(Flag.SEEN, Flag.DRAFT), Set.of("$Forwarded", "Work"));
        UserMailboxes.Appended r = boxes(a).append(name("Drafts"), m, flags, T0);
        MailboxInfo drafts = boxes(a).find(name("Drafts")).orElseThrow();
        assertThat(r).isEqualTo(new UserMailboxes.Appended(drafts.uidValidity(), 1));
        MessageSummary s = boxes(a).messages(drafts.id(), UidSet.ALL).get(0);
        assertThat(s.flags()).isEqualTo(flags);
        assertThat(s.internalDate()).isEqualTo(T0);
        assertThat(s.size()).isEqualTo(m.size());
        assertThat(read(boxes(a).openContent(drafts.id(), 1))).isEqualTo(new String(m.bytes()));
        assertThat(boxes(a).structure(drafts.id(), 1).size()).isEqualTo(m.size());
        assertThat(drafts.unseen()).isZero();
        assertThat(drafts.size()).isEqualTo(m.size());
        assertThat(events).contains(new MailboxEvent.MessagesAdded(a.id(), drafts.id(), List.of(1L)));
    }

    @Test
    void appendErrors() {
        Account a = user("alice@example.org", new Quota(0, 1));
        assertError(() -> append(a, "Nothing", "x", Flags.NONE), StoreError.NOT_FOUND);
        append(a, "INBOX", "x", Flags.NONE);
        assertError(() -> append(a, "INBOX", "y", Flags.NONE), StoreError.OVER_QUOTA);
        assertThat(boxes(a).find(MailboxName.INBOX).orElseThrow().uidNext()).isEqualTo(2);
    }

    @Test
    void messagesListsTheUidsOfTheSetInOrder() {
        Account a = user("alice@example.org");
        for (int i = 0; i < 40; i++) {
            deliver(a, "m" + i);
        }
        long inbox = mailboxId(a, "INBOX");
        assertThat(boxes(a).messages(inbox, UidSet.of(new UidRange(3, 5), UidRange.of(39), new UidRange(41, 50))))
                .extracting(MessageSummary::uid).containsExactly(3L, 4L, 5L, 39L);
        List<Long> odd = new java.util.ArrayList<>();
        for (long u = 1; u <= 40; u += 2) {
            odd.add(u);
        }
        assertThat(boxes(a).messages(inbox, UidSet.ofUids(odd))).extracting(MessageSummary::uid).containsExactlyElementsOf(odd);
        assertThat(boxes(a).messages(inbox, UidSet.EMPTY)).isEmpty();
    }

    @Test
    void messagesChangedSinceListsOnlyWhatChangedAfterTheModSeqInUidOrder() {
        Account a = user("alice@example.org");
        for (int i = 0; i < 30; i++) {
            deliver(a, "m" + i);
        }
        long inbox = mailboxId(a, "INBOX");
        long before = boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq();
        boxes(a).setFlags(inbox, UidSet.ofUids(List.of(25L, 3L, 17L)), FlagUpdate.add(Flags.of(Flag.SEEN)), ANY);
        boxes(a).setFlags(inbox, UidSet.ofUids(List.of(9L)), FlagUpdate.add(Flags.of(Flag.FLAGGED)), ANY);
        assertThat(boxes(a).messagesChangedSince(inbox, UidSet.ALL, before))
                .extracting(MessageSummary::uid).containsExactly(3L, 9L, 17L, 25L);
        assertThat(boxes(a).messagesChangedSince(inbox, UidSet.of(new UidRange(1, 10)), before))
                .extracting(MessageSummary::uid).containsExactly(3L, 9L);
        long after = boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq();
        assertThat(boxes(a).messagesChangedSince(inbox, UidSet.ALL, after)).isEmpty();
        assertThat(boxes(a).messagesChangedSince(inbox, UidSet.ALL, 0)).hasSize(30);
        assertThat(boxes(a).messagesChangedSince(inbox, UidSet.ALL, before).get(0).flags()).isEqualTo(Flags.of(Flag.SEEN));
        assertThatThrownBy(() -> boxes(a).messagesChangedSince(mailboxId(user("bob@example.org"), "INBOX"),
                UidSet.ALL, 0)).isInstanceOf(StoreException.class);
    }

    @Test
    void copySharesContentKeepsFlagsAndPairsUids() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        deliver(a, "two");
        long inbox = mailboxId(a, "INBOX");
        boxes(a).setFlags(inbox, UidSet.of(UidRange.of(2)), FlagUpdate.add(new Flags(Set.of(Flag.FLAGGED), Set.of("Kw"))), ANY);
        append(a, "Archive", "already there", Flags.NONE);
        UserMailboxes.Copied c = boxes(a).copy(inbox, UidSet.ALL, name("Archive"));
        MailboxInfo archive = boxes(a).find(name("Archive")).orElseThrow();
        assertThat(c).isEqualTo(new UserMailboxes.Copied(archive.uidValidity(), List.of(1L, 2L), List.of(2L, 3L)));
        List<MessageSummary> copies = boxes(a).messages(archive.id(), UidSet.of(new UidRange(2, 3)));
        assertThat(copies.get(1).flags()).isEqualTo(new Flags(Set.of(Flag.FLAGGED), Set.of("Kw")));
        assertThat(copies.get(0).internalDate()).isEqualTo(T0);
        assertThat(read(boxes(a).openContent(archive.id(), 3))).isEqualTo(read(boxes(a).openContent(inbox, 2)));
        assertThat(boxes(a).messages(inbox, UidSet.ALL)).hasSize(2);
        assertThat(boxes(a).usage().messages()).isEqualTo(5);
    }

    @Test
    void copyErrors() {
        Account a = user("alice@example.org", new Quota(0, 2));
        deliver(a, "one");
        deliver(a, "two");
        long inbox = mailboxId(a, "INBOX");
        assertError(() -> boxes(a).copy(inbox, UidSet.ALL, name("Nothing")), StoreError.NOT_FOUND);
        assertError(() -> boxes(a).copy(inbox, UidSet.ALL, name("Trash")), StoreError.OVER_QUOTA);
        assertThat(boxes(a).find(name("Trash")).orElseThrow().messages()).isZero();
        assertThat(boxes(a).copy(inbox, UidSet.of(UidRange.of(9)), name("Trash")).copyUids()).isEmpty();
    }

    @Test
    void moveExpungesTheOriginalsInTheSameTransaction() {
        Account a = user("alice@example.org", new Quota(0, 2));
        deliver(a, "one");
        deliver(a, "two");
        long inbox = mailboxId(a, "INBOX");
        long trash = mailboxId(a, "Trash");
        events.clear();
        UserMailboxes.Copied moved = boxes(a).move(inbox, UidSet.of(UidRange.of(2)), name("Trash"));
        assertThat(moved.sourceUids()).containsExactly(2L);
        assertThat(moved.copyUids()).containsExactly(1L);
        assertThat(boxes(a).messages(inbox, UidSet.ALL)).extracting(MessageSummary::uid).containsExactly(1L);
        assertThat(read(boxes(a).openContent(trash, 1))).contains("Subject: two");
        long modSeq = boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq();
        assertThat(boxes(a).expungedSince(inbox, 0)).containsExactly(2L);
        assertThat(events).containsExactly(new MailboxEvent.MessagesAdded(a.id(), trash, List.of(1L)),
                new MailboxEvent.MessagesExpunged(a.id(), inbox, List.of(2L), modSeq));
        assertThat(boxes(a).usage().messages()).isEqualTo(2);
    }

    @Test
    void setFlagsAddsRemovesAndReplacesWithANewModSeq() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        deliver(a, "two");
        long inbox = mailboxId(a, "INBOX");
        long before = boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq();
        events.clear();
        UserMailboxes.FlagsUpdated r = boxes(a).setFlags(inbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.SEEN)), ANY);
        assertThat(r.updated()).extracting(MessageSummary::uid).containsExactly(1L, 2L);
        long modSeq = r.updated().get(0).modSeq();
        assertThat(modSeq).isGreaterThan(before);
        assertThat(r.updated()).allSatisfy(m -> assertThat(m.modSeq()).isEqualTo(modSeq));
        assertThat(boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq()).isEqualTo(modSeq);
        assertThat(boxes(a).find(MailboxName.INBOX).orElseThrow().unseen()).isZero();
        assertThat(events).containsExactly(new MailboxEvent.FlagsChanged(a.id(), inbox, r.updated()));

        boxes(a).setFlags(inbox, UidSet.of(UidRange.of(1)), FlagUpdate.replace(new Flags(Set.of(Flag.ANSWERED), Set.of("$Label1"))), ANY);
        boxes(a).setFlags(inbox, UidSet.of(UidRange.of(2)), FlagUpdate.remove(Flags.of(Flag.SEEN)), ANY);
        List<MessageSummary> now = boxes(a).messages(inbox, UidSet.ALL);
        assertThat(now.get(0).flags()).isEqualTo(new Flags(Set.of(Flag.ANSWERED), Set.of("$Label1")));
        assertThat(now.get(1).flags()).isEqualTo(Flags.NONE);
        assertThat(now.get(1).modSeq()).isGreaterThan(now.get(0).modSeq());
    }

    @Test
    void setFlagsThatChangesNothingKeepsHighestModSeq() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        long inbox = mailboxId(a, "INBOX");
        long before = boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq();
        events.clear();
        assertThat(boxes(a).setFlags(inbox, UidSet.ALL, FlagUpdate.remove(Flags.of(Flag.SEEN)), ANY).updated()).isEmpty();
        assertThat(boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq()).isEqualTo(before);
        assertThat(events).isEmpty();
    }

    @Test
    void unchangedSinceLeavesNewerMessagesAloneAndReportsThem() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        deliver(a, "two");
        long inbox = mailboxId(a, "INBOX");
        long m1 = boxes(a).messages(inbox, UidSet.ALL).get(0).modSeq();
        boxes(a).setFlags(inbox, UidSet.of(UidRange.of(2)), FlagUpdate.add(Flags.of(Flag.FLAGGED)), ANY);
        UserMailboxes.FlagsUpdated r = boxes(a).setFlags(inbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.SEEN)),
                OptionalLong.of(Math.max(m1, boxes(a).messages(inbox, UidSet.ALL).get(0).modSeq())));
        assertThat(r.updated()).extracting(MessageSummary::uid).containsExactly(1L);
        assertThat(r.modified()).containsExactly(2L);
        assertThat(boxes(a).messages(inbox, UidSet.of(UidRange.of(2))).get(0).flags()).isEqualTo(Flags.of(Flag.FLAGGED));
    }

    @Test
    void expungeRemovesOnlyDeletedMessagesOfTheSet() {
        Account a = user("alice@example.org");
        for (int i = 1; i <= 4; i++) {
            deliver(a, "m" + i);
        }
        long inbox = mailboxId(a, "INBOX");
        boxes(a).setFlags(inbox, UidSet.of(new UidRange(1, 3)), FlagUpdate.add(Flags.of(Flag.DELETED)), ANY);
        long before = boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq();
        events.clear();
        assertThat(boxes(a).expunge(inbox, UidSet.of(new UidRange(2, 4)))).containsExactly(2L, 3L);
        long modSeq = boxes(a).find(MailboxName.INBOX).orElseThrow().highestModSeq();
        assertThat(modSeq).isGreaterThan(before);
        assertThat(events).containsExactly(new MailboxEvent.MessagesExpunged(a.id(), inbox, List.of(2L, 3L), modSeq));
        assertThat(boxes(a).messages(inbox, UidSet.ALL)).extracting(MessageSummary::uid).containsExactly(1L, 4L);
        assertThat(boxes(a).expungedSince(inbox, before)).containsExactly(2L, 3L);
        assertThat(boxes(a).expungedSince(inbox, modSeq)).isEmpty();
        assertThat(boxes(a).usage().messages()).isEqualTo(2);
        assertThat(boxes(a).expunge(inbox, UidSet.of(UidRange.of(4)))).isEmpty();
    }

    @Test
    void anExpungedMessageCannotBeRead() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        long inbox = mailboxId(a, "INBOX");
        boxes(a).setFlags(inbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.DELETED)), ANY);
        boxes(a).expunge(inbox, UidSet.ALL);
        assertError(() -> boxes(a).openContent(inbox, 1), StoreError.EXPUNGED);
        assertError(() -> boxes(a).structure(inbox, 1), StoreError.EXPUNGED);
    }

    @Test
    void listCountsMessagesUnseenAndSize() {
        Account a = user("alice@example.org");
        append(a, "INBOX", "one", Flags.of(Flag.SEEN));
        append(a, "INBOX", "two", Flags.NONE);
        MailboxInfo inbox = boxes(a).list().stream().filter(m -> m.name().isInbox()).findFirst().orElseThrow();
        assertThat(inbox.messages()).isEqualTo(2);
        assertThat(inbox.unseen()).isEqualTo(1);
        assertThat(inbox.size()).isEqualTo(TestContent.message("one", "text").size() * 2);
        assertThat(inbox.uidNext()).isEqualTo(3);
    }

    @Test
    void countersFollowEveryChangeOfEveryWriter() {
        Account a = user("alice@example.org");
        deliver(a, "delivered");
        append(a, "INBOX", "seen", Flags.of(Flag.SEEN));
        append(a, "INBOX", "deleted", Flags.of(Flag.DELETED));
        long inbox = mailboxId(a, "INBOX");
        assertCounts(a, "INBOX", 3, 2, 1);
        boxes(a).setFlags(inbox, UidSet.of(new UidRange(1, 1)), FlagUpdate.add(Flags.of(Flag.SEEN, Flag.DELETED)), ANY);
        assertCounts(a, "INBOX", 3, 1, 2);
        boxes(a).copy(inbox, UidSet.ALL, name("Archive"));
        assertCounts(a, "Archive", 3, 1, 2);
        boxes(a).expunge(inbox, UidSet.ALL);
        assertCounts(a, "INBOX", 1, 0, 0);
        boxes(a).move(mailboxId(a, "Archive"), UidSet.of(new UidRange(1, 2)), name("Trash"));
        assertCounts(a, "Archive", 1, 1, 1);
        assertCounts(a, "Trash", 2, 0, 1);
        boxes(a).rename(MailboxName.INBOX, name("Old"));
        assertCounts(a, "INBOX", 0, 0, 0);
        assertCounts(a, "Old", 1, 0, 0);
        long all = boxes(a).list().stream().mapToLong(MailboxInfo::size).sum();
        assertThat(all).isEqualTo(boxes(a).usage().bytes());
        boxes(a).delete(name("Trash"));
        assertThat(boxes(a).list().stream().mapToLong(MailboxInfo::messages).sum()).isEqualTo(2);
    }

    private void assertCounts(Account a, String mailbox, long messages, long unseen, long deleted) {
        MailboxInfo info = boxes(a).find(name(mailbox)).orElseThrow();
        List<MessageSummary> all = boxes(a).messages(info.id(), UidSet.ALL);
        assertThat(info.messages()).as("messages of " + mailbox).isEqualTo(messages).isEqualTo(all.size());
        assertThat(info.unseen()).as("unseen of " + mailbox).isEqualTo(unseen);
        assertThat(all.stream().filter(m -> m.flags().has(Flag.DELETED)).count()).isEqualTo(deleted);
        assertThat(info.size()).isEqualTo(all.stream().mapToLong(MessageSummary::size).sum());
    }

    @Test
    void uidsFirstUnseenAndKeywordsAreReadWithoutListingMessages() {
        Account a = user("alice@example.org");
        append(a, "INBOX", "one", Flags.of(Flag.SEEN));
        append(a, "INBOX", "two", new Flags(Set.of(Flag.SEEN), Set.of("Work")));
        append(a, "INBOX", "three", new Flags(Set.of(), Set.of("$Junk", "Work")));
        long inbox = mailboxId(a, "INBOX");
        assertThat(boxes(a).uids(inbox)).containsExactly(1L, 2L, 3L);
        assertThat(boxes(a).firstUnseenUid(inbox)).isEqualTo(3);
        assertThat(boxes(a).keywords(inbox)).containsExactly("$Junk", "Work");
        boxes(a).setFlags(inbox, UidSet.of(new UidRange(1, 1)), FlagUpdate.add(new Flags(Set.of(), Set.of("Later"))), ANY);
        assertThat(boxes(a).keywords(inbox)).containsExactly("$Junk", "Later", "Work");
        boxes(a).setFlags(inbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.SEEN)), ANY);
        assertThat(boxes(a).firstUnseenUid(inbox)).isZero();
        long trash = mailboxId(a, "Trash");
        assertThat(boxes(a).uids(trash)).isEmpty();
        assertThat(boxes(a).keywords(trash)).isEmpty();
        assertError(() -> boxes(user("bob@example.org")).uids(inbox), StoreError.NOT_FOUND);
    }

    @Test
    void aSubscriptionChangeIsAnEventButRepeatingItIsNot() {
        Account a = user("alice@example.org");
        boxes(a).subscribe(name("Sent"), true);
        assertThat(events).containsExactly(new MailboxEvent.MailboxesChanged(a.id()));
        boxes(a).subscribe(name("Sent"), true);
        assertThat(events).hasSize(1);
        boxes(a).subscribe(name("Sent"), false);
        assertThat(events).hasSize(2);
    }
}
