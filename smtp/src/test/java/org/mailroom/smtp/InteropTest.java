package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mailroom.auth.ScramClient;

/**
 * Clients nobody here wrote — Jakarta Mail's SMTP transport, curl and Python's smtplib — over every
 * listener: the MX in clear text and after STARTTLS, submission after STARTTLS and submission over
 * implicit TLS, each with every AUTH mechanism the client has that the server offers (PLAIN and LOGIN;
 * on the MX also none, as another MTA would come). Each message is found in bob's INBOX byte for byte
 * behind the three fields the server adds (Return-Path, Delivered-To, Received).
 *
 * <p>SCRAM-SHA-256 is tested only with our own client ({@link ScramClient}, written from RFC 5802 with
 * the JDK's PBKDF2 and HMAC): none of the three has it for SMTP (Jakarta Mail offers LOGIN, PLAIN,
 * DIGEST-MD5, NTLM and XOAUTH2; curl LOGIN, PLAIN, CRAM-MD5, DIGEST-MD5, NTLM, GSSAPI, EXTERNAL and the
 * OAuth ones; smtplib CRAM-MD5, PLAIN and LOGIN).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InteropTest {

    /** A way into the server: a listener and how TLS is used on it. */
    enum Route {
        MX_CLEAR(ListenerKind.MX, false, false),
        MX_STARTTLS(ListenerKind.MX, true, false),
        SUBMISSION_STARTTLS(ListenerKind.SUBMISSION, true, false),
        SUBMISSIONS_IMPLICIT_TLS(ListenerKind.SUBMISSIONS, false, true);

        final ListenerKind listener;
        final boolean starttls;
        final boolean implicitTls;

        Route(ListenerKind listener, boolean starttls, boolean implicitTls) {
            this.listener = listener;
            this.starttls = starttls;
            this.implicitTls = implicitTls;
        }

        boolean tls() {
            return starttls || implicitTls;
        }
    }

    /**
     * One combination; {@code mechanism} null means no AUTH (only the MX takes mail that way, from a
     * foreign sender; before TLS it does not even offer AUTH).
     */
    record Case(Route route, String mechanism) {

        String sender() {
            return mechanism == null ? "friend@example.net" : "alice@example.org";
        }

        /** The Received field's protocol (RFC 3848). */
        String protocol() {
            return "ESMTP" + (route.tls() ? "S" : "") + (mechanism != null ? "A" : "");
        }

        String subject(String client) {
            return client + " " + route.name().toLowerCase(Locale.ROOT) + " " + (mechanism == null ? "noauth" : mechanism);
        }

        @Override
        public String toString() {
            return route + (mechanism == null ? " without AUTH" : " with AUTH " + mechanism);
        }
    }

    static Stream<Case> everyListenerAndMechanism() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case(Route.MX_CLEAR, null));
        cases.add(new Case(Route.MX_STARTTLS, null));
        for (Route r : List.of(Route.MX_STARTTLS, Route.SUBMISSION_STARTTLS, Route.SUBMISSIONS_IMPLICIT_TLS)) {
            cases.add(new Case(r, "PLAIN"));
            cases.add(new Case(r, "LOGIN"));
        }
        return cases.stream();
    }

    static Stream<Route> everyListenerWithAuth() {
        return Stream.of(Route.MX_STARTTLS, Route.SUBMISSION_STARTTLS, Route.SUBMISSIONS_IMPLICIT_TLS);
    }

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

    /** A message with every field a submission server would otherwise add, so none is added. */
    private static String body(Case c, String client) {
        return "From: " + c.sender() + "\r\nTo: bob@example.org\r\nSubject: " + c.subject(client) + "\r\n"
                + "Date: Fri, 4 Dec 2026 10:00:00 +0000\r\nMessage-ID: <" + client + "-" + c.route().ordinal()
                + "-" + c.mechanism() + "@example.org>\r\n\r\nHi.\r\n.a line starting with a dot\r\n..two\r\n";
    }

    /**
     * The one message in bob's INBOX with this subject: the server's three fields, then exactly what the
     * client sent.
     */
    private void assertStoredByteForByte(Case c, String subject, String sent) {
        List<String> found = mx.inbox(mx.bob).stream().filter(m -> m.contains("\r\nSubject: " + subject + "\r\n")).toList();
        assertThat(found).as("messages with subject %s", subject).hasSize(1);
        String stored = found.get(0);
        String added = "Return-Path: <" + c.sender() + ">\r\nDelivered-To: bob@example.org\r\nReceived: from ";
        assertThat(stored).startsWith(added);
        int end = stored.indexOf(" +0000\r\n") + " +0000\r\n".length();
        String received = stored.substring("Return-Path: <".length() + c.sender().length() + 3
                + "Delivered-To: bob@example.org\r\n".length(), end);
        assertThat(received).contains("\r\n\tby mx.example.org with " + c.protocol() + "\r\n");
        if (c.route().tls()) {
            assertThat(received).containsPattern("\\(using TLSv1\\.[23] with cipher [A-Z0-9_]+\\)");
        } else {
            assertThat(received).doesNotContain("using TLS");
        }
        assertThat(received.split("\r\n")).as("one Received field, folded").allMatch(
                l -> l.startsWith("Received: ") || l.startsWith("\t"));
        assertThat(stored.substring(end)).isEqualTo(sent);
    }

    // --- Jakarta Mail ---

    private Session jakarta(Case c) {
        String protocol = c.route().implicitTls ? "smtps" : "smtp";
        Properties p = new Properties();
        String k = "mail." + protocol + ".";
        p.put(k + "host", "127.0.0.1");
        p.put(k + "port", Integer.toString(mx.port(c.route().listener)));
        p.put(k + "auth", Boolean.toString(c.mechanism() != null));
        if (c.mechanism() != null) {
            p.put(k + "auth.mechanisms", c.mechanism());
        }
        p.put(k + "starttls.enable", Boolean.toString(c.route().starttls));
        p.put(k + "starttls.required", Boolean.toString(c.route().starttls));
        p.put(k + "ssl.socketFactory", TestSecurity.trustingClientContext().getSocketFactory());
        p.put(k + "ssl.checkserveridentity", "false");
        p.put(k + "localhost", "jakarta.example");
        p.put(k + "timeout", "20000");
        return Session.getInstance(p);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyListenerAndMechanism")
    void jakartaMail(Case c) throws Exception {
        Session s = jakarta(c);
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress(c.sender()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
        m.setSubject(c.subject("jakarta"));
        m.setText("Hello from Jakarta Mail.\r\n.leading dot\r\n", "UTF-8");
        m.saveChanges();
        try (Transport t = s.getTransport(c.route().implicitTls ? "smtps" : "smtp")) {
            if (c.mechanism() != null) {
                t.connect("alice@example.org", SmtpTestServer.ALICE_PASSWORD);
            } else {
                t.connect();
            }
            t.sendMessage(m, m.getAllRecipients());
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        m.writeTo(sent);
        assertStoredByteForByte(c, c.subject("jakarta"), sent.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jakartaMailSendsInBdatChunksWhenToldTo() throws Exception {
        Case c = new Case(Route.SUBMISSION_STARTTLS, "PLAIN");
        Session s = jakarta(c);
        s.getProperties().put("mail.smtp.chunksize", "1000");
        ByteArrayOutputStream dialogue = new ByteArrayOutputStream();
        s.setDebugOut(new java.io.PrintStream(dialogue, true, StandardCharsets.UTF_8));
        s.setDebug(true);
        MimeMessage m = new MimeMessage(s);
        m.setFrom(new InternetAddress(c.sender()));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress("bob@example.org"));
        m.setSubject("jakarta chunks");
        m.setText(("A line of a longer message, sent in chunks.\r\n").repeat(100), "UTF-8");
        m.saveChanges();
        try (Transport t = s.getTransport("smtp")) {
            t.connect("alice@example.org", SmtpTestServer.ALICE_PASSWORD);
            t.sendMessage(m, m.getAllRecipients());
        }
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        m.writeTo(sent);
        assertThat(sent.size()).isGreaterThan(4000);
        assertThat(dialogue.toString(StandardCharsets.UTF_8)).contains("BDAT 1000").containsPattern("BDAT \\d+ LAST");
        assertStoredByteForByte(c, "jakarta chunks", sent.toString(StandardCharsets.UTF_8));
    }

    // --- curl ---

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + "\n" + out).isZero();
    }

    private Path file(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return f;
    }

    private List<String> curlCommand(Case c, Path message) {
        int port = mx.port(c.route().listener);
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--max-time", "30"));
        if (c.route().implicitTls) {
            cmd.addAll(List.of("--cacert", TestSecurity.certificateFile().toString(), "--resolve",
                    "mx.example.org:" + port + ":127.0.0.1", "smtps://mx.example.org:" + port + "/curl.example"));
        } else if (c.route().starttls) {
            cmd.addAll(List.of("--ssl-reqd", "--cacert", TestSecurity.certificateFile().toString(), "--resolve",
                    "mx.example.org:" + port + ":127.0.0.1", "smtp://mx.example.org:" + port + "/curl.example"));
        } else {
            cmd.add("smtp://127.0.0.1:" + port + "/curl.example");
        }
        if (c.mechanism() != null) {
            cmd.addAll(List.of("--user", "alice@example.org:" + SmtpTestServer.ALICE_PASSWORD,
                    "--login-options", "AUTH=" + c.mechanism()));
        }
        cmd.addAll(List.of("--mail-from", c.sender(), "--mail-rcpt", "bob@example.org",
                "--upload-file", message.toString()));
        return cmd;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyListenerAndMechanism")
    void curl(Case c) throws Exception {
        String body = body(c, "curl");
        run(curlCommand(c, file("curl-" + c.route() + "-" + c.mechanism() + ".eml", body)));
        assertStoredByteForByte(c, c.subject("curl"), body);
    }

    @Test
    void curlOverImplicitTlsGetsDateAndMessageIdAddedToASubmissionWithout() throws Exception {
        String body = "From: alice@example.org\r\nTo: bob@example.org\r\nSubject: curl smtps bare\r\n\r\nHi.\r\n";
        run(List.of("curl", "-sS", "--insecure", "smtps://127.0.0.1:" + mx.port(ListenerKind.SUBMISSIONS) + "/curl.example",
                "--user", "alice@example.org:" + SmtpTestServer.ALICE_PASSWORD, "--login-options", "AUTH=LOGIN",
                "--mail-from", "alice@example.org", "--mail-rcpt", "bob@example.org",
                "--upload-file", file("curl-bare.eml", body).toString()));
        String stored = mx.inbox(mx.bob).stream().filter(m -> m.contains("Subject: curl smtps bare")).findFirst()
                .orElseThrow();
        String afterReceived = stored.substring(stored.indexOf(" +0000\r\n") + " +0000\r\n".length());
        assertThat(afterReceived).matches("From: alice@example.org\r\nTo: bob@example.org\r\n"
                + "Subject: curl smtps bare\r\nDate: [^\r\n]+\r\nMessage-ID: <[^>]+@mx.example.org>\r\n\r\nHi.\r\n");
    }

    // --- Python's smtplib ---

    private void python(Case c, String recipient, Path message) throws Exception {
        Path script = dir.resolve("smtplib_send.py");
        if (!Files.exists(script)) {
            try (var in = getClass().getResourceAsStream("/smtp/smtplib_send.py")) {
                Files.write(script, in.readAllBytes());
            }
        }
        String mode = c.route().implicitTls ? "ssl" : c.route().starttls ? "starttls" : "plain";
        run(List.of("python3", script.toString(), "127.0.0.1", Integer.toString(mx.port(c.route().listener)), mode,
                "alice@example.org", SmtpTestServer.ALICE_PASSWORD, c.mechanism() == null ? "NONE" : c.mechanism(),
                c.sender(), recipient, message.toString(), TestSecurity.certificateFile().toString()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyListenerAndMechanism")
    void pythonSmtplib(Case c) throws Exception {
        String body = body(c, "python");
        python(c, "bob@example.org", file("py-" + c.route() + "-" + c.mechanism() + ".eml", body));
        assertStoredByteForByte(c, c.subject("python"), body);
    }

    @Test
    void pythonSmtplibAsksForSmtputf8ByItselfForAnInternationalAddress() throws Exception {
        var jose = mx.security.addAccount("jos\u00e9@example.org", "pw-jose");
        String body = "From: alice@example.org\r\nTo: jos\u00e9@example.org\r\nSubject: python caf\u00e9\r\n"
                + "Date: Fri, 4 Dec 2026 10:00:00 +0000\r\nMessage-ID: <py-utf8@example.org>\r\n\r\nCaf\u00e9.\r\n";
        python(new Case(Route.SUBMISSIONS_IMPLICIT_TLS, "PLAIN"), "jos\u00e9@example.org", file("py-utf8.eml", body));
        String stored = mx.inbox(jose).get(0);
        assertThat(stored).contains("with UTF8SMTPSA");
        assertThat(stored).endsWith(" +0000\r\n" + body);
    }

    // --- SCRAM-SHA-256, with our own client: none of the three above has it ---

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyListenerWithAuth")
    void scramSha256WithOurOwnClient(Route route) throws Exception {
        Case c = new Case(route, "SCRAM-SHA-256");
        Transcript t = route.implicitTls ? Transcript.connectTls(mx.port(route.listener))
                : Transcript.connect(mx.port(route.listener));
        String ehlo = Transcript.ehlo("scram.example");
        t.run("S: 220 mx.example.org ESMTP ready\n" + ehlo);
        if (route.starttls) {
            t.run("""
                    C: STARTTLS
                    S: 220 2.0.0 Ready to start TLS
                    TLS
                    """ + ehlo);
        }
        ScramClient scram = new ScramClient("n,,", "alice@example.org", SmtpTestServer.ALICE_PASSWORD,
                "rOprNGfwEbeRWgbNEkqO" + route.ordinal());
        t.send(("AUTH SCRAM-SHA-256 " + b64(scram.clientFirst()) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        String serverFirst = challenge(t.readLine());
        t.send((b64(scram.clientFinal(serverFirst)) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        assertThat(challenge(t.readLine())).isEqualTo(scram.expectedServerFinal());
        String body = body(c, "scram");
        StringBuilder data = new StringBuilder();
        for (String line : body.split("\r\n", -1)) {
            data.append(line.startsWith(".") ? "." : "").append(line).append("\r\n");
        }
        data.setLength(data.length() - 2);
        t.run("""
                C:
                S: 235 2.7.0 Authentication successful
                C: MAIL FROM:<alice@example.org>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                """);
        t.send((data + ".\r\n").getBytes(StandardCharsets.US_ASCII));
        t.run("""
                S: 250 2.0.0 OK queued as *
                C: QUIT
                S: 221 *
                """);
        assertStoredByteForByte(c, c.subject("scram"), body);
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String challenge(String line) {
        assertThat(line).startsWith("334 ");
        return new String(Base64.getDecoder().decode(line.substring(4)), StandardCharsets.UTF_8);
    }
}
