package org.mailroom.store.derby;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.mime.MessageStructure;
import org.mailroom.store.Account;
import org.mailroom.store.DeliveryBatch;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.Quota;
import org.mailroom.store.SpecialUse;
import org.mailroom.store.TestContent;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Deliveries remember which mailbox row an account's INBOX and Junk are ({@link DirectoryCache}); a
 * mailbox renamed, deleted or created again is looked up afresh by the next delivery.
 */
class RememberedMailboxesTest {

    private static final MailboxName JUNK = SpecialUse.JUNK.defaultName();

    @TempDir
    Path dir;
    DerbyStore store;
    Account bob;
    UserMailboxes boxes;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        bob = store.admin().addAccount(EmailAddress.parse("bob@example.org"), "h", "s", Quota.UNLIMITED);
        boxes = store.mailboxes().of(bob.id());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aRenamedMailboxKeepsWhatItHadAndTheNewOneOfTheNameGetsTheNextDelivery() {
        deliver("first", JUNK);
        boxes.rename(JUNK, MailboxName.of("Spam"));
        boxes.create(JUNK, Optional.empty());

        deliver("second", JUNK);

        assertThat(count(MailboxName.of("Spam"))).isEqualTo(1);
        assertThat(count(JUNK)).isEqualTo(1);
        assertThat(count(MailboxName.INBOX)).isZero();
    }

    @Test
    void aDeletedMailboxSendsTheNextDeliveryToInbox() {
        deliver("first", JUNK);
        boxes.delete(JUNK);

        deliver("second", JUNK);

        assertThat(count(MailboxName.INBOX)).isEqualTo(1);
        assertThat(boxes.find(JUNK)).isEmpty();
    }

    private void deliver(String subject, MailboxName mailbox) {
        MessageContent content = TestContent.message(subject, "body of " + subject);
        try (InputStream in = content.open()) {
            store.delivery().commit(new DeliveryBatch(content, MessageStructure.parse(in),
                    List.of(new DeliveryBatch.LocalCopy(bob.id(), mailbox, new byte[0], Flags.NONE)), List.of(),
                    Instant.now()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int count(MailboxName name) {
        return boxes.messages(boxes.find(name).orElseThrow().id(), UidSet.ALL).size();
    }
}
