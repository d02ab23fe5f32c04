package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FromStringTerm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.eclipse.angus.mail.imap.SortTerm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.TestTls;

/**
 * Jakarta Mail's (Angus Mail) server-side sorting, IMAPFolder.getSortedMessages with SortTerm, which it
 * sends as SORT only when the server names SORT, against the ordering corpus of the transcripts.
 */
class SortInteropTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;
    private Store store;

    @BeforeEach
    void start() throws MessagingException {
        fixture = new ImapFixture(dir, false, Duration.ofMillis(100));
        for (String name : new String[] {"01-meeting.eml", "02-re-meeting.eml", "03-encoded-subject.eml",
            "04-fwd-blob.eml", "05-no-date-missing-ref.eml", "06-broken-references.eml", "07-gone-parent.eml",
            "08-duplicate-id.eml", "09-ghost-a.eml", "10-ghost-b.eml"}) {
            fixture.deliver("alice@example.org", ImapFixture.corpus("order/" + name));
        }
        Properties p = new Properties();
        p.put("mail.imaps.ssl.socketFactory", TestTls.trustingClient().getSocketFactory());
        p.put("mail.imaps.ssl.checkserveridentity", "false");
        p.put("mail.imaps.timeout", "10000");
        store = Session.getInstance(p).getStore("imaps");
        store.connect("127.0.0.1", fixture.server.tlsPort(), "alice@example.org", ImapFixture.PASSWORD);
    }

    @AfterEach
    void stop() throws MessagingException {
        store.close();
        fixture.close();
    }

    @Test
    void jakartaSeesSortAndSortsOnTheServer() throws Exception {
        assertThat(((IMAPStore) store).hasCapability("SORT")).isTrue();
        assertThat(((IMAPStore) store).hasCapability("THREAD=REFERENCES")).isTrue();
        IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
        assertThat(uids(inbox, inbox.getSortedMessages(new SortTerm[] {SortTerm.DATE})))
                .containsExactly(3L, 1L, 2L, 4L, 6L, 7L, 8L, 10L, 9L, 5L);
        assertThat(uids(inbox, inbox.getSortedMessages(new SortTerm[] {SortTerm.REVERSE, SortTerm.DATE})))
                .containsExactly(5L, 9L, 10L, 8L, 7L, 6L, 4L, 2L, 1L, 3L);
        assertThat(uids(inbox, inbox.getSortedMessages(new SortTerm[] {SortTerm.SUBJECT, SortTerm.DATE})))
                .containsExactly(3L, 10L, 9L, 1L, 2L, 4L, 5L, 6L, 7L, 8L);
        assertThat(uids(inbox, inbox.getSortedMessages(new SortTerm[] {SortTerm.FROM})))
                .containsExactly(8L, 2L, 7L, 4L, 5L, 6L, 9L, 10L, 3L, 1L);
        Message[] fromEd = inbox.getSortedMessages(new SortTerm[] {SortTerm.REVERSE, SortTerm.DATE},
                new FromStringTerm("ed@h.test"));
        assertThat(uids(inbox, fromEd)).containsExactly(9L, 10L);
        assertThat(fromEd[0].getSubject()).isEqualTo("Re: Ghost");
        inbox.close(false);
    }

    @Test
    void pythonImaplibSortsAndThreads() throws Exception {
        Path script = dir.resolve("imaplib_sort.py");
        try (var in = getClass().getResourceAsStream("/interop/imaplib_sort.py")) {
            java.nio.file.Files.copy(in, script);
        }
        Process p = new ProcessBuilder("python3", script.toString(), String.valueOf(fixture.server.tlsPort()),
                "alice@example.org", ImapFixture.PASSWORD).redirectErrorStream(true).start();
        boolean done = p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS);
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(done).as("imaplib finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.lines()).containsExactly("SORT 5 9 10 8 7 6 4 2 1 3", "UIDSORT 9 10",
                "THREAD (3 6)(1 2 (4)(5))((7)(8))((10)(9))", "ORDERED (6 (7)(8))", "DONE");
    }

    private static Long[] uids(UIDFolder folder, Message[] messages) {
        return Arrays.stream(messages).map(m -> {
            try {
                return folder.getUID(m);
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(Long[]::new);
    }
}
