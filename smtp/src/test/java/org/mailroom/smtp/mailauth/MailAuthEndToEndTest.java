package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.smtp.ListenerKind;
import org.mailroom.smtp.SmtpTestServer;
import org.mailroom.smtp.TestSecurity;
import org.mailroom.smtp.Transcript;
import org.mailroom.smtp.mailauth.dkim.DkimAlgorithm;
import org.mailroom.smtp.mailauth.dkim.DkimKeys;
import org.mailroom.smtp.mailauth.dkim.DkimSigner;
import org.mailroom.smtp.mailauth.dkim.SigningKey;
import org.mailroom.smtp.mailauth.dmarc.PublicSuffixList;
import org.mailroom.smtp.outbound.DnsMxResolver;
import org.mailroom.smtp.outbound.OutboundConfig;
import org.mailroom.smtp.outbound.QueueRunner;
import org.mailroom.smtp.outbound.SmtpClientFactory;
import org.mailroom.smtp.outbound.Timeouts;
import org.mailroom.store.Account;
import org.mailroom.store.DkimKey;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.xbill.DNS.SimpleResolver;

/**
 * Two Mailroom SMTP servers on loopback, alpha.test and beta.test, each with its DKIM key in its store
 * and one DNS stub publishing both domains' MX, SPF, DKIM and DMARC records. A user of each submits
 * a message to the other; it is signed on the way out, leaves through the sender's outbound queue
 * (MX found in the stub) and arrives with spf=pass, dkim=pass and dmarc=pass. A forger connecting
 * from another address (127.0.0.2) with a signature by a key nobody published is refused with 550
 * 5.7.1 for alpha.test (p=reject) and filed to Junk for beta.test (p=quarantine).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the two servers start once; each test has its own recipients
class MailAuthEndToEndTest {

    static final String ALPHA_HOST = "mx.alpha.test";
    static final String BETA_HOST = "mx.beta.test";

    @TempDir
    static Path dir;

    AuthDnsStub dns;
    KeyPair alphaKey;
    KeyPair betaKey;
    SmtpTestServer alpha;
    SmtpTestServer beta;
    Account amy;
    Account bea;
    Account ann;
    Account ben;
    Account al;
    SmtpClientFactory clients;
    List<QueueRunner> runners = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        alphaKey = rsa.generateKeyPair();
        betaKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        dns = new AuthDnsStub()
                .mx("alpha.test", ALPHA_HOST).a(ALPHA_HOST, "127.0.0.1")
                .txt("alpha.test", "v=spf1 mx -all")
                .txt("a2026._domainkey.alpha.test", "v=DKIM1; k=rsa; p=" + DkimKeys.recordValue(alphaKey.getPublic()))
                .txt("_dmarc.alpha.test", "v=DMARC1; p=reject; adkim=s; aspf=s")
                .mx("beta.test", BETA_HOST).a(BETA_HOST, "127.0.0.1")
                .txt("beta.test", "v=spf1 mx -all")
                .txt("b2026._domainkey.beta.test", "v=DKIM1; k=ed25519; p=" + DkimKeys.recordValue(betaKey.getPublic()))
                .txt("_dmarc.beta.test", "v=DMARC1; p=quarantine");
        alpha = server("alpha", "alpha.test", ALPHA_HOST, new DkimKey("alpha.test", "a2026", "rsa-sha256",
                Base64.getEncoder().encodeToString(alphaKey.getPrivate().getEncoded()),
                DkimKeys.recordValue(alphaKey.getPublic()), Instant.now()));
        beta = server("beta", "beta.test", BETA_HOST, new DkimKey("beta.test", "b2026", "ed25519-sha256",
                Base64.getEncoder().encodeToString(betaKey.getPrivate().getEncoded()),
                DkimKeys.recordValue(betaKey.getPublic()), Instant.now()));
        amy = alpha.security.addAccount("amy@alpha.test", "amy-secret");
        bea = beta.security.addAccount("bea@beta.test", "bea-secret");
        ann = alpha.security.addAccount("ann@alpha.test", "ann-secret");
        ben = beta.security.addAccount("ben@beta.test", "ben-secret");
        al = alpha.security.addAccount("al@alpha.test", "al-secret");
        clients = new SmtpClientFactory(Timeouts.all(Duration.ofSeconds(30)));
    }

    SmtpTestServer server(String name, String domain, String host, DkimKey key) {
        MailAuthConfig config = new MailAuthConfig(true, host, PolicyAction.REJECT, PolicyAction.JUNK,
                PolicyAction.ACCEPT, false, false, PublicSuffixList.builtIn());
        return new SmtpTestServer(dir.resolve(name), Map.of("hostname", host), (store, services) -> {
            store.admin().addDomain(domain);
            store.dkimKeys().add(key);
            return services.withMailAuth(MailAuthServices.create(config, store, dns.lookup(), Clock.systemUTC()));
        });
    }

    @AfterAll
    void stop() {
        runners.forEach(QueueRunner::close);
        if (clients != null) {
            clients.close();
        }
        for (SmtpTestServer s : new SmtpTestServer[] {alpha, beta}) {
            if (s != null) {
                s.close();
            }
        }
        dns.close();
    }

    /** The sender's outbound queue, finding the other server through the stub's MX and A records. */
    void deliverQueue(SmtpTestServer from, String hostname, SmtpTestServer to) throws Exception {
        Settings s = new Settings(Map.of("hostname", hostname), dir, "runner.properties");
        OutboundConfig c = OutboundConfig.from(s, CoreConfig.from(s));
        SimpleResolver resolver = new SimpleResolver(dns.address());
        resolver.setTimeout(Duration.ofSeconds(5));
        // every MX of this test is 127.0.0.1; the port is the receiving server's, as port 25 cannot be bound
        QueueRunner runner = new QueueRunner(c, from.store.queue(), new DnsMxResolver(resolver, to.port(ListenerKind.MX)),
                clients, Clock.systemUTC(), new DeliveryAgent(from.store.delivery(), DeliveryConfig.DEFAULT,
                        Clock.systemUTC()));
        runners.add(runner);
        runner.deliverDue();
        assertThat(from.store.queue().list()).as("queue of " + hostname + " after delivery").isEmpty();
    }

    static String message(String from, String to, String subject) {
        return "From: " + from + "\r\nTo: " + to + "\r\nSubject: " + subject + "\r\n"
                + "Date: Fri, 04 Dec 2026 11:00:00 +0000\r\nMessage-ID: <" + subject.replace(' ', '-') + "@e2e.test>\r\n"
                + "\r\nHello across the loopback.\r\n";
    }

    void submit(SmtpTestServer server, String user, String password, String to, String content) throws IOException {
        Transcript t = Transcript.connectTls(server.port(ListenerKind.SUBMISSIONS));
        List<String> replies = MailAuthSmtpTest.session(t, "EHLO laptop", "AUTH PLAIN " + TestSecurity.plain(user, password),
                "MAIL FROM:<" + user + ">", "RCPT TO:<" + to + ">", "DATA", content + ".", "QUIT");
        assertThat(replies.get(2)).startsWith("235 ");
        assertThat(replies.get(6)).startsWith("250 ");
    }

    @Test
    void mailBetweenTheTwoArrivesWithSpfDkimAndDmarcPass() throws Exception {
        String toBeta = message("Amy <amy@alpha.test>", "bea@beta.test", "alpha to beta");
        submit(alpha, "amy@alpha.test", "amy-secret", "bea@beta.test", toBeta);
        deliverQueue(alpha, ALPHA_HOST, beta);
        String stored = single(beta.inbox(bea));
        assertThat(stored).startsWith("Return-Path: <amy@alpha.test>\r\nDelivered-To: bea@beta.test\r\n");
        assertThat(results(stored, BETA_HOST)).matches("Authentication-Results: mx\\.beta\\.test;\r\n"
                + "\tspf=pass \\(mx matched at alpha\\.test\\) smtp\\.mailfrom=alpha\\.test;\r\n"
                + "\tdkim=pass header\\.d=alpha\\.test header\\.s=a2026 header\\.a=rsa-sha256 header\\.b=[A-Za-z0-9+/]{8};\r\n"
                + "\tdmarc=pass \\(p=reject dis=none\\) header\\.from=alpha\\.test\r\n");
        assertThat(stored).contains("\r\nDKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=alpha.test;")
                .endsWith("\r\n" + toBeta);

        String toAlpha = message("Bea <bea@beta.test>", "amy@alpha.test", "beta to alpha");
        submit(beta, "bea@beta.test", "bea-secret", "amy@alpha.test", toAlpha);
        deliverQueue(beta, BETA_HOST, alpha);
        String back = single(alpha.inbox(amy));
        assertThat(results(back, ALPHA_HOST)).matches("Authentication-Results: mx\\.alpha\\.test;\r\n"
                + "\tspf=pass \\(mx matched at beta\\.test\\) smtp\\.mailfrom=beta\\.test;\r\n"
                + "\tdkim=pass header\\.d=beta\\.test header\\.s=b2026 header\\.a=ed25519-sha256 header\\.b=[A-Za-z0-9+/]{8};\r\n"
                + "\tdmarc=pass \\(p=quarantine dis=none\\) header\\.from=beta\\.test\r\n");
        assertThat(back).endsWith("\r\n" + toAlpha);
    }

    @Test
    void mailThatStaysLocalIsNotSignedUnlessConfigured() throws Exception {
        // mailauth.dkim.sign-local is off here: only mail leaving over the queue is signed
        String local = message("Amy <amy@alpha.test>", "al@alpha.test", "stays home");
        submit(alpha, "amy@alpha.test", "amy-secret", "al@alpha.test", local);
        String stored = single(alpha.inbox(al));
        assertThat(stored).doesNotContain("DKIM-Signature").doesNotContain("Authentication-Results")
                .endsWith("\r\n" + local);
        assertThat(alpha.store.queue().list()).isEmpty();
    }

    @Test
    void aForgedMessageForAlphaIsRejectedBecauseAlphaPublishesReject() throws Exception {
        String forged = forgedBy("ceo@alpha.test", "a2026", "alpha.test", "ben@beta.test", DkimAlgorithm.RSA_SHA256);
        List<String> replies = forgerSends(beta, "ceo@alpha.test", "ben@beta.test", forged);
        assertThat(replies.get(replies.size() - 1)).isEqualTo("550 5.7.1 Message rejected: it fails the DMARC policy "
                + "of alpha.test, which asks to reject such mail (RFC 7489 section 6.7)");
        assertThat(beta.inbox(ben)).isEmpty();
        assertThat(mailbox(beta.store, ben, "Junk")).isEmpty();
    }

    @Test
    void aForgedMessageForBetaGoesToJunkBecauseBetaPublishesQuarantine() throws Exception {
        String forged = forgedBy("boss@beta.test", "b2026", "beta.test", "ann@alpha.test", DkimAlgorithm.ED25519_SHA256);
        List<String> replies = forgerSends(alpha, "boss@beta.test", "ann@alpha.test", forged);
        assertThat(replies.get(replies.size() - 1)).startsWith("250 2.0.0 OK queued as ");
        assertThat(alpha.inbox(ann)).isEmpty();
        String junk = single(mailbox(alpha.store, ann, "Junk"));
        assertThat(results(junk, ALPHA_HOST)).matches("Authentication-Results: mx\\.alpha\\.test;\r\n"
                + "\tspf=fail \\([^)]*\\) smtp\\.mailfrom=beta\\.test;\r\n"
                + "\tdkim=fail [^\r\n]*header\\.d=beta\\.test header\\.s=b2026 [^\r\n]*;\r\n"
                + "\tdmarc=fail \\(p=quarantine dis=quarantine\\) header\\.from=beta\\.test\r\n");
        assertThat(junk).endsWith("\r\n" + forged);
    }

    /** A message claiming the domain, signed with the domain's selector but a key the domain never published. */
    static String forgedBy(String from, String selector, String domain, String to, DkimAlgorithm algorithm)
            throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm == DkimAlgorithm.RSA_SHA256 ? "RSA" : "Ed25519");
        if (algorithm == DkimAlgorithm.RSA_SHA256) {
            g.initialize(2048);
        }
        KeyPair wrong = g.generateKeyPair();
        List<SigningKey> keys = List.of(new SigningKey(domain, selector, algorithm, wrong.getPrivate()));
        String plain = message("The Boss <" + from + ">", to, "urgent wire transfer");
        return new DkimSigner(d -> keys, Clock.systemUTC()).sign(domain,
                new java.io.ByteArrayInputStream(plain.getBytes(StandardCharsets.US_ASCII))) + plain;
    }

    /**
     * The forger's session to a server's MX from 127.0.0.2, an address no SPF record of this test
     * authorises (the whole of 127.0.0.0/8 is loopback on Linux). Returns the last line of each reply.
     */
    static List<String> forgerSends(SmtpTestServer to, String mailFrom, String rcpt, String content) throws IOException {
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
            s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), to.port(ListenerKind.MX)), 10_000);
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = s.getOutputStream();
            List<String> replies = new ArrayList<>();
            replies.add(reply(in));
            for (String command : new String[] {"EHLO forger.example", "MAIL FROM:<" + mailFrom + ">",
                    "RCPT TO:<" + rcpt + ">", "DATA", content + "."}) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
                replies.add(reply(in));
            }
            assertThat(replies.subList(0, 5)).allSatisfy(r -> assertThat(r).matches("[23][0-9][0-9] .*"));
            return replies;
        }
    }

    static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
        } while (line != null && line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    /** The Authentication-Results field the receiving host added (there is exactly one). */
    static String results(String stored, String host) {
        String start = "Authentication-Results: " + host + ";";
        int at = stored.indexOf(start);
        assertThat(at).as(stored).isGreaterThanOrEqualTo(0);
        assertThat(stored.indexOf(start, at + 1)).as("only one field of ours").isNegative();
        int end = stored.indexOf("\r\nReceived: ", at);
        return stored.substring(at, end + 2);
    }

    static String single(List<String> messages) {
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    static List<String> mailbox(MailStore store, Account account, String name) throws IOException {
        UserMailboxes boxes = store.mailboxes().of(account.id());
        var box = boxes.find(MailboxName.of(name));
        List<String> out = new ArrayList<>();
        if (box.isEmpty()) {
            return out;
        }
        for (MessageSummary m : boxes.messages(box.get().id(), UidSet.ALL)) {
            try (InputStream in = boxes.openContent(box.get().id(), m.uid())) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
