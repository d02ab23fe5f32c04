package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients nobody here wrote: Jakarta Mail's SMTP transport, curl and Python's smtplib, over every
 * listener (plain, STARTTLS, implicit TLS) and with PLAIN and LOGIN; each message is found in the
 * recipient's INBOX byte for byte behind the fields the server adds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropTest {

    SmtpTestServer mx;
    Path dir;

    @BeforeAll
    void start(@TempDir Path tmp) {
        dir = tmp;
        mx = new SmtpTestServer(dir, Map.of());
    }

    @AfterAll
    void stop() {
        mx.close();
    }

    /** The one message in bob's INBOX that has this subject, with our trace fields checked and removed. */
    private String storedBody(String subject) {
        List<String> found = mx.inbox(mx.bob).stream().filter(m -> m.contains("Subject: " + subject + "\r\n")).toList();
        assertThat(found).hasSize(1);
        String m = found.get(0);
        assertThat(m).startsWith("Return-Path: <alice@example.org>\r\nDelivered-To: bob@example.org\r\nReceived: from ");
        int end = m.indexOf(" +0000\r\n");
        return m.substring(end + " +0000\r\n".length());
    }

    private Session jakarta(String protocol, int port, boolean starttls, String mechanism) {
        Properties p = new Properties();
        p.put("mail." + protocol + ".host", "127.0.0.1");
        p.put("mail." + protocol + ".port", Integer.toString(port));
        p.put("mail." + protocol + ".auth", Boolean.toString(mechanism != null));
        if (mechanism != null) {
            p.put("mail." + protocol + ".auth.mechanisms", mechanism);
        }
        p.put("mail." + protocol + ".starttls.enable", Boolean.toString(starttls));
        p.put("mail." + protocol + ".starttls.required", Boolean.toString(starttls));
        p.put("mail." + protocol + ".ssl.socketFactory", TestSecurity.trustingClientContext().getSocketFactory());
        p.put("mail." + protocol + ".ssl.checkserveridentity", "false");
        p.put("mail." + protocol + ".localhost", "jakarta.example");
        p.put("mail." + protocol + ".timeout", "20000");
        return Session.getInstance(p);
    }

    private MimeMessage message(Session s, String subject) throws Exception {
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress("alice@example.org"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
        m.setSubject(subject);
        m.setText("Hello from Jakarta Mail.\r\n.leading dot\r\n", "UTF-8");
        m.saveChanges();
        return m;
    }

    private String send(Session s, String protocol, MimeMessage m, boolean auth) throws Exception {
        try (Transport t = s.getTransport(protocol)) {
            if (auth) {
                t.connect("alice@example.org", SmtpTestServer.ALICE_PASSWORD);
            } else {
                t.connect();
            }
            t.sendMessage(m, m.getAllRecipients());
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        m.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void jakartaMailSubmissionWithStarttlsAndAuthPlain() throws Exception {
        Session s = jakarta("smtp", mx.port(ListenerKind.SUBMISSION), true, "PLAIN");
        String sent = send(s, "smtp", message(s, "jakarta plain"), true);
        assertThat(storedBody("jakarta plain")).isEqualTo(sent);
        assertThat(mx.inbox(mx.bob).toString()).contains("by mx.example.org with ESMTPSA");
    }

    @Test
    void jakartaMailSubmissionWithStarttlsAndAuthLogin() throws Exception {
        Session s = jakarta("smtp", mx.port(ListenerKind.SUBMISSION), true, "LOGIN");
        String sent = send(s, "smtp", message(s, "jakarta login"), true);
        assertThat(storedBody("jakarta login")).isEqualTo(sent);
    }

    @Test
    void jakartaMailSendsInBdatChunksWhenToldTo() throws Exception {
        Session s = jakarta("smtp", mx.port(ListenerKind.SUBMISSION), true, "PLAIN");
        s.getProperties().put("mail.smtp.chunksize", "1000");
        java.io.ByteArrayOutputStream dialogue = new java.io.ByteArrayOutputStream();
        s.setDebugOut(new java.io.PrintStream(dialogue, true, StandardCharsets.UTF_8));
        s.setDebug(true);
        MimeMessage m = message(s, "jakarta chunks");
        m.setText(("A line of a longer message, sent in chunks.\r\n").repeat(100), "UTF-8");
        m.saveChanges();
        String sent = send(s, "smtp", m, true);
        assertThat(sent.length()).isGreaterThan(4000);
        assertThat(dialogue.toString(StandardCharsets.UTF_8)).contains("BDAT 1000").containsPattern("BDAT \\d+ LAST");
        assertThat(storedBody("jakarta chunks")).isEqualTo(sent);
    }

    @Test
    void jakartaMailImplicitTlsOn465() throws Exception {
        Session s = jakarta("smtps", mx.port(ListenerKind.SUBMISSIONS), false, "PLAIN");
        String sent = send(s, "smtps", message(s, "jakarta smtps"), true);
        assertThat(storedBody("jakarta smtps")).isEqualTo(sent);
    }

    @Test
    void jakartaMailToTheMxWithoutAuthFromAForeignSender() throws Exception {
        Session s = jakarta("smtp", mx.port(ListenerKind.MX), true, null);
        MimeMessage m = message(s, "jakarta mx");
        m.setFrom(new InternetAddress("friend@example.net"));
        m.saveChanges();
        send(s, "smtp", m, false);
        String stored = mx.inbox(mx.bob).stream().filter(x -> x.contains("Subject: jakarta mx")).findFirst().orElseThrow();
        assertThat(stored).contains("with ESMTPS\r\n\t(using TLSv1.");
    }

    private void curl(String... args) throws Exception {
        Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    @Test
    void curlSubmissionWithSslReqdAndAuthPlain() throws Exception {
        String body = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: curl starttls\r\n"
                + "Date: Fri, 4 Dec 2026 10:00:00 +0000\r\nMessage-ID: <curl-1@example.org>\r\n\r\nHi.\r\n.dot\r\n";
        curl("curl", "-sS", "--ssl-reqd", "--insecure", "smtp://127.0.0.1:" + mx.port(ListenerKind.SUBMISSION) + "/curl.example",
                "--user", "alice@example.org:" + SmtpTestServer.ALICE_PASSWORD, "--login-options", "AUTH=PLAIN",
                "--mail-from", "alice@example.org", "--mail-rcpt", "bob@example.org",
                "--upload-file", file("curl1.eml", body).toString());
        assertThat(storedBody("curl starttls")).isEqualTo(body);
    }

    @Test
    void curlImplicitTlsWithAuthLoginGetsDateAndMessageIdAdded() throws Exception {
        String body = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: curl smtps\r\n\r\nHi.\r\n";
        curl("curl", "-sS", "--insecure", "smtps://127.0.0.1:" + mx.port(ListenerKind.SUBMISSIONS) + "/curl.example",
                "--user", "alice@example.org:" + SmtpTestServer.ALICE_PASSWORD, "--login-options", "AUTH=LOGIN",
                "--mail-from", "alice@example.org", "--mail-rcpt", "bob@example.org",
                "--upload-file", file("curl2.eml", body).toString());
        assertThat(storedBody("curl smtps")).matches("From: alice@example.org\r\nTo: bob@example.org\r\n"
                + "Subject: curl smtps\r\nDate: [^\r\n]+\r\nMessage-ID: <[^>]+@mx.example.org>\r\n\r\nHi.\r\n");
    }

    @Test
    void curlToTheMxWithSslReqdAndNoAuth() throws Exception {
        String body = "From: friend@example.net\r\nSubject: curl mx\r\n\r\nHi.\r\n";
        curl("curl", "-sS", "--ssl-reqd", "--insecure", "smtp://127.0.0.1:" + mx.port(ListenerKind.MX) + "/curl.example",
                "--mail-from", "friend@example.net", "--mail-rcpt", "bob@example.org",
                "--upload-file", file("curl3.eml", body).toString());
        String stored = mx.inbox(mx.bob).stream().filter(x -> x.contains("Subject: curl mx")).findFirst().orElseThrow();
        assertThat(stored).endsWith(" +0000\r\n" + body);
    }

    @Test
    void curlToTheMxInClearText() throws Exception {
        String body = "From: friend@example.net\r\nSubject: curl clear\r\n\r\nHi.\r\n";
        curl("curl", "-sS", "smtp://127.0.0.1:" + mx.port(ListenerKind.MX) + "/curl.example",
                "--mail-from", "friend@example.net", "--mail-rcpt", "bob@example.org",
                "--upload-file", file("curl4.eml", body).toString());
        String stored = mx.inbox(mx.bob).stream().filter(x -> x.contains("Subject: curl clear")).findFirst().orElseThrow();
        assertThat(stored).contains("\tby mx.example.org with ESMTP\r\n").endsWith(" +0000\r\n" + body);
    }

    private void python(String mode, ListenerKind kind, String mech, String messageFile) throws Exception {
        Path script = dir.resolve("smtplib_send.py");
        try (var in = getClass().getResourceAsStream("/smtp/smtplib_send.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder("python3", script.toString(), "127.0.0.1", Integer.toString(mx.port(kind)), mode,
                "alice@example.org", SmtpTestServer.ALICE_PASSWORD, mech, "alice@example.org", "bob@example.org",
                messageFile, TestSecurity.certificateFile().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    @Test
    void pythonSmtplibStarttlsAndLogin() throws Exception {
        String body = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: python starttls\r\n"
                + "Date: Fri, 4 Dec 2026 10:00:00 +0000\r\nMessage-ID: <py-1@example.org>\r\n\r\nHi.\r\n";
        python("starttls", ListenerKind.SUBMISSION, "LOGIN", file("py1.eml", body).toString());
        assertThat(storedBody("python starttls")).isEqualTo(body);
    }

    @Test
    void pythonSmtplibImplicitTlsPlainWithSmtputf8() throws Exception {
        mx.security.addAccount("jos\u00e9@example.org", "pw-jose");
        String body = "From: alice@example.org\r\nTo: jos\u00e9@example.org\r\nSubject: python caf\u00e9\r\n"
                + "Date: Fri, 4 Dec 2026 10:00:00 +0000\r\nMessage-ID: <py-2@example.org>\r\n\r\nCaf\u00e9.\r\n";
        Path f = file("py2.eml", body);
        Path script = dir.resolve("smtplib_send.py");
        try (var in = getClass().getResourceAsStream("/smtp/smtplib_send.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process p = new ProcessBuilder("python3", script.toString(), "127.0.0.1",
                Integer.toString(mx.port(ListenerKind.SUBMISSIONS)), "ssl", "alice@example.org",
                SmtpTestServer.ALICE_PASSWORD, "PLAIN", "alice@example.org", "jos\u00e9@example.org", f.toString(),
                TestSecurity.certificateFile().toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        var jose = mx.store.admin().account(org.mailroom.store.EmailAddress.parse("jos\u00e9@example.org")).orElseThrow();
        String stored = mx.inbox(jose).get(0);
        assertThat(stored).contains("with UTF8SMTPSA");
        assertThat(stored).endsWith(" +0000\r\n" + body);
    }
}
