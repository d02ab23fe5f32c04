package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.TestTls;

/**
 * COMPRESS=DEFLATE (RFC 4978) with a client nobody here wrote: Jakarta Mail's IMAP store (Angus Mail)
 * turns it on with {@code mail.imap.compress.enable}, after STARTTLS and on the implicit-TLS port, and
 * reads and appends through it. (curl and Python's imaplib do not speak COMPRESS.)
 */
class CompressInteropTest {

    private static final String MESSAGE = "From: Sender <sender@remote.test>\r\nTo: alice@example.org\r\n"
            + "Subject: squeezed\r\nDate: Mon, 1 Jan 2024 10:00:00 +0000\r\n\r\n" + "All work and no play. ".repeat(500)
            + "\r\n";

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

    @ParameterizedTest(name = "implicit TLS: {0}")
    @ValueSource(booleans = {true, false})
    void jakartaMailCompressesInsideTlsAndReadsAndAppends(boolean implicit) throws Exception {
        Properties p = new Properties();
        String proto = implicit ? "imaps" : "imap";
        p.put("mail." + proto + ".ssl.socketFactory", TestTls.trustingClient().getSocketFactory());
        p.put("mail." + proto + ".ssl.checkserveridentity", "false");
        p.put("mail." + proto + ".starttls.required", "true");
        p.put("mail." + proto + ".compress.enable", "true");
        p.put("mail." + proto + ".timeout", "10000");
        Session session = Session.getInstance(p);
        ByteArrayOutputStream debug = new ByteArrayOutputStream();
        session.setDebugOut(new PrintStream(debug, true, StandardCharsets.UTF_8));
        session.setDebug(true);
        Store store = session.getStore(proto);
        store.connect("127.0.0.1", implicit ? fixture.server.tlsPort() : fixture.server.port(), "alice@example.org",
                ImapFixture.PASSWORD);
        try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("squeezed");
            assertThat((String) inbox.getMessage(1).getContent()).contains("All work and no play.");
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            inbox.getMessage(2).writeTo(raw);
            assertThat(raw.toString(StandardCharsets.UTF_8)).endsWith(new String(ImapFixture.corpus("06-nested.eml"),
                    StandardCharsets.UTF_8));
            MimeMessage appended = new MimeMessage(session);
            appended.setSubject("through deflate");
            appended.setText("x".repeat(10_000));
            inbox.appendMessages(new Message[] {appended});
            assertThat(inbox.getMessageCount()).isEqualTo(3);
            assertThat(inbox.getMessage(3).getSubject()).isEqualTo("through deflate");
            inbox.close(false);
        } finally {
            store.close();
        }
        String log = debug.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("COMPRESS DEFLATE").contains("OK DEFLATE active");
    }
}
