package org.mailroom.store.derby;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Flag;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.Quota;
import org.mailroom.store.TestContent;
import org.mailroom.store.UidRange;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.store.UserMailboxes.NewMessage;

/**
 * SELECT's UID list of a large mailbox is kept and brought up to date from what was added and
 * expunged since ({@link UidLists}): after every kind of change it equals the mailbox's UIDs as the
 * message rows give them, without reading the whole list again.
 */
class UidListsTest {

    @TempDir
    Path dir;
    DerbyStore store;
    UserMailboxes boxes;
    long inbox;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        Account a = store.admin().addAccount(EmailAddress.parse("ann@example.org"), "h", "s", Quota.UNLIMITED);
        boxes = store.mailboxes().of(a.id());
        inbox = boxes.find(MailboxName.INBOX).orElseThrow().id();
        append(UidLists.MIN_KEPT + 100);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void anUnchangedMailboxIsNotReadAgain() {
        assertThat(boxes.uids(inbox)).containsExactly(truth());
        long whole = store.uidLists().readsWhole();

        assertThat(boxes.uids(inbox)).containsExactly(truth());
        assertThat(store.uidLists().readsWhole()).isEqualTo(whole);
    }

    @Test
    void appendsExpungesMovesAndDeliveriesAreAppliedToTheKeptList() {
        boxes.uids(inbox);
        long whole = store.uidLists().readsWhole();

        append(3);
        expunge(5, 17, 2_050);
        boxes.create(MailboxName.of("Kept"), Optional.empty());
        boxes.move(inbox, UidSet.of(new UidRange(30, 32)), MailboxName.of("Kept"));
        boxes.setFlags(inbox, UidSet.of(new UidRange(40, 40)), FlagUpdate.add(Flags.of(Flag.SEEN)), OptionalLong.empty());
        assertThat(boxes.uids(inbox)).containsExactly(truth());

        append(1);
        expunge(1);
        assertThat(boxes.uids(inbox)).containsExactly(truth());
        assertThat(store.uidLists().readsWhole()).isEqualTo(whole);
        assertThat(truth()).hasSize(UidLists.MIN_KEPT + 100 + 3 - 3 - 3 + 1 - 1);
    }

    @Test
    void aSmallMailboxIsReadWholeEachTime() {
        long archive = boxes.create(MailboxName.of("Small"), Optional.empty()).id();
        long whole = store.uidLists().readsWhole();
        boxes.uids(archive);
        boxes.uids(archive);
        assertThat(store.uidLists().readsWhole()).isEqualTo(whole + 2);
    }

    private void append(int n) {
        List<NewMessage> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new NewMessage(TestContent.message("m" + i, "body " + i), Flags.NONE, Instant.now()));
        }
        boxes.appendAll(MailboxName.INBOX, list);
    }

    private void expunge(long... uids) {
        List<Long> list = new ArrayList<>();
        for (long u : uids) {
            list.add(u);
        }
        UidSet set = UidSet.ofUids(list);
        boxes.setFlags(inbox, set, FlagUpdate.add(Flags.of(Flag.DELETED)), OptionalLong.empty());
        assertThat(boxes.expunge(inbox, set)).hasSize(uids.length);
    }

    /** The UIDs as the message rows give them. */
    private long[] truth() {
        return boxes.messages(inbox, UidSet.ALL).stream().mapToLong(MessageSummary::uid).toArray();
    }
}
