package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.search.SubjectTerm;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.TestTls;

/** Jakarta Mail's IMAP store (Angus Mail) against the server: imap with STARTTLS and imaps. */
class JakartaMailInteropTest {

    private static final String MESSAGE = "From: Sender <sender@remote.test>\r\nTo: alice@example.org\r\n"
            + "Subject: hello jakarta\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nThe body.\r\n";

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, false, Duration.ofMillis(100));
        fixture.deliver("alice@example.org", MESSAGE);
        fixture.deliver("alice@example.org", ImapFixture.corpus("06-nested.eml"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private Store connect(boolean implicit) throws Exception {
        Properties p = new Properties();
        String proto = implicit ? "imaps" : "imap";
        p.put("mail." + proto + ".ssl.socketFactory", TestTls.trustingClient().getSocketFactory());
        p.put("mail." + proto + ".ssl.checkserveridentity", "false");
        p.put("mail." + proto + ".starttls.required", "true");
        p.put("mail." + proto + ".timeout", "10000");
        Session session = Session.getInstance(p);
        Store store = session.getStore(proto);
        store.connect("127.0.0.1", implicit ? fixture.server.tlsPort() : fixture.server.port(), "alice@example.org",
                ImapFixture.PASSWORD);
        return store;
    }

    @Test
    void foldersFetchProfilesFlagsAndUidsOverStarttls() throws Exception {
        Store store = connect(false);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message[] messages = inbox.getMessages();
            FetchProfile fp = new FetchProfile();
            fp.add(FetchProfile.Item.ENVELOPE);
            fp.add(FetchProfile.Item.FLAGS);
            fp.add(FetchProfile.Item.CONTENT_INFO);
            fp.add(UIDFolder.FetchProfileItem.UID);
            fp.add(IMAPFolder.FetchProfileItem.SIZE);
            inbox.fetch(messages, fp);
            assertThat(messages[0].getSubject()).isEqualTo("hello jakarta");
            assertThat(((InternetAddress) messages[0].getFrom()[0]).getAddress()).isEqualTo("sender@remote.test");
            assertThat(messages[0].getSize()).isEqualTo(MESSAGE.length() + 68);
            assertThat(((UIDFolder) inbox).getUID(messages[1])).isEqualTo(2);
            assertThat(messages[0].getContent()).isEqualTo("The body.\r\n");
            assertThat(messages[0].isSet(Flags.Flag.SEEN)).isTrue();
            messages[1].setFlag(Flags.Flag.FLAGGED, true);
            assertThat(inbox.search(new SubjectTerm("jakarta"))).hasSize(1);
            assertThat(((UIDFolder) inbox).getMessageByUID(2).isSet(Flags.Flag.FLAGGED)).isTrue();
            inbox.close(false);
        } finally {
            store.close();
        }
    }

    @Test
    void appendCopyMoveAndExpungeOverImplicitTls() throws Exception {
        Store store = connect(true);
        try {
            Folder work = store.getFolder("Work");
            assertThat(work.create(Folder.HOLDS_MESSAGES)).isTrue();
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom("alice@example.org");
            m.setSubject("appended");
            m.setText("appended body");
            work.appendMessages(new Message[] {m});
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            inbox.copyMessages(new Message[] {inbox.getMessage(1)}, work);
            inbox.moveMessages(new Message[] {inbox.getMessage(2)}, store.getFolder("Archive"));
            // Jakarta keeps messages another command expunged counted until the client's own expunge().
            assertThat(inbox.getMessage(2).isExpunged()).isTrue();
            inbox.getMessage(1).setFlag(Flags.Flag.DELETED, true);
            inbox.expunge();
            assertThat(inbox.getMessageCount()).isZero();
            work.open(Folder.READ_ONLY);
            assertThat(work.getMessageCount()).isEqualTo(2);
            assertThat(work.getMessage(1).getSubject()).isEqualTo("appended");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            work.getMessage(2).writeTo(raw);
            assertThat(raw.toString()).endsWith(MESSAGE);
            Folder archive = store.getFolder("Archive");
            archive.open(Folder.READ_ONLY);
            assertThat(archive.getMessage(1).getContentType()).startsWith("multipart/mixed");
            assertThat(store.getDefaultFolder().list("*")).extracting(Folder::getFullName).contains("INBOX", "Work",
                    "Archive", "Sent");
        } finally {
            store.close();
        }
    }

    @Test
    void idleHearsOfADeliveryAtOnce() throws Exception {
        Store store = connect(false);
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            CountDownLatch arrived = new CountDownLatch(1);
            inbox.addMessageCountListener(new jakarta.mail.event.MessageCountAdapter() {
                @Override
                public void messagesAdded(jakarta.mail.event.MessageCountEvent e) {
                    arrived.countDown();
                }
            });
            Thread idler = new Thread(() -> {
                try {
                    inbox.idle(true);
                } catch (Exception e) {
                    // the test fails on the latch instead
                }
            });
            idler.start();
            Thread.sleep(300);
            long t0 = System.nanoTime();
            fixture.deliver("alice@example.org", MESSAGE);
            assertThat(arrived.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
            idler.join(5000);
            assertThat(inbox.getMessageCount()).isEqualTo(3);
        } finally {
            store.close();
        }
    }
}
