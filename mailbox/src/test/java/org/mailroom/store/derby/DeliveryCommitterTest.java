package org.mailroom.store.derby;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.mime.MessageStructure;
import org.mailroom.store.Account;
import org.mailroom.store.DeliveryBatch;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.EventBus;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.Quota;
import org.mailroom.store.QuotaUsage;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.TestContent;

/**
 * Group commit of deliveries: several deliveries in one transaction, each caller answered only after
 * that commit, and a group that fails committed again one by one so that one bad delivery fails
 * nobody else.
 */
class DeliveryCommitterTest {

    @TempDir
    Path dir;
    DerbyStore store;
    DerbyDeliveryStore delivery;
    Account alice;
    Account bob;
    /** The SMTP sessions: one thread each (the common pool may have a single thread on 2 cores). */
    ExecutorService callers = Executors.newCachedThreadPool();

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        delivery = (DerbyDeliveryStore) store.delivery();
        store.admin().addDomain("example.org");
        alice = store.admin().addAccount(EmailAddress.parse("alice@example.org"), "h", "s", new Quota(0, 1));
        bob = store.admin().addAccount(EmailAddress.parse("bob@example.org"), "h", "s", Quota.UNLIMITED);
    }

    @AfterEach
    void close() {
        callers.shutdownNow();
        store.close();
    }

    @Test
    void aGroupCommitsEveryDeliveryWithItsOwnUids() throws Exception {
        List<CompletableFuture<List<Long>>> done = delivery.committer().commitTogether(List.of(
                prepared("one", bob), prepared("two", bob, alice), prepared("three", bob)));

        assertThat(done.get(0).get()).containsExactly(1L);
        assertThat(done.get(1).get()).containsExactly(2L, 1L);
        assertThat(done.get(2).get()).containsExactly(3L);
        assertThat(store.countRows("message")).isEqualTo(4);
        assertThat(store.countRows("content")).isEqualTo(3);
        assertThat(delivery.usage(bob.id()).messages()).isEqualTo(3);
        assertThat(delivery.usage(alice.id()).messages()).isEqualTo(1);
    }

    @Test
    void aDeliveryOverQuotaInAGroupFailsAloneAndTheOthersCommit() throws Exception {
        // Alice may hold one message: the group as a whole overfills her, so it falls back to one
        // transaction per delivery, where only the second delivery to her is refused.
        List<CompletableFuture<List<Long>>> done = delivery.committer().commitTogether(List.of(
                prepared("one", bob), prepared("two", alice), prepared("three", alice), prepared("four", bob)));

        assertThat(done.get(0).get()).containsExactly(1L);
        assertThat(done.get(1).get()).containsExactly(1L);
        assertThat(failure(done.get(2))).isEqualTo(StoreError.OVER_QUOTA);
        assertThat(done.get(3).get()).containsExactly(2L);
        assertThat(delivery.usage(alice.id())).isEqualTo(new QuotaUsage(sizeOf("two"), 1));
        assertThat(delivery.usage(bob.id()).messages()).isEqualTo(2);
        assertThat(store.countRows("message")).isEqualTo(3);
        assertThat(store.countRows("content")).as("nothing of the refused delivery is left").isEqualTo(3);
    }

    @Test
    void aDeliveryWhoseContentCannotBeReadFailsAloneAndTheOthersCommit() throws Exception {
        List<CompletableFuture<List<Long>>> done = delivery.committer().commitTogether(List.of(
                prepared("one", bob), unreadable(bob), prepared("three", bob)));

        assertThat(done.get(0).get()).containsExactly(1L);
        assertThat(failure(done.get(1))).isEqualTo(StoreError.TEMPORARILY_UNAVAILABLE);
        assertThat(done.get(2).get()).containsExactly(2L);
        assertThat(store.countRows("message")).isEqualTo(2);
        assertThat(store.countRows("content")).isEqualTo(2);
    }

    @Test
    void noCallerIsAnsweredBeforeItsDeliveryCommitted() throws Exception {
        List<MailboxEvent> events = new CopyOnWriteArrayList<>();
        EventBus.Subscription sub = store.events().subscribe(bob.id(), events::add);
        Connection blocker = store.transactions().pool().borrow();
        CompletableFuture<List<Long>> first;
        List<CompletableFuture<List<Long>>> others = new ArrayList<>();
        try {
            lockAccountRow(blocker, bob);
            first = CompletableFuture.supplyAsync(() -> delivery.commit(batch("first", bob)), callers);
            Thread.sleep(300);
            for (int i = 0; i < 4; i++) {
                String subject = "later " + i;
                others.add(CompletableFuture.supplyAsync(() -> delivery.commit(batch(subject, bob)), callers));
            }
            Thread.sleep(500);

            assertThat(first).as("the caller waits while its transaction cannot commit").isNotDone();
            assertThat(others).allSatisfy(f -> assertThat(f).isNotDone());
            assertThat(store.countRows("message")).isZero();
            assertThat(events).isEmpty();
        } finally {
            blocker.rollback();
            store.transactions().pool().release(blocker, false);
        }
        assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(1);
        for (CompletableFuture<List<Long>> f : others) {
            assertThat(f.get(30, TimeUnit.SECONDS)).hasSize(1);
        }
        sub.close();
        assertThat(store.countRows("message")).isEqualTo(5);
        assertThat(events.stream().mapToInt(e -> ((MailboxEvent.MessagesAdded) e).uids().size()).sum()).isEqualTo(5);
        assertThat(events.size()).as("deliveries that waited together were committed together").isLessThan(5);
    }

    @Test
    void deliveriesHandedOverBeforeCloseStillCommit() throws Exception {
        Connection blocker = store.transactions().pool().borrow();
        CompletableFuture<List<Long>> pending;
        try {
            lockAccountRow(blocker, bob);
            pending = CompletableFuture.supplyAsync(() -> delivery.commit(batch("in flight", bob)), callers);
            Thread.sleep(300);
        } finally {
            blocker.rollback();
            store.transactions().pool().release(blocker, false);
        }
        delivery.close();
        assertThat(pending.get(30, TimeUnit.SECONDS)).containsExactly(1L);
        StoreException after = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> delivery.commit(batch("too late", bob)), StoreException.class);
        assertThat(after.error()).isEqualTo(StoreError.TEMPORARILY_UNAVAILABLE);
    }

    @Test
    void aCallerAloneWritesItsDeliveryOnItsOwnThread() {
        List<Thread> writers = new CopyOnWriteArrayList<>();
        DeliveryCommitter<String, String> committer = new DeliveryCommitter<>(store.transactions(), (t, ds) -> {
            writers.add(Thread.currentThread());
            return ds.stream().map(d -> d + " written").toList();
        }, 2);

        assertThat(committer.commit("one")).isEqualTo("one written");
        assertThat(writers).containsExactly(Thread.currentThread());
    }

    @Test
    void anInterruptedCallerLeadsWithoutTheInterruptAndGetsItBackAfterwards() {
        List<Boolean> interruptedWhileWriting = new CopyOnWriteArrayList<>();
        DeliveryCommitter<String, String> committer = new DeliveryCommitter<>(store.transactions(), (t, ds) -> {
            interruptedWhileWriting.add(Thread.currentThread().isInterrupted());
            return ds.stream().map(d -> d + " written").toList();
        }, 2);

        Thread.currentThread().interrupt();
        String result = committer.commit("one");

        assertThat(Thread.interrupted()).as("the caller's interrupt is kept").isTrue();
        assertThat(result).isEqualTo("one written");
        assertThat(interruptedWhileWriting).containsExactly(false);
    }

    @Test
    void manyCallersAtOnceAreEachAnsweredWithTheirOwnResult() throws Exception {
        List<Integer> groupSizes = new CopyOnWriteArrayList<>();
        DeliveryCommitter<Integer, Integer> committer = new DeliveryCommitter<>(store.transactions(), (t, ds) -> {
            groupSizes.add(ds.size());
            java.util.concurrent.locks.LockSupport.parkNanos(2_000_000); // a log flush: more callers queue
            return ds.stream().map(d -> d * 10).toList();
        }, 2);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int n = i;
            answers.add(CompletableFuture.supplyAsync(() -> committer.commit(n), callers));
        }
        for (int i = 0; i < 400; i++) {
            assertThat(answers.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i * 10);
        }
        assertThat(groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(400);
        assertThat(groupSizes).as("callers that waited were written together").anyMatch(n -> n > 1);
        assertThat(groupSizes).allMatch(n -> n <= DeliveryCommitter.MAX_GROUP);
        committer.close();
    }

    private static void lockAccountRow(Connection c, Account a) throws Exception {
        try (PreparedStatement ps = c.prepareStatement("UPDATE account SET used_messages = used_messages WHERE id = ?")) {
            ps.setLong(1, a.id());
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    private static StoreError failure(CompletableFuture<?> f) {
        try {
            f.get();
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return ((StoreException) e.getCause()).error();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static long sizeOf(String subject) {
        return TestContent.message(subject, "body of " + subject).size();
    }

    private static DerbyDeliveryStore.Prepared prepared(String subject, Account... to) {
        DeliveryBatch b = batch(subject, to);
        return new DerbyDeliveryStore.Prepared(b, b.structure().encode());
    }

    private static DeliveryBatch batch(String subject, Account... to) {
        return batch(TestContent.message(subject, "body of " + subject), to);
    }

    private static DeliveryBatch batch(MessageContent content, Account... to) {
        List<DeliveryBatch.LocalCopy> copies = new ArrayList<>();
        for (Account a : to) {
            copies.add(new DeliveryBatch.LocalCopy(a.id(), MailboxName.INBOX, new byte[0], Flags.NONE));
        }
        try (InputStream in = content.open()) {
            return new DeliveryBatch(content, MessageStructure.parse(in), copies, List.of(), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A spooled message whose file went away: reading it fails inside the transaction. */
    private static DerbyDeliveryStore.Prepared unreadable(Account to) {
        MessageContent good = TestContent.message("gone", "body");
        MessageContent gone = new MessageContent() {
            @Override
            public long size() {
                return good.size();
            }

            @Override
            public InputStream open() throws IOException {
                throw new IOException("the spool file is gone");
            }
        };
        DeliveryBatch b = batch(good, to);
        DeliveryBatch broken = new DeliveryBatch(gone, b.structure(), b.copies(), b.queued(), b.arrival());
        return new DerbyDeliveryStore.Prepared(broken, b.structure().encode());
    }
}
