package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.smtp.ListenerKind;
import org.mailroom.smtp.SmtpTestServer;
import org.mailroom.smtp.Transcript;
import org.mailroom.smtp.TestSecurity;
import org.mailroom.smtp.mailauth.dkim.DkimAlgorithm;
import org.mailroom.smtp.mailauth.dkim.DkimKeys;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dkim.DkimSigner;
import org.mailroom.smtp.mailauth.dkim.DkimVerifier;
import org.mailroom.smtp.mailauth.dkim.SigningKey;
import org.mailroom.smtp.mailauth.dmarc.PublicSuffixList;
import org.mailroom.store.Cidr;
import org.mailroom.store.DkimKey;

/**
 * Mail authentication in the SMTP server, end to end on loopback against the real store and the DNS
 * stub: the MX checks SPF, DKIM and DMARC of strangers' mail, records them in Authentication-Results
 * and refuses what a p=reject domain disowns; submissions are DKIM-signed; our own users and relay-rule
 * networks are never checked.
 */
class MailAuthSmtpTest {

    static final String HOST = SmtpTestServer.HOST;

    AuthDnsStub dns;
    SmtpTestServer mx;
    KeyPair senderKey;
    KeyPair ourKey;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        senderKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        ourKey = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        dns = new AuthDnsStub()
                .txt("sender.test", "v=spf1 ip4:127.0.0.1 -all")
                .txt("sel._domainkey.sender.test", "v=DKIM1; k=ed25519; p=" + DkimKeys.recordValue(senderKey.getPublic()))
                .txt("_dmarc.sender.test", "v=DMARC1; p=reject")
                .txt("forged.test", "v=spf1 ip4:192.0.2.10 -all")
                .txt("_dmarc.forged.test", "v=DMARC1; p=reject")
                .txt("soft.test", "v=spf1 ip4:192.0.2.10 -all")
                .txt("_dmarc.soft.test", "v=DMARC1; p=quarantine")
                .servfail("down.test").servfail("_dmarc.down.test")
                .txt("mr._domainkey.example.org", "v=DKIM1; k=ed25519; p=" + DkimKeys.recordValue(ourKey.getPublic()));
        mx = server(dir, PolicyAction.ACCEPT);
    }

    SmtpTestServer server(Path dir, PolicyAction onTemporaryError) {
        MailAuthConfig config = new MailAuthConfig(true, HOST, PolicyAction.REJECT, PolicyAction.JUNK,
                onTemporaryError, false, true, PublicSuffixList.builtIn());
        return new SmtpTestServer(dir, Map.of(), (store, services) -> {
            store.dkimKeys().add(new DkimKey("example.org", "mr", "ed25519-sha256",
                    Base64.getEncoder().encodeToString(ourKey.getPrivate().getEncoded()),
                    DkimKeys.recordValue(ourKey.getPublic()), java.time.Instant.now()));
            return services.withMailAuth(MailAuthServices.create(config, store, dns.lookup(), Clock.systemUTC()));
        });
    }

    @AfterEach
    void stop() {
        mx.close();
        dns.close();
    }

    static String message(String from) {
        return "From: Alice <" + from + ">\r\n"
                + "To: bob@example.org\r\n"
                + "Subject: hello\r\n"
                + "Date: Fri, 04 Dec 2026 11:00:00 +0000\r\n"
                + "Message-ID: <1@sender.test>\r\n"
                + "\r\n"
                + "Hi Bob.\r\n";
    }

    /** Sends commands one by one and returns the last line of each reply. */
    static List<String> session(Transcript t, String... commands) throws IOException {
        List<String> replies = new java.util.ArrayList<>();
        replies.add(reply(t));
        replies.addAll(send(t, commands));
        return replies;
    }

    static List<String> send(Transcript t, String... commands) throws IOException {
        List<String> replies = new java.util.ArrayList<>();
        for (String c : commands) {
            t.send((c + "\r\n").getBytes(StandardCharsets.UTF_8));
            replies.add(reply(t));
        }
        return replies;
    }

    static String reply(Transcript t) throws IOException {
        String line;
        do {
            line = t.readLine();
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line;
    }

    List<String> mxSend(String mailFrom, String content) throws IOException {
        return session(Transcript.connect(mx.port(ListenerKind.MX)), "EHLO mail.sender.test",
                "MAIL FROM:<" + mailFrom + ">", "RCPT TO:<bob@example.org>", "DATA", content + ".");
    }

    @Test
    void aSignedMessageFromAnAuthorisedHostIsStoredWithPassingResults() throws IOException {
        List<SigningKey> keys = List.of(new SigningKey("sender.test", "sel", DkimAlgorithm.ED25519_SHA256,
                senderKey.getPrivate()));
        String plain = message("alice@sender.test");
        String signed = new DkimSigner(d -> keys, Clock.systemUTC()).sign("sender.test",
                new ByteArrayInputStream(plain.getBytes(StandardCharsets.US_ASCII))) + plain;
        // A forged field claiming our host arrives with the message and must go (RFC 8601 §5).
        String sent = "Authentication-Results: " + HOST + "; dmarc=pass\r\n" + signed;
        assertThat(mxSend("alice@sender.test", sent).get(5)).startsWith("250 2.0.0 OK queued as ");

        String b = signed.substring(signed.indexOf(" b=") + 3, signed.indexOf(" b=") + 11);
        List<String> inbox = mx.inbox(mx.bob);
        assertThat(inbox).hasSize(1);
        String stored = inbox.get(0);
        String prefix = "Return-Path: <alice@sender.test>\r\n"
                + "Delivered-To: bob@example.org\r\n"
                + "Authentication-Results: " + HOST + ";\r\n"
                + "\tspf=pass (ip4 matched at sender.test) smtp.mailfrom=sender.test;\r\n"
                + "\tdkim=pass header.d=sender.test header.s=sel header.a=ed25519-sha256 header.b=" + b + ";\r\n"
                + "\tdmarc=pass (p=reject dis=none) header.from=sender.test\r\n"
                + "Received: from mail.sender.test ([127.0.0.1])\r\n";
        assertThat(stored).startsWith(prefix).endsWith("\r\n" + signed);
        String receivedStart = "Received: from mail.sender.test ([127.0.0.1])\r\n";
        String received = stored.substring(prefix.length() - receivedStart.length(), stored.length() - signed.length());
        assertThat(received).matches("(?s)Received: from mail\\.sender\\.test \\(\\[127\\.0\\.0\\.1\\]\\)\r\n"
                + "\tby mx\\.example\\.org with ESMTP\r\n\tid [^\r\n]+\r\n\tfor <bob@example\\.org>;\r\n\t[^\r\n]+\r\n");
        assertThat(stored).doesNotContain("; dmarc=pass\r\n");
    }

    @Test
    void aForgedMessageForARejectDomainGets550AndNothingIsStored() throws IOException {
        List<String> replies = mxSend("ceo@forged.test", message("ceo@forged.test"));
        assertThat(replies.get(5)).isEqualTo("550 5.7.1 Message rejected: it fails the DMARC policy of forged.test, "
                + "which asks to reject such mail (RFC 7489 section 6.7)");
        assertThat(mx.inbox(mx.bob)).isEmpty();
    }

    @Test
    void aForgedMessageForAQuarantineDomainGoesToTheJunkMailbox() throws IOException {
        assertThat(mxSend("ceo@soft.test", message("ceo@soft.test")).get(5)).startsWith("250 2.0.0 OK queued as ");
        assertThat(mx.inbox(mx.bob)).isEmpty();
        assertThat(mailbox(mx.bob, "Junk")).singleElement().asString()
                .contains("\tdmarc=fail (p=quarantine dis=quarantine) header.from=soft.test\r\n")
                .endsWith("\r\n" + message("ceo@soft.test"));
    }

    @Test
    void aDnsFailureIsNotedAndTheMessageDeliveredByDefault() throws IOException {
        assertThat(mxSend("ceo@down.test", message("ceo@down.test")).get(5)).startsWith("250 ");
        assertThat(mx.inbox(mx.bob)).singleElement().asString().contains("spf=temperror").contains("dmarc=temperror");
    }

    @Test
    void aDnsFailureDefersWhenConfiguredSo(@TempDir Path other) throws IOException {
        mx.close();
        mx = server(other, PolicyAction.DEFER);
        assertThat(mxSend("ceo@down.test", message("ceo@down.test")).get(5)).isEqualTo("451 4.7.0 Temporary failure "
                + "checking the sender's SPF, DKIM or DMARC records, try again later");
        assertThat(mx.inbox(mx.bob)).isEmpty();
    }

    List<String> mailbox(org.mailroom.store.Account account, String name) throws IOException {
        org.mailroom.store.UserMailboxes boxes = mx.store.mailboxes().of(account.id());
        long id = boxes.find(org.mailroom.store.MailboxName.of(name)).orElseThrow().id();
        List<String> out = new java.util.ArrayList<>();
        for (org.mailroom.store.MessageSummary m : boxes.messages(id, org.mailroom.store.UidSet.ALL)) {
            try (java.io.InputStream in = boxes.openContent(id, m.uid())) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    @Test
    void aRelayRuleNetworkIsNotChecked() throws IOException {
        mx.store.admin().addRelayRule(Cidr.parse("127.0.0.1/32"));
        assertThat(mxSend("ceo@forged.test", message("ceo@forged.test")).get(5)).startsWith("250 ");
        assertThat(mx.inbox(mx.bob)).singleElement().asString().doesNotContain("Authentication-Results");
    }

    @Test
    void mailOfALocalDomainRelayedForARelayRuleNetworkLeavesSigned() throws Exception {
        // issue 7: "every message from a local domain leaving over the outbound queue" is signed, also when
        // an application server of our own network relays it without logging in
        mx.store.admin().addRelayRule(Cidr.parse("127.0.0.1/32"));
        String content = "From: Alerts <alerts@example.org>\r\nTo: someone@remote.test\r\nSubject: disk full\r\n"
                + "Date: Fri, 04 Dec 2026 11:00:00 +0000\r\nMessage-ID: <app-1@example.org>\r\n\r\nDisk 93% full.\r\n";
        List<String> replies = session(Transcript.connect(mx.port(ListenerKind.MX)), "EHLO app.example.org",
                "MAIL FROM:<alerts@example.org>", "RCPT TO:<someone@remote.test>", "DATA", content + ".");
        assertThat(replies.get(5)).startsWith("250 ");
        List<org.mailroom.store.QueueStore.QueueEntry> queued = mx.store.queue().list();
        assertThat(queued).singleElement().satisfies(e -> assertThat(e.recipient().recipient().toString())
                .isEqualTo("someone@remote.test"));
        String leaving;
        try (java.io.InputStream in = mx.store.queue().openContent(queued.get(0).id())) {
            leaving = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(leaving.replaceAll("[ \t]*\r\n[ \t]+", " "))
                .startsWith("DKIM-Signature: v=1; a=ed25519-sha256; c=relaxed/relaxed; d=example.org; s=mr;")
                .doesNotContain("Authentication-Results").endsWith(content);
        List<DkimResult> results = new DkimVerifier(dns.lookup(), Clock.systemUTC(), false)
                .verify(new ByteArrayInputStream(leaving.getBytes(StandardCharsets.UTF_8)));
        assertThat(results).singleElement().satisfies(r -> assertThat(r.result()).isEqualTo(DkimResult.Result.PASS));
    }

    @Test
    void anAuthenticatedSessionOnPort25IsNotChecked() throws IOException {
        Transcript t = Transcript.connect(mx.port(ListenerKind.MX));
        assertThat(session(t, "EHLO laptop", "STARTTLS").get(2)).startsWith("220 ");
        t.run("TLS");
        List<String> replies = send(t, "EHLO laptop",
                "AUTH PLAIN " + TestSecurity.plain("alice@example.org", SmtpTestServer.ALICE_PASSWORD),
                "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.org>", "DATA", message("ceo@forged.test") + ".");
        assertThat(replies.get(1)).startsWith("235 ");
        assertThat(replies.get(5)).startsWith("250 ");
        assertThat(mx.inbox(mx.bob)).singleElement().asString().doesNotContain("Authentication-Results");
    }

    @Test
    void aSubmissionIsStoredSignedAndTheSignatureVerifies() throws Exception {
        Transcript tls = Transcript.connectTls(mx.port(ListenerKind.SUBMISSIONS));
        String content = "From: Alice <alice@example.org>\r\nTo: bob@example.org\r\nSubject: signed\r\n\r\nHello.\r\n";
        List<String> sub = session(tls, "EHLO laptop",
                "AUTH PLAIN " + TestSecurity.plain("alice@example.org", SmtpTestServer.ALICE_PASSWORD),
                "MAIL FROM:<alice@example.org>", "RCPT TO:<bob@example.org>", "DATA", content + ".");
        assertThat(sub.get(2)).startsWith("235 ");
        assertThat(sub.get(6)).startsWith("250 ");
        String stored = mx.inbox(mx.bob).get(0);
        assertThat(stored).doesNotContain("Authentication-Results")
                .contains("\r\nDKIM-Signature: v=1; a=ed25519-sha256")
                .contains("\r\nDate: ").contains("\r\nMessage-ID: ");
        List<DkimResult> results = new DkimVerifier(dns.lookup(), Clock.systemUTC(), false)
                .verify(new ByteArrayInputStream(stored.getBytes(StandardCharsets.UTF_8)));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.result().keyword()).isEqualTo("pass");
            assertThat(r.domain()).isEqualTo("example.org");
        });
    }
}
