package org.mailroom.store.derby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.mime.MessageStructure;
import org.mailroom.store.Account;
import org.mailroom.store.DeliveryBatch;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Flag;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.Quota;
import org.mailroom.store.QueuedRecipient;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.TestContent;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/** What only the Derby store can show: its tables, its files, its restarts. */
class DerbyStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");

    @TempDir
    Path dir;
    DerbyStore store;
    Account alice;
    Account bob;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        alice = store.admin().addAccount(EmailAddress.parse("alice@example.org"), "h", "s", Quota.UNLIMITED);
        bob = store.admin().addAccount(EmailAddress.parse("bob@example.org"), "h", "s", Quota.UNLIMITED);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private static DeliveryBatch batch(MessageContent content, List<QueuedRecipient> queued, Account... to) {
        List<DeliveryBatch.LocalCopy> copies = new ArrayList<>();
        for (Account a : to) {
            copies.add(new DeliveryBatch.LocalCopy(a.id(), MailboxName.INBOX, new byte[0], Flags.NONE));
        }
        MessageStructure structure;
        try (InputStream in = content.open()) {
            structure = MessageStructure.parse(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new DeliveryBatch(content, structure, copies, queued, T0);
    }

    private long inbox(Account a) {
        return store.mailboxes().of(a.id()).find(MailboxName.INBOX).orElseThrow().id();
    }

    private void deleteAll(Account a) {
        UserMailboxes m = store.mailboxes().of(a.id());
        for (var box : m.list()) {
            m.setFlags(box.id(), UidSet.ALL, FlagUpdate.add(Flags.of(Flag.DELETED)), OptionalLong.empty());
            m.expunge(box.id(), UidSet.ALL);
        }
    }

    @Test
    void aMultiRecipientDeliveryStoresTheContentOnceUntilItsLastCopyGoes() {
        store.delivery().commit(batch(TestContent.message("s", "b"), List.of(), alice, bob));
        assertThat(store.countRows("content")).isEqualTo(1);
        assertThat(store.countRows("message")).isEqualTo(2);
        deleteAll(alice);
        assertThat(store.countRows("content")).isEqualTo(1);
        deleteAll(bob);
        assertThat(store.countRows("content")).isZero();
        assertThat(store.countRows("message")).isZero();
    }

    @Test
    void aCopySharesTheContentAndAMoveKeepsIt() {
        store.delivery().commit(batch(TestContent.message("s", "b"), List.of(), alice));
        UserMailboxes m = store.mailboxes().of(alice.id());
        m.copy(inbox(alice), UidSet.ALL, MailboxName.of("Archive"));
        m.copy(inbox(alice), UidSet.ALL, MailboxName.INBOX);
        m.move(inbox(alice), UidSet.ALL, MailboxName.of("Trash"));
        assertThat(store.countRows("content")).isEqualTo(1);
        assertThat(store.countRows("message")).isEqualTo(3);
        deleteAll(alice);
        assertThat(store.countRows("content")).isZero();
    }

    @Test
    void queueEntriesAndMessagesShareContentToo() {
        store.delivery().commit(batch(TestContent.message("s", "b"),
                List.of(QueuedRecipient.plain(Optional.empty(), EmailAddress.parse("x@remote.example"))), alice));
        assertThat(store.countRows("content")).isEqualTo(1);
        deleteAll(alice);
        assertThat(store.countRows("content")).isEqualTo(1);
        store.queue().remove(store.queue().list().get(0).id());
        assertThat(store.countRows("content")).isZero();
    }

    @Test
    void removingAnAccountOrAMailboxRemovesUnsharedContent() {
        store.delivery().commit(batch(TestContent.message("one", "b"), List.of(), alice, bob));
        store.delivery().commit(batch(TestContent.message("two", "b"), List.of(), alice));
        store.mailboxes().of(bob.id()).create(MailboxName.of("Work"), Optional.empty());
        store.mailboxes().of(bob.id()).append(MailboxName.of("Work"), TestContent.message("w", "b"), Flags.NONE, T0);
        store.admin().removeAccount(alice.address());
        assertThat(store.countRows("content")).isEqualTo(2);
        store.mailboxes().of(bob.id()).delete(MailboxName.of("Work"));
        assertThat(store.countRows("content")).isEqualTo(1);
        assertThat(store.countRows("mailbox")).isEqualTo(6);
    }

    @Test
    void aCommitThatFailsHalfwayLeavesNoRowBehind() {
        store.admin().setQuota(bob.address(), new Quota(0, 1));
        store.delivery().commit(batch(TestContent.message("fills bob", "b"), List.of(), bob));
        assertThatThrownBy(() -> store.delivery().commit(batch(TestContent.message("s", "b"),
                List.of(QueuedRecipient.plain(Optional.empty(), EmailAddress.parse("x@remote.example"))), alice, bob)))
                .isInstanceOfSatisfying(StoreException.class, e -> assertThat(e.error()).isEqualTo(StoreError.OVER_QUOTA));
        assertThat(store.countRows("content")).isEqualTo(1);
        assertThat(store.countRows("message")).isEqualTo(1);
        assertThat(store.countRows("queue")).isZero();
    }

    @Test
    void aContentStreamShorterThanItsSizeStoresNothing() {
        MessageContent lying = new MessageContent() {
            @Override
            public long size() {
                return 1000;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream("Subject: short\r\n\r\n".getBytes());
            }
        };
        assertThatThrownBy(() -> store.delivery().commit(new DeliveryBatch(lying, MessageStructure.parse(lying.open()),
                List.of(new DeliveryBatch.LocalCopy(alice.id(), MailboxName.INBOX, new byte[0], Flags.NONE)), List.of(), T0)))
                .isInstanceOf(StoreException.class);
        assertThat(store.countRows("content")).isZero();
        assertThat(store.countRows("message")).isZero();
    }

    @Test
    void aLargeMessageIsStreamedInAndOutByteForByte() throws IOException {
        byte[] big = new byte[3 * 1024 * 1024 + 17];
        byte[] head = "Subject: big\r\n\r\n".getBytes();
        System.arraycopy(head, 0, big, 0, head.length);
        for (int i = head.length; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        store.delivery().commit(batch(new TestContent(big), List.of(), alice));
        try (InputStream in = store.mailboxes().of(alice.id()).openContent(inbox(alice), 1)) {
            assertThat(in.readAllBytes()).isEqualTo(big);
        }
    }

    @Test
    void concurrentDeliveriesGetDistinctConsecutiveUids() throws Exception {
        int threads = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Long>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Long> uids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        uids.addAll(store.delivery().commit(batch(TestContent.message("c", "b"), List.of(), alice, bob)));
                    }
                    return uids;
                }));
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : results) {
                all.addAll(f.get());
            }
            assertThat(all).hasSize(2 * threads * each);
        } finally {
            pool.shutdown();
        }
        List<MessageSummary> inAlice = store.mailboxes().of(alice.id()).messages(inbox(alice), UidSet.ALL);
        assertThat(inAlice).extracting(MessageSummary::uid).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, threads * each).boxed().toList());
        assertThat(store.delivery().usage(bob.id()).messages()).isEqualTo(threads * each);
        assertThat(store.countRows("content")).isEqualTo(threads * each);
    }

    @Test
    void everythingSurvivesAReopen() {
        store.delivery().commit(batch(TestContent.message("kept", "b"), List.of(), alice));
        store.admin().addRelayRule(org.mailroom.store.Cidr.parse("192.0.2.0/24"));
        store.close();
        store = DerbyStore.openEmbedded(dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")));
        assertThat(store.admin().accounts(Optional.empty())).hasSize(2);
        assertThat(store.admin().relayRules()).hasSize(1);
        assertThat(new String(readAll(store.mailboxes().of(alice.id()).openContent(inbox(alice), 1)))).contains("Subject: kept");
        assertThat(store.delivery().commit(batch(TestContent.message("next", "b"), List.of(), alice))).containsExactly(2L);
    }

    @Test
    void aNewerSchemaIsRefusedWithAClearMessage() throws Exception {
        store.close();
        DerbyCredential credential = DerbyCredential.load(dir.resolve("derby.credential"));
        String url = "jdbc:derby:" + dir.resolve("db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, props(credential)); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO mailroom.schema_version (version, script, applied) VALUES (99, 'V99__future.sql', 0)");
        }
        try {
            DriverManager.getConnection(url + ";shutdown=true", props(credential));
        } catch (java.sql.SQLException expected) {
            assertThat(expected.getSQLState()).isEqualTo("08006");
        }
        assertThatThrownBy(() -> DerbyStore.openEmbedded(dir.resolve("db"), credential))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("database schema version 99 is newer than this Mailroom (knows " + Migrations.knownVersion()
                        + "): upgrade Mailroom");
        store = TestStores.open(dir.resolve("other"));
    }

    @Test
    void aWrongPasswordIsRefusedEmbedded() {
        store.close();
        assertThatThrownBy(() -> DerbyStore.openEmbedded(dir.resolve("db"), new DerbyCredential("mailroom", "wrong")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("refused the Derby credential");
        store = DerbyStore.openEmbedded(dir.resolve("db"), DerbyCredential.load(dir.resolve("derby.credential")));
    }

    private static Properties props(DerbyCredential c) {
        Properties p = new Properties();
        p.setProperty("user", c.user());
        p.setProperty("password", c.password());
        return p;
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
