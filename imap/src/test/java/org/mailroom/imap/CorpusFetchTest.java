package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailroom.imap.support.ImapFixture;

/**
 * Every message of the mailbox module's corpus, delivered through the delivery agent, comes back
 * byte for byte, and Jakarta Mail reading it over IMAP (ENVELOPE, BODYSTRUCTURE, BODY[n]) sees the
 * same structure, headers and decoded text as Jakarta Mail parsing the same bytes itself.
 */
class CorpusFetchTest {

    static final List<String> CORPUS = List.of(
            "01-plain.eml", "02-quoted-printable.eml", "03-base64.eml", "04-alternative.eml",
            "05-mixed-attachments.eml", "06-nested.eml", "07-attached-message.eml", "08-encoded-words.eml",
            "09-8bit.eml", "10-missing-end-boundary.eml", "11-missing-boundary-param.eml", "12-bare-lf.eml",
            "13-header-without-colon.eml", "14-group-addresses.eml", "15-no-date-no-message-id.eml",
            "16-digest.eml", "17-rfc2231-continuations.eml", "18-deep-message.eml", "19-header-only.eml",
            "20-preamble-epilogue.eml");

    @TempDir
    static Path dir;
    static ImapFixture fixture;
    static Store store;
    static Folder inbox;

    @BeforeAll
    static void deliverCorpus() throws Exception {
        fixture = new ImapFixture(dir, true, Duration.ofMillis(50));
        for (String name : CORPUS) {
            fixture.deliver("alice@example.org", ImapFixture.corpus(name));
        }
        Session session = Session.getInstance(new Properties());
        store = session.getStore("imap");
        store.connect("127.0.0.1", fixture.server.port(), "alice@example.org", ImapFixture.PASSWORD);
        inbox = store.getFolder("INBOX");
        inbox.open(Folder.READ_ONLY);
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        fixture.close();
    }

    static List<String> corpus() {
        return CORPUS;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void fetchMatchesWhatJakartaParsesLocally(String name) throws Exception {
        byte[] original = ImapFixture.corpus(name);
        Message remote = inbox.getMessage(CORPUS.indexOf(name) + 1);
        byte[] prefix = "Return-Path: <sender@remote.test>\r\nDelivered-To: alice@example.org\r\n"
                .getBytes(StandardCharsets.US_ASCII);
        byte[] expected = new byte[prefix.length + original.length];
        System.arraycopy(prefix, 0, expected, 0, prefix.length);
        System.arraycopy(original, 0, expected, prefix.length, original.length);

        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        ((MimeMessage) remote).writeTo(raw);
        assertThat(raw.toByteArray()).as("BODY[] byte for byte").isEqualTo(expected);
        assertThat(remote.getSize()).isEqualTo(expected.length);

        // The server offers UTF8=ACCEPT, which Jakarta Mail enables: it then reads the envelope's strings
        // as UTF-8 (RFC 6855 §3), so the local parse must read raw header octets as UTF-8 too.
        Properties utf8 = new Properties();
        utf8.setProperty("mail.mime.allowutf8", "true");
        MimeMessage local = new MimeMessage(Session.getInstance(utf8), new ByteArrayInputStream(expected));
        assertThat(remote.getSubject()).isEqualTo(local.getSubject());
        assertThat(addresses(remote.getFrom())).isEqualTo(addresses(local.getFrom()));
        assertThat(addresses(remote.getRecipients(Message.RecipientType.TO)))
                .isEqualTo(addresses(local.getRecipients(Message.RecipientType.TO)));
        assertThat(addresses(remote.getRecipients(Message.RecipientType.CC)))
                .isEqualTo(addresses(local.getRecipients(Message.RecipientType.CC)));
        assertThat(remote.getSentDate()).isEqualTo(local.getSentDate());
        assertThat(((MimeMessage) remote).getMessageID()).isEqualTo(local.getMessageID());
        if (name.equals("11-missing-boundary-param.eml")) {
            // RFC 2045 §5.2: a multipart without a boundary cannot be split and is shown as text/plain,
            // as the stored structure says; Jakarta keeps the declared type.
            assertThat(new ContentType(remote.getContentType()).getBaseType()).isEqualToIgnoringCase("text/plain");
            return;
        }
        compare(remote, local, name, false);
    }

    private static void compare(Part remote, Part local, String where, boolean inDigest) throws Exception {
        ContentType r = new ContentType(remote.getContentType());
        ContentType l = new ContentType(local.getContentType());
        String expectedType = inDigest && local.getHeader("Content-Type") == null
                ? "message/rfc822" // RFC 2046 §5.1.5, which Jakarta does not apply
                : l.getBaseType();
        assertThat(r.getBaseType()).as(where + " type").isEqualToIgnoringCase(expectedType);
        if (!expectedType.equalsIgnoreCase(l.getBaseType())) {
            return;
        }
        assertThat(remote.getFileName()).as(where + " file name").isEqualTo(local.getFileName());
        Object lc;
        try {
            lc = local.getContent();
        } catch (Exception e) {
            return; // Jakarta cannot decode it locally either (broken MIME): nothing to compare
        }
        if (lc instanceof Multipart lm) {
            Multipart rm = (Multipart) remote.getContent();
            assertThat(rm.getCount()).as(where + " parts").isEqualTo(lm.getCount());
            for (int i = 0; i < lm.getCount(); i++) {
                BodyPart rp = rm.getBodyPart(i);
                BodyPart lp = lm.getBodyPart(i);
                compare(rp, lp, where + "/" + (i + 1), l.match("multipart/digest"));
            }
        } else if (lc instanceof String ls) {
            assertThat(remote.getContent()).as(where + " text").isEqualTo(ls);
        } else if (lc instanceof MimeMessage lmsg) {
            MimeMessage rmsg = (MimeMessage) remote.getContent();
            assertThat(rmsg.getSubject()).as(where + " attached subject").isEqualTo(lmsg.getSubject());
            compare(rmsg, lmsg, where + "/message", false);
        }
    }

    /**
     * Address lists compared without the spacing, quoting and source routes that differ between a
     * header and an ENVELOPE (RFC 9051 §7.5.2 puts the route in its own field).
     */
    private static String addresses(Address[] list) {
        if (list == null) {
            return "";
        }
        return Arrays.toString(list).replaceAll("<@[^:<>]*:", "<").replaceAll("[\\s\"<>]", "");
    }
}
