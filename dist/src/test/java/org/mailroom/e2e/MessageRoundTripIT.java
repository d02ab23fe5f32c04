package org.mailroom.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.e2e.RunningMailroom.HOST;
import static org.mailroom.e2e.RunningMailroom.succeeded;

import jakarta.mail.FetchProfile;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.e2e.DeliveredCopy.Via;

/**
 * Issues 4 and 5, "done when": messages delivered over SMTP come back over POP3 and IMAP
 * byte-for-byte, across the composed server of the distribution, with clients nobody here wrote
 * (curl, Python's smtplib, poplib and imaplib, Jakarta Mail). The messages are the mailbox module's
 * MIME corpus: nested multiparts, attached messages, encoded headers, 8-bit, broken MIME, header-only.
 * IMAP's ENVELOPE and BODYSTRUCTURE of the corpus are compared with Jakarta Mail's parse, and a user
 * added with mailroom-admin while the server runs can receive and fetch at once.
 * One server for the class, started from the distribution archive: a start costs seconds.
 */
class MessageRoundTripIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final String SENDER = "sender@remote.test";
    private static final String RELAYED = "relayed@example.org";

    @TempDir
    static Path dir;

    private static RunningMailroom mailroom;

    @BeforeAll
    static void start() throws IOException {
        mailroom = RunningMailroom.start(dir);
        mailroom.addDomain("example.org");
        // The corpus relayed once to port 25 with smtplib; the tests below only read this mailbox.
        mailroom.addUser(RELAYED, PASSWORD);
        List<String> args = new ArrayList<>(List.of("mx", "127.0.0.1",
                Integer.toString(mailroom.port("smtp.port")), SENDER, RELAYED));
        corpus().forEach(p -> args.add(p.toString()));
        succeeded(mailroom.python(args.toArray(String[]::new)));
    }

    @AfterAll
    static void stop() {
        if (mailroom != null) {
            mailroom.close();
        }
    }

    /**
     * The corpus as it can travel over SMTP: every message whose lines end in CRLF (RFC 5321 section 2.3.8).
     * 12-bare-lf.eml is not such a message: the server refuses it (checked with the newcomer below).
     */
    static List<Path> corpus() throws IOException {
        Path dir = corpusDir();
        try (var files = Files.list(dir)) {
            List<Path> all = files.filter(p -> p.toString().endsWith(".eml")).sorted().toList();
            List<Path> crlf = all.stream().filter(MessageRoundTripIT::crlfOnly).toList();
            assertThat(crlf).as("the corpus at " + dir).hasSizeGreaterThan(15);
            return crlf;
        }
    }

    /** The mailbox module's MIME corpus, read where it lives in the source tree. */
    private static Path corpusDir() {
        return Path.of(System.getProperty("basedir", "."), "..", "mailbox", "src", "test", "resources", "corpus");
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
    void corpusSubmittedWithCurlComesBackByteForByteOverPop3AndImapAfterStartTls() throws Exception {
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
    void corpusRelayedToPort25WithSmtplibComesBackByteForByteOverPop3sAndImaps() throws Exception {
        Path imap = assertFetchedByteForByte(SENDER, RELAYED, corpus(), "client.remote.test", Via.MX);

        // What Jakarta Mail cannot show (see StructureOutline), read from the raw response instead:
        // body-fld-lang of a part (RFC 9051 §7.5.2) and the at-domain-list of a routed address.
        assertThat(rawStructure(imap, "05-mixed-attachments.eml"))
                .contains("\"7bit\" 60 5 NIL NIL (\"en-GB\" \"de-CH\") NIL)");
        assertThat(rawStructure(imap, "14-group-addresses.eml"))
                .contains("((NIL NIL \"Project Team\" NIL)(\"Pam\" NIL \"pam\" \"example.com\")"
                        + "(\"Quinn Q.\" NIL \"quinn\" \"example.com\")(NIL NIL NIL NIL)"
                        + "(NIL \"@relay.example.net,@gw.example.org\" \"ruth\" \"example.org\"))");
    }

    private static String rawStructure(Path imap, String corpusFile) throws IOException {
        List<String> names = corpus().stream().map(p -> p.getFileName().toString()).toList();
        assertThat(names).contains(corpusFile);
        Path structure = imap.resolve((names.indexOf(corpusFile) + 1) + ".structure");
        return Files.readString(structure, StandardCharsets.ISO_8859_1);
    }

    /**
     * A user added with mailroom-admin while the server runs receives over port 25 and fetches over
     * POP3 and IMAP at once.
     */
    @Test
    void aUserAddedWithMailroomAdminWhileTheServerRunsReceivesAndFetchesAtOnce() throws Exception {
        String user = "newcomer@example.net";
        mailroom.addDomain("example.net");
        mailroom.addUser(user, PASSWORD);

        // First a message that cannot travel as it is (bare LF line ends, RFC 5321 §2.3.8): refused whole.
        Path bareLf = corpusDir().resolve("12-bare-lf.eml");
        var refused = mailroom.python("mx", "127.0.0.1", Integer.toString(mailroom.port("smtp.port")), SENDER, user,
                bareLf.toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(3);
        assertThat(refused.stdout()).startsWith("refused 12-bare-lf.eml 554 5.6.0");
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
        // The refused message left nothing behind: LIST shows the one message.
        String list = succeeded(mailroom.curl("--user", user + ":" + PASSWORD,
                "pop3s://" + HOST + ":" + mailroom.port("pop3s.port") + "/")).stdout();
        assertThat(list).isEqualTo("1 " + pop3.length() + "\r\n");
    }

    /**
     * Issue 5: BODYSTRUCTURE and ENVELOPE are right for the whole corpus. Jakarta Mail's IMAP store
     * builds each message from the server's ENVELOPE and BODYSTRUCTURE alone (one FETCH for all, as
     * a FetchProfile asks); Jakarta's MIME parser reads the original file; both must describe the same
     * envelope and the same tree of parts, through attached messages.
     */
    @Test
    void imapEnvelopeAndBodystructureOfTheCorpusAgreeWithJakartaMailsParse() throws Exception {
        List<Path> corpus = corpus();

        Properties props = new Properties();
        props.put("mail.imaps.ssl.socketFactory", trustingOnly(mailroom.certificate()));
        props.put("mail.imaps.ssl.checkserveridentity", "false");
        Session session = Session.getInstance(props);
        Store store = session.getStore("imaps");
        store.connect("127.0.0.1", mailroom.port("imaps.port"), RELAYED, PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            assertThat(messages).hasSameSizeAs(corpus);
            FetchProfile profile = new FetchProfile();
            profile.add(FetchProfile.Item.ENVELOPE);
            profile.add(FetchProfile.Item.CONTENT_INFO);
            inbox.fetch(messages, profile);
            // The server offers UTF8=ACCEPT, which Jakarta Mail enables: it then reads the envelope's
            // strings as UTF-8 (RFC 6855 §3), so the local parse reads raw header octets as UTF-8 too.
            Properties utf8 = new Properties();
            utf8.setProperty("mail.mime.allowutf8", "true");
            Session local = Session.getInstance(utf8);
            SoftAssertions softly = new SoftAssertions();
            for (int i = 0; i < corpus.size(); i++) {
                MimeMessage parsed;
                try (var in = Files.newInputStream(corpus.get(i))) {
                    parsed = new MimeMessage(local, in);
                }
                softly.assertThat(StructureOutline.of(messages[i])).as(corpus.get(i).getFileName().toString())
                        .isEqualTo(StructureOutline.of(parsed));
            }
            inbox.close(false);
            softly.assertAll();
        } finally {
            store.close();
        }
    }

    /** An SSL socket factory trusting exactly the server's generated certificate. */
    private static SSLSocketFactory trustingOnly(Path certificatePem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (var in = Files.newInputStream(certificatePem)) {
            trust.setCertificateEntry("mailroom", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    /**
     * POP3 message N and IMAP UID N are the N-th message sent (a new INBOX, UIDs from 1, RFC 9051 §2.3.1.1).
     * Returns the directory of what was fetched over IMAP.
     */
    private static Path assertFetchedByteForByte(String sender, String user, List<Path> corpus, String helo,
            Via via)
            throws IOException {
        Path pop3 = mailroom.dir().resolve(user + "-pop3");
        Path imap = mailroom.dir().resolve(user + "-imap");
        String ca = mailroom.certificate().toString();
        // Submissions are read after STLS / STARTTLS on 110 / 143, relayed mail over implicit TLS on 995 / 993.
        String tls = via == Via.SUBMISSION ? "starttls" : "implicit";
        String pop3Port = Integer.toString(mailroom.port(via == Via.SUBMISSION ? "pop3.port" : "pop3s.port"));
        String imapPort = Integer.toString(mailroom.port(via == Via.SUBMISSION ? "imap.port" : "imaps.port"));
        succeeded(mailroom.python("pop3", tls, "127.0.0.1", pop3Port, ca, user, PASSWORD, pop3.toString()));
        succeeded(mailroom.python("imap", tls, "127.0.0.1", imapPort, ca, user, PASSWORD, imap.toString()));
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
        return imap;
    }
}
