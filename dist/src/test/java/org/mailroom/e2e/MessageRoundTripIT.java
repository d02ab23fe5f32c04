package org.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.e2e.RunningMailroom.HOST;
import static org.mailroom.e2e.RunningMailroom.succeeded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.e2e.DeliveredCopy.Via;

/**
 * Issues 4 and 5, "done when": messages delivered over SMTP come back over POP3 and IMAP
 * byte-for-byte, across the composed server of the distribution, with clients nobody here wrote
 * (curl, Python's smtplib, poplib and imaplib). The messages are the mailbox module's MIME corpus:
 * nested multiparts, attached messages, encoded headers, 8-bit, broken MIME, header-only.
 * One server for the class: a start costs seconds.
 */
class MessageRoundTripIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SENDER = "sender@remote.test";

    @TempDir
    static Path dir;

    private static RunningMailroom mailroom;

    @BeforeAll
    static void start() {
        mailroom = RunningMailroom.start(dir);
        mailroom.addDomain("example.org");
    }

    @AfterAll
    static void stop() {
        if (mailroom != null) {
            mailroom.close();
        }
    }

    /**
     * The corpus as it can travel over SMTP: every message whose lines end in CRLF (RFC 5321 §2.3.8).
     * 12-bare-lf.eml is not such a message; what the server does with it is the SMTP module's story.
     */
    static List<Path> corpus() throws IOException {
        Path dir = Path.of(System.getProperty("basedir", "."), "..", "mailbox", "src", "test", "resources", "corpus");
        try (var files = Files.list(dir)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
            List<Path> crlf = all.stream().filter(MessageRoundTripIT::crlfOnly).toList();
            assertThat(crlf).as("the corpus at " + dir).hasSizeGreaterThan(15);
            return crlf;
        }
    }

    private static boolean crlfOnly(Path p) {
        try {
            String text = DeliveredCopy.latin1(Files.readAllBytes(p));
            return text.replace("\r\n", "").indexOf('\n') < 0 && text.replace("\r\n", "").indexOf('\r') < 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void corpusSubmittedWithCurlComesBackByteForByteOverPop3AndImap() throws Exception {
        String user = "submitted@example.org";
        mailroom.addUser(user, PASSWORD);
        List<Path> corpus = corpus();
        for (Path message : corpus) {
            // curl: STARTTLS required (RFC 3207), AUTH PLAIN, EHLO name from the URL path.
            succeeded(mailroom.curl("--ssl-reqd", "--user", user + ":" + PASSWORD,
                    "--mail-from", user, "--mail-rcpt", user, "--upload-file", message.toString(),
                    "smtp://" + HOST + ":" + mailroom.port("submission.port") + "/client.submit.test"));
        }
        // On submission the envelope sender must be the authenticated user's own address.
        assertFetchedByteForByte(user, user, corpus, "client.submit.test", Via.SUBMISSION);
    }

    @Test
    void corpusRelayedToPort25WithSmtplibComesBackByteForByteOverPop3AndImap() throws Exception {
        String user = "relayed@example.org";
        mailroom.addUser(user, PASSWORD);
        List<Path> corpus = corpus();
        List<String> args = new java.util.ArrayList<>(List.of("mx", "127.0.0.1",
                Integer.toString(mailroom.port("smtp.port")), SENDER, user));
        corpus.forEach(p -> args.add(p.toString()));
        succeeded(mailroom.python(args.toArray(String[]::new)));
        assertFetchedByteForByte(SENDER, user, corpus, "client.remote.test", Via.MX);
    }

    /** Issue 1's promise as seen by a user: added with mailroom-admin while the server runs, usable at once. */
    @Test
    void aUserAddedWithMailroomAdminWhileTheServerRunsReceivesAndFetchesAtOnce() throws Exception {
        String user = "newcomer@example.net";
        mailroom.addDomain("example.net");
        mailroom.addUser(user, PASSWORD);
        Path message = mailroom.dir().resolve("welcome.eml");
        byte[] original = ("From: " + SENDER + "\r\nTo: " + user + "\r\nSubject: welcome\r\n"
                + "Date: Fri, 4 Dec 2026 18:00:00 +0000\r\nMessage-ID: <welcome@remote.test>\r\n\r\nHello.\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Files.write(message, original);
        succeeded(mailroom.curl("--mail-from", SENDER, "--mail-rcpt", user, "--upload-file", message.toString(),
                "smtp://" + HOST + ":" + mailroom.port("smtp.port") + "/client.remote.test"));

        var expected = DeliveredCopy.expected(original, SENDER, user, "client.remote.test", Via.MX);
        String pop3 = succeeded(mailroom.curl("--user", user + ":" + PASSWORD,
                "pop3s://" + HOST + ":" + mailroom.port("pop3s.port") + "/1")).stdout();
        assertThat(pop3).matches(expected);
        String imap = succeeded(mailroom.curl("--user", user + ":" + PASSWORD,
                "imaps://" + HOST + ":" + mailroom.port("imaps.port") + "/INBOX;UID=1")).stdout();
        assertThat(imap).isEqualTo(pop3);
    }

    /** POP3 message N and IMAP UID N are the N-th message sent (a new INBOX, UIDs from 1, RFC 9051 §2.3.1.1). */
    private static void assertFetchedByteForByte(String sender, String user, List<Path> corpus, String helo,
            Via via)
            throws IOException {
        Path pop3 = mailroom.dir().resolve(user + "-pop3");
        Path imap = mailroom.dir().resolve(user + "-imap");
        String ca = mailroom.certificate().toString();
        succeeded(mailroom.python("pop3", "127.0.0.1", Integer.toString(mailroom.port("pop3s.port")), ca, user,
                PASSWORD, pop3.toString()));
        succeeded(mailroom.python("imap", "127.0.0.1", Integer.toString(mailroom.port("imaps.port")), ca, user,
                PASSWORD, imap.toString()));
        for (int i = 0; i < corpus.size(); i++) {
            Path original = corpus.get(i);
            var expected = DeliveredCopy.expected(Files.readAllBytes(original), sender, user, helo, via);
            for (Path fetched : List.of(pop3, imap)) {
                byte[] bytes = Files.readAllBytes(fetched.resolve((i + 1) + ".eml"));
                String what = original.getFileName() + " fetched over " + fetched.getFileName();
                assertThat(DeliveredCopy.latin1(bytes)).as(what).matches(expected);
                // LIST (RFC 1939 §5) and RFC822.SIZE (RFC 9051 §7.5.2) announce exactly what is sent.
                assertThat(Files.readString(fetched.resolve((i + 1) + ".size")).trim()).as(what + ": size")
                        .isEqualTo(Integer.toString(bytes.length));
            }
        }
        try (var files = Files.list(pop3)) {
            assertThat(files.filter(p -> p.toString().endsWith(".eml")).count()).as("messages in " + user)
                    .isEqualTo(corpus.size());
        }
    }
}
