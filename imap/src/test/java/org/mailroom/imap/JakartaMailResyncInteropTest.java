package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.event.MailEvent;
import jakarta.mail.event.MessageChangedEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.MessageVanishedEvent;
import org.eclipse.angus.mail.imap.ResyncData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.store.Flag;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.MailboxName;
import org.mailroom.store.UidRange;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * Jakarta Mail's (Angus Mail) CONDSTORE and QRESYNC support against the server (RFC 7162): it opens
 * a folder with {@link ResyncData}, reads HIGHESTMODSEQ and per-message MODSEQ, asks for the messages
 * changed since a MODSEQ, and resynchronises after another session flagged and expunged messages.
 */
class JakartaMailResyncInteropTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, true, Duration.ofMillis(100));
        for (int i = 1; i <= 5; i++) {
            fixture.deliver("alice@example.org", "From: s@remote.test\r\nTo: alice@example.org\r\nSubject: m" + i
                    + "\r\n\r\nBody " + i + ".\r\n");
        }
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private IMAPStore connect() throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.timeout", "10000");
        Store store = Session.getInstance(p).getStore("imap");
        store.connect("127.0.0.1", fixture.server.port(), "alice@example.org", ImapFixture.PASSWORD);
        return (IMAPStore) store;
    }

    private UserMailboxes otherSession() {
        return fixture.store.mailboxes().of(fixture.alice.id());
    }

    @Test
    void condstoreGivesModSeqsAndTheMessagesChangedSince() throws Exception {
        IMAPStore store = connect();
        try {
            assertThat(store.hasCapability("CONDSTORE")).isTrue();
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE, ResyncData.CONDSTORE);
            long highest = inbox.getHighestModSeq();
            assertThat(highest).isEqualTo(6);
            assertThat(((IMAPMessage) inbox.getMessage(5)).getModSeq()).isEqualTo(6);
            inbox.getMessage(2).setFlag(Flags.Flag.FLAGGED, true);
            Message[] changed = inbox.getMessagesByUIDChangedSince(1, IMAPFolder.LASTUID, highest);
            assertThat(changed).extracting(m -> inbox.getUID(m)).containsExactly(2L);
            assertThat(((IMAPMessage) changed[0]).getModSeq()).isEqualTo(7);
            assertThat(changed[0].isSet(Flags.Flag.FLAGGED)).isTrue();
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void qresyncReportsExactlyWhatAnotherSessionChangedAndExpunged() throws Exception {
        IMAPStore store = connect();
        try {
            assertThat(store.hasCapability("QRESYNC")).isTrue();
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE, ResyncData.CONDSTORE);
            long uidValidity = inbox.getUIDValidity();
            long modSeq = inbox.getHighestModSeq();
            inbox.close(false);

            UserMailboxes other = otherSession();
            long id = other.find(MailboxName.INBOX).orElseThrow().id();
            other.setFlags(id, UidSet.of(new UidRange(2, 2), new UidRange(4, 4)),
                    FlagUpdate.add(org.mailroom.store.Flags.of(Flag.DELETED)), OptionalLong.empty());
            other.expunge(id, UidSet.ALL);
            other.setFlags(id, UidSet.of(new UidRange(3, 3)),
                    FlagUpdate.add(org.mailroom.store.Flags.of(Flag.SEEN)), OptionalLong.empty());

            List<MailEvent> events = inbox.open(Folder.READ_WRITE, new ResyncData(uidValidity, modSeq));
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            long[] vanished = events.stream().filter(e -> e instanceof MessageVanishedEvent)
                    .flatMapToLong(e -> java.util.Arrays.stream(((MessageVanishedEvent) e).getUIDs())).toArray();
            assertThat(vanished).containsExactly(2L, 4L);
            List<Long> changed = events.stream().filter(e -> e instanceof MessageChangedEvent)
                    .map(e -> uid(inbox, ((MessageChangedEvent) e).getMessage())).toList();
            assertThat(changed).containsExactly(3L);
            assertThat(inbox.getMessageByUID(3).isSet(Flags.Flag.SEEN)).isTrue();
            assertThat(inbox.getHighestModSeq()).isEqualTo(other.find(MailboxName.INBOX).orElseThrow().highestModSeq());
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    private static long uid(IMAPFolder folder, Message m) {
        try {
            return folder.getUID(m);
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
