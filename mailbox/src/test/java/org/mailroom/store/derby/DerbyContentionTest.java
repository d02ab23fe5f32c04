package org.mailroom.store.derby;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
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
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.Quota;
import org.mailroom.store.TestContent;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Many deliveries to the same two mailboxes, in both recipient orders, while IMAP-like sessions set
 * flags, expunge, copy and read: every operation must finish (no lock timeout, no deadlock surfacing
 * as an error) and the counters must agree with the rows afterwards.
 */
class DerbyContentionTest {

    private static final int DELIVERY_THREADS = 8;
    private static final int DELIVERIES_EACH = 10;

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

    @Test
    void deliveriesFlagChangesAndExpungesOnTheSameMailboxesAllComplete() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(DELIVERY_THREADS + 4);
        AtomicBoolean delivering = new AtomicBoolean(true);
        List<Future<?>> deliveries = new ArrayList<>();
        List<Future<?>> sessions = new ArrayList<>();
        try {
            for (int t = 0; t < DELIVERY_THREADS; t++) {
                Account[] to = switch (t % 4) {
                    case 0 -> new Account[] {alice, bob};
                    case 1 -> new Account[] {bob, alice};
                    case 2 -> new Account[] {alice};
                    default -> new Account[] {bob};
                };
                deliveries.add(pool.submit(() -> {
                    for (int i = 0; i < DELIVERIES_EACH; i++) {
                        assertThat(store.delivery().commit(batch(TestContent.message("m" + i, "body " + i), to)))
                                .hasSize(to.length);
                    }
                    return null;
                }));
            }
            sessions.add(pool.submit(imapSession(alice, delivering, true)));
            sessions.add(pool.submit(imapSession(bob, delivering, true)));
            sessions.add(pool.submit(imapSession(alice, delivering, false)));
            sessions.add(pool.submit(imapSession(bob, delivering, false)));
            for (Future<?> f : deliveries) {
                f.get();
            }
            delivering.set(false);
            for (Future<?> f : sessions) {
                f.get();
            }
        } finally {
            delivering.set(false);
            pool.shutdown();
        }
        for (Account a : List.of(alice, bob)) {
            assertConsistent(a);
        }
        assertThat(store.countRows("content")).isLessThanOrEqualTo(DELIVERY_THREADS * DELIVERIES_EACH);
    }

    /**
     * What an IMAP client does to a busy mailbox: flag everything seen, mark a few deleted and
     * expunge them (the writer), or list, read and copy to Archive (the reader).
     */
    private Callable<Void> imapSession(Account account, AtomicBoolean delivering, boolean writer) {
        return () -> {
            UserMailboxes boxes = store.mailboxes().of(account.id());
            long inbox = boxes.find(MailboxName.INBOX).orElseThrow().id();
            int round = 0;
            while (delivering.get()) {
                round++;
                List<MessageSummary> all = boxes.messages(inbox, UidSet.ALL);
                if (all.isEmpty()) {
                    Thread.sleep(5);
                    continue;
                }
                long last = all.get(all.size() - 1).uid();
                if (writer) {
                    boxes.setFlags(inbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.SEEN)), OptionalLong.empty());
                    if (round % 3 == 0) {
                        boxes.setFlags(inbox, UidSet.ofUids(List.of(all.get(0).uid(), last)),
                                FlagUpdate.add(Flags.of(Flag.DELETED)), OptionalLong.empty());
                        boxes.expunge(inbox, UidSet.ALL);
                    }
                } else {
                    try (InputStream in = boxes.openContent(inbox, last)) {
                        in.readAllBytes();
                    } catch (org.mailroom.store.StoreException e) {
                        // expunged meanwhile by the writer: fine
                    }
                    boxes.list();
                    if (round % 4 == 0) {
                        boxes.copy(inbox, UidSet.ofUids(List.of(last)), MailboxName.of("Archive"));
                    }
                }
            }
            return null;
        };
    }

    /** UIDs are distinct and below UIDNEXT; the account's usage is the sum of its messages. */
    private void assertConsistent(Account account) {
        UserMailboxes boxes = store.mailboxes().of(account.id());
        long bytes = 0;
        long count = 0;
        for (MailboxInfo info : boxes.list()) {
            List<MessageSummary> messages = boxes.messages(info.id(), UidSet.ALL);
            Set<Long> uids = new HashSet<>();
            for (MessageSummary m : messages) {
                assertThat(uids.add(m.uid())).isTrue();
                assertThat(m.uid()).isLessThan(info.uidNext());
                bytes += m.size();
            }
            count += messages.size();
            Set<Long> expunged = new HashSet<>(boxes.expungedSince(info.id(), 0));
            expunged.retainAll(uids);
            assertThat(expunged).isEmpty();
            expunged = new HashSet<>(boxes.expungedSince(info.id(), 0));
            assertThat(uids.size() + expunged.size()).isEqualTo(info.uidNext() - 1);
        }
        assertThat(store.delivery().usage(account.id()).messages()).isEqualTo(count);
        assertThat(store.delivery().usage(account.id()).bytes()).isEqualTo(bytes);
        assertThat(count).isPositive();
        assertThat(Optional.of(boxes.usage().messages())).contains(count);
    }

    private static DeliveryBatch batch(MessageContent content, Account... to) {
        List<DeliveryBatch.LocalCopy> copies = new ArrayList<>();
        for (Account a : to) {
            copies.add(new DeliveryBatch.LocalCopy(a.id(), MailboxName.INBOX, new byte[0], Flags.NONE));
        }
        try (InputStream in = content.open()) {
            return new DeliveryBatch(content, MessageStructure.parse(in), copies, List.of(), Instant.now());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
