package org.mailroom.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailroom.mime.MessageStructure;

/** The contract of {@link DeliveryStore#commit}: one atomic transaction per delivery. */
public abstract class DeliveryStoreContract extends StoreContract {

    @Test
    void everyLocalRecipientGetsItsCopyWithItsOwnHeaderPrefix() {
        Account a = user("alice@example.org");
        Account b = user("bob@example.org");
        TestContent m = TestContent.message("hello", "world");
        List<Long> uids = store.delivery().commit(delivery(m, List.of(), a, b));
        assertThat(uids).containsExactly(1L, 1L);
        assertThat(read(boxes(a).openContent(mailboxId(a, "INBOX"), 1)))
                .isEqualTo("Delivered-To: alice@example.org\r\n" + new String(m.bytes()));
        assertThat(read(boxes(b).openContent(mailboxId(b, "INBOX"), 1)))
                .isEqualTo("Delivered-To: bob@example.org\r\n" + new String(m.bytes()));
        MessageSummary s = boxes(a).messages(mailboxId(a, "INBOX"), UidSet.ALL).get(0);
        assertThat(s.size()).isEqualTo(m.size() + prefix(a).length);
        assertThat(s.internalDate()).isEqualTo(T0);
        assertThat(s.flags()).isEqualTo(Flags.NONE);
    }

    @Test
    void twoCopiesInOneMailboxGetConsecutiveUids() {
        Account a = user("alice@example.org");
        deliver(a, "first");
        List<Long> uids = store.delivery().commit(delivery(TestContent.message("x", "y"), List.of(), a, a));
        assertThat(uids).containsExactly(2L, 3L);
        MailboxInfo inbox = boxes(a).find(MailboxName.INBOX).orElseThrow();
        assertThat(inbox.uidNext()).isEqualTo(4);
        assertThat(inbox.messages()).isEqualTo(3);
        assertThat(inbox.unseen()).isEqualTo(3);
    }

    @Test
    void theStructureCountsTheHeaderPrefix() {
        Account a = user("alice@example.org");
        TestContent m = TestContent.message("s", "body");
        store.delivery().commit(delivery(m, List.of(), a));
        MessageStructure s = boxes(a).structure(mailboxId(a, "INBOX"), 1);
        MessageStructure plain = structureOf(m);
        assertThat(s.size()).isEqualTo(plain.size() + prefix(a).length);
        assertThat(s.headerLength()).isEqualTo(plain.headerLength() + prefix(a).length);
    }

    @Test
    void aCopyForAMailboxThatIsGoneLandsInInbox() {
        Account a = user("alice@example.org");
        DeliveryBatch b = new DeliveryBatch(TestContent.message("s", "b"), structureOf(TestContent.message("s", "b")),
                List.of(new DeliveryBatch.LocalCopy(a.id(), MailboxName.of("Lists/gone"), new byte[0], Flags.of(Flag.FLAGGED))),
                List.of(), T0);
        store.delivery().commit(b);
        assertThat(boxes(a).messages(mailboxId(a, "INBOX"), UidSet.ALL)).singleElement()
                .satisfies(m -> assertThat(m.flags()).isEqualTo(Flags.of(Flag.FLAGGED)));
    }

    @Test
    void aCopyIntoANamedMailboxGoesThere() {
        Account a = user("alice@example.org");
        DeliveryBatch b = new DeliveryBatch(TestContent.message("s", "b"), structureOf(TestContent.message("s", "b")),
                List.of(new DeliveryBatch.LocalCopy(a.id(), MailboxName.of("Junk"), new byte[0], Flags.NONE)),
                List.of(), T0);
        store.delivery().commit(b);
        assertThat(boxes(a).find(MailboxName.of("Junk")).orElseThrow().messages()).isEqualTo(1);
        assertThat(boxes(a).find(MailboxName.INBOX).orElseThrow().messages()).isZero();
    }

    @Test
    void remoteRecipientsAreQueuedInTheSameCommit() {
        Account a = user("alice@example.org");
        TestContent m = TestContent.message("s", "b");
        store.delivery().commit(delivery(m, List.of(remote("x@remote.example"), remote("y@remote.example")), a));
        List<QueueStore.QueueEntry> q = store.queue().list();
        assertThat(q).extracting(e -> e.recipient().recipient().toString()).containsExactly("x@remote.example", "y@remote.example");
        assertThat(q).allSatisfy(e -> assertThat(e.size()).isEqualTo(m.size()));
        assertThat(read(store.queue().openContent(q.get(0).id()))).isEqualTo(new String(m.bytes()));
    }

    @Test
    void aDeliveryOverQuotaStoresNothingAtAll() {
        Account a = user("alice@example.org");
        Account b = user("bob@example.org", new Quota(0, 1));
        deliver(b, "fills bob");
        events.clear();
        assertThatThrownBy(() -> store.delivery().commit(delivery(TestContent.message("s", "b"),
                List.of(remote("x@remote.example")), a, b)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.OVER_QUOTA));
        assertThat(boxes(a).find(MailboxName.INBOX).orElseThrow().messages()).isZero();
        assertThat(boxes(a).find(MailboxName.INBOX).orElseThrow().uidNext()).isEqualTo(1);
        assertThat(store.delivery().usage(a.id())).isEqualTo(new QuotaUsage(0, 0));
        assertThat(store.queue().list()).isEmpty();
        assertThat(events).isEmpty();
    }

    @Test
    void theByteQuotaCountsTheWholeCopy() {
        TestContent m = TestContent.message("s", "b");
        Account a = user("alice@example.org");
        store.admin().setQuota(a.address(), new Quota(m.size() + prefix(a).length, 0));
        store.delivery().commit(delivery(m, List.of(), a));
        assertThatThrownBy(() -> store.delivery().commit(delivery(m, List.of(), a)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.OVER_QUOTA));
    }

    @Test
    void eventsAnnounceTheNewUidsAfterCommit() {
        Account a = user("alice@example.org");
        long inbox = mailboxId(a, "INBOX");
        store.delivery().commit(delivery(TestContent.message("s", "b"), List.of(), a, a));
        assertThat(events).containsExactly(new MailboxEvent.MessagesAdded(a.id(), inbox, List.of(1L, 2L)));
    }

    @Test
    void aBatchWithoutRecipientsStoresNothing() {
        assertThat(store.delivery().commit(new DeliveryBatch(TestContent.of("x"), structureOf(TestContent.of("x")),
                List.of(), List.of(), T0))).isEmpty();
        assertThat(store.queue().list()).isEmpty();
    }

    @Test
    void uidsAreNeverReusedAfterAnExpunge() {
        Account a = user("alice@example.org");
        deliver(a, "one");
        deliver(a, "two");
        long inbox = mailboxId(a, "INBOX");
        boxes(a).setFlags(inbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.DELETED)), java.util.OptionalLong.empty());
        assertThat(boxes(a).expunge(inbox, UidSet.ALL)).containsExactly(1L, 2L);
        assertThat(deliver(a, "three")).isEqualTo(3);
        assertThat(store.delivery().usage(a.id()).messages()).isEqualTo(1);
    }

    @Test
    void aDeliveryToAnAccountThatIsGoneIsNotFound() {
        Account a = user("alice@example.org");
        store.admin().removeAccount(a.address());
        assertThatThrownBy(() -> deliver(a, "late"))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.NOT_FOUND));
        assertThat(store.queue().list()).isEmpty();
    }

    @Test
    void theNullSenderIsQueuedAsEmpty() {
        user("alice@example.org");
        store.delivery().commit(new DeliveryBatch(TestContent.of("x"), structureOf(TestContent.of("x")), List.of(),
                List.of(QueuedRecipient.plain(Optional.empty(), addr("x@remote.example"))), T0));
        assertThat(store.queue().list()).singleElement().satisfies(e -> assertThat(e.recipient().sender()).isEmpty());
    }
}
