package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;

/** A message of several megabytes goes in by APPEND and comes back by FETCH byte for byte; quotas hold. */
class LargeMessageTest {

    @TempDir
    Path dir;
    private ImapFixture fixture;

    @BeforeEach
    void start() {
        fixture = new ImapFixture(dir, true, Duration.ofMillis(50));
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    private static byte[] message(int bodyLines) {
        StringBuilder sb = new StringBuilder("From: a@example.org\r\nSubject: big\r\n\r\n");
        Random r = new Random(42);
        for (int i = 0; i < bodyLines; i++) {
            for (int j = 0; j < 76; j++) {
                sb.append((char) ('a' + r.nextInt(26)));
            }
            sb.append("\r\n");
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aFourMegabyteAppendComesBackByteForByte() throws Exception {
        byte[] msg = message(55_000);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), fixture.server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = new java.io.BufferedInputStream(s.getInputStream());
            readLine(in);
            out.write("a1 LOGIN alice@example.org secret\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(readLine(in)).startsWith("a1 OK");
            long t0 = System.nanoTime();
            out.write(("a2 APPEND INBOX {" + msg.length + "+}\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(msg);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readLine(in)).startsWith("a2 OK [APPENDUID ");
            long appendMs = (System.nanoTime() - t0) / 1_000_000;
            out.write("a3 EXAMINE INBOX\r\n".getBytes(StandardCharsets.US_ASCII));
            String l;
            while (!(l = readLine(in)).startsWith("a3 ")) {
                // untagged SELECT data
            }
            t0 = System.nanoTime();
            out.write("a4 FETCH 1 BODY.PEEK[]\r\n".getBytes(StandardCharsets.US_ASCII));
            String head = readLine(in);
            assertThat(head).isEqualTo("* 1 FETCH (BODY[] {" + msg.length + "}");
            byte[] body = in.readNBytes(msg.length);
            assertThat(readLine(in)).isEqualTo(")");
            assertThat(readLine(in)).isEqualTo("a4 OK FETCH completed");
            long fetchMs = (System.nanoTime() - t0) / 1_000_000;
            assertThat(Arrays.equals(body, msg)).isTrue();
            System.out.println("4 MB APPEND " + appendMs + " ms, FETCH " + fetchMs + " ms");
        }
    }

    @Test
    void aFourMegabyteMessageCrossesTlsIntactBothWays() throws Exception {
        byte[] msg = message(55_000);
        java.util.Properties p = new java.util.Properties();
        p.put("mail.imaps.ssl.socketFactory", org.mailroom.imap.support.TestTls.trustingClient().getSocketFactory());
        p.put("mail.imaps.ssl.checkserveridentity", "false");
        p.put("mail.imaps.timeout", "20000");
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(p);
        jakarta.mail.Store store = session.getStore("imaps");
        store.connect("127.0.0.1", fixture.server.tlsPort(), "alice@example.org", ImapFixture.PASSWORD);
        try {
            jakarta.mail.Folder inbox = store.getFolder("INBOX");
            inbox.appendMessages(new jakarta.mail.Message[] {
                new jakarta.mail.internet.MimeMessage(session, new java.io.ByteArrayInputStream(msg))});
            inbox.open(jakarta.mail.Folder.READ_ONLY);
            ByteArrayOutputStream back = new ByteArrayOutputStream();
            inbox.getMessage(1).writeTo(back);
            assertThat(back.size()).isEqualTo(msg.length);
            assertThat(Arrays.equals(back.toByteArray(), msg)).isTrue();
        } finally {
            store.close();
        }
    }

    @Test
    void anAppendBeyondTheQuotaIsRefusedWithOverquota() {
        fixture.store.admin().setQuota(EmailAddress.parse("alice@example.org"), new Quota(1000, 0));
        try (ImapTestClient c = fixture.client().login("alice@example.org")) {
            byte[] msg = Arrays.copyOf(message(30), 2000);
            c.sendRaw(("a1 APPEND INBOX {2000+}\r\n").getBytes(StandardCharsets.US_ASCII));
            c.sendRaw(msg);
            c.send("");
            assertThat(c.line()).isEqualTo("a1 NO [OVERQUOTA] Quota exceeded");
            assertThat(c.tagged("a2", "STATUS INBOX (MESSAGES)")).isEqualTo("a2 OK STATUS completed");
        }
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            b.write(c);
        }
        String s = b.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
