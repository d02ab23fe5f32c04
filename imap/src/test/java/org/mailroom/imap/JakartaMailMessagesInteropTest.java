package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Quota;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.TestTls;
import org.mailroom.store.EmailAddress;

/**
 * Jakarta Mail (Angus Mail) against the extensions of issue 6 it uses: QUOTA through
 * {@link IMAPStore#getQuota}, MOVE through {@link IMAPFolder#moveMessages}, and
 * {@link Folder#appendMessages} (which Angus sends as one APPEND per message, not MULTIAPPEND).
 */
class JakartaMailMessagesInteropTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, false, Duration.ofMillis(100));
        fixture.deliver("alice@example.org", message("first"));
        fixture.deliver("alice@example.org", message("second"));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static String message(String subject) {
        return "From: Sender <sender@remote.test>\r\nTo: alice@example.org\r\nSubject: " + subject
                + "\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\nThe body of " + subject + ".\r\n";
    }

    private IMAPStore connect() throws Exception {
        Properties p = new Properties();
        p.put("mail.imaps.ssl.socketFactory", TestTls.trustingClient().getSocketFactory());
        p.put("mail.imaps.ssl.checkserveridentity", "false");
        p.put("mail.imaps.timeout", "10000");
        Store store = Session.getInstance(p).getStore("imaps");
        store.connect("127.0.0.1", fixture.server.tlsPort(), "alice@example.org", ImapFixture.PASSWORD);
        return (IMAPStore) store;
    }

    @Test
    void getQuotaReportsStorageInKibAndMessagesOfTheAccount() throws Exception {
        fixture.store.admin().setQuota(EmailAddress.parse("alice@example.org"),
                new org.mailroom.store.Quota(10 * 1024, 50));
        IMAPStore store = connect();
        try {
            assertThat(store.hasCapability("QUOTA")).isTrue();
            Quota[] quotas = store.getQuota("INBOX");
            assertThat(quotas).hasSize(1);
            assertThat(quotas[0].quotaRoot).isEmpty();
            assertThat(quotas[0].resources).extracting(r -> r.name, r -> r.usage, r -> r.limit)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("STORAGE", 1L, 10L),
                            org.assertj.core.groups.Tuple.tuple("MESSAGE", 2L, 50L));
            assertThatThrownBy(() -> store.setQuota(new Quota(""))).isInstanceOf(MessagingException.class);
        } finally {
            store.close();
        }
    }

    @Test
    void moveMessagesUsesMoveAndLeavesNothingBehind() throws Exception {
        IMAPStore store = connect();
        try {
            IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            Folder archive = store.getFolder("Archive");
            Message first = inbox.getMessage(1);
            inbox.moveMessages(new Message[] {first}, archive);
            // Jakarta counts a message another command expunged until its own expunge(), but marks it.
            assertThat(first.isExpunged()).isTrue();
            assertThat(inbox.getMessage(2).getSubject()).isEqualTo("second");
            archive.open(Folder.READ_ONLY);
            assertThat(archive.getMessageCount()).isEqualTo(1);
            assertThat(archive.getMessage(1).getSubject()).isEqualTo("first");
            archive.close(false);
            inbox.close(false);
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
        } finally {
            store.close();
        }
    }

    @Test
    void appendMessagesStoresEveryMessageAsSent() throws Exception {
        IMAPStore store = connect();
        try {
            Session session = Session.getInstance(new Properties());
            Message[] drafts = new Message[3];
            for (int i = 0; i < drafts.length; i++) {
                drafts[i] = new MimeMessage(session, new ByteArrayInputStream(
                        message("draft " + i).getBytes(StandardCharsets.US_ASCII)));
            }
            Folder folder = store.getFolder("Drafts");
            folder.appendMessages(drafts);
            folder.open(Folder.READ_ONLY);
            assertThat(folder.getMessageCount()).isEqualTo(3);
            for (int i = 0; i < drafts.length; i++) {
                assertThat(folder.getMessage(i + 1).getSubject()).isEqualTo("draft " + i);
            }
            folder.close(false);
        } finally {
            store.close();
        }
    }
}
