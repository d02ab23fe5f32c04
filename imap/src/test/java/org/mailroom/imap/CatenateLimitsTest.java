package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;
import org.mailroom.store.MailboxName;

/**
 * A catenated message is bounded by APPENDLIMIT like any other: past it the APPEND fails with
 * {@code [TOOBIG]} (RFC 4469 §4.2) and nothing is stored, however its parts were named. And a URL
 * reaches only the user's own messages: another account's are never found (RFC 4469 §3).
 */
class CatenateLimitsTest {

    private static final long LIMIT = 2048;

    @TempDir
    Path dir;

    @Test
    void urlsAddingUpPastTheAppendLimitAreTooBig() {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50), LIMIT, 10, 5, 10);
             ImapTestClient c = f.client()) {
            f.deliver("alice@example.org", ImapFixture.corpus("04-alternative.eml"));
            c.login("alice@example.org");
            String url = " URL \"/INBOX/;UID=1\"";
            assertThat(c.tagged("a1", "APPEND Drafts CATENATE (" + url.strip() + url + url + ")"))
                    .isEqualTo("a1 NO [TOOBIG] The catenated message is larger than the server accepts");
            assertThat(c.tagged("a2", "APPEND Drafts CATENATE (" + url.strip() + url + ")"))
                    .startsWith("a2 OK [APPENDUID ");
            assertThat(f.store.mailboxes().of(f.alice.id()).find(MailboxName.of("Drafts")).orElseThrow().messages())
                    .isEqualTo(1);
        }
    }

    @Test
    void textPartsAddingUpPastTheAppendLimitAreTooBig() {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50), LIMIT, 10, 5, 10);
             ImapTestClient c = f.client()) {
            c.login("alice@example.org");
            String text = "x".repeat(1500);
            c.sendRaw(("a1 APPEND Drafts CATENATE (TEXT {1500+}\r\n" + text + " TEXT {1500+}\r\n" + text + ")\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertThat(c.until("a1")).last()
                    .isEqualTo("a1 NO [TOOBIG] The catenated message is larger than the server accepts");
            assertThat(f.store.mailboxes().of(f.alice.id()).find(MailboxName.of("Drafts")).orElseThrow().messages())
                    .isZero();
        }
    }

    @Test
    void catenateCannotReadAnotherUsersMessages() {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50), LIMIT, 10, 5, 10);
             ImapTestClient c = f.client()) {
            f.deliver("bob@example.org", "Subject: for bob only\r\n\r\nsecret\r\n");
            c.login("alice@example.org");
            for (String url : new String[] {"/INBOX/;UID=1", "imap://bob@example.org/INBOX/;UID=1",
                    "//bob@example.org/INBOX/;UID=1", "/bob@example.org/INBOX/;UID=1", "/%2E%2E/bob/INBOX/;UID=1"}) {
                assertThat(c.tagged("a1", "APPEND Drafts CATENATE (URL \"" + url + "\")"))
                        .isEqualTo("a1 NO [BADURL " + url + "] Cannot use this URL");
            }
            assertThat(f.store.mailboxes().of(f.alice.id()).find(MailboxName.of("Drafts")).orElseThrow().messages())
                    .isZero();
        }
    }
}
