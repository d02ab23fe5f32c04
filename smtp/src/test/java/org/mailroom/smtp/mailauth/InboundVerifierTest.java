package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mailroom.smtp.mailauth.AuthDnsStub.ip;
import static org.mailroom.smtp.mailauth.Rfc8463ExampleTest.stream;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.smtp.mailauth.dkim.DkimAlgorithm;
import org.mailroom.smtp.mailauth.dkim.DkimKeys;
import org.mailroom.smtp.mailauth.dkim.DkimSigner;
import org.mailroom.smtp.mailauth.dkim.SigningKey;
import org.mailroom.smtp.mailauth.dmarc.PublicSuffixList;

/**
 * SPF, DKIM and DMARC together, as the SMTP session calls them: the Authentication-Results text and
 * the action for each case the issue names (pass, forged source, bad signature, DNS failure).
 */
class InboundVerifierTest {

    static KeyPair key;
    static final Clock NOW = Clock.fixed(Instant.parse("2026-12-04T12:00:00Z"), ZoneOffset.UTC);
    static final String MESSAGE = "From: Alice <alice@sender.example>\r\n"
            + "To: bob@mx.receiver.example\r\n"
            + "Subject: hello\r\n"
            + "Date: Fri, 04 Dec 2026 11:00:00 +0000\r\n"
            + "Message-ID: <1@sender.example>\r\n"
            + "\r\n"
            + "Hi Bob.\r\n";

    AuthDnsStub dns;
    String signed;

    @BeforeAll
    static void generate() throws Exception {
        key = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    @BeforeEach
    void publish() throws Exception {
        dns = new AuthDnsStub()
                .txt("sender.example", "v=spf1 ip4:192.0.2.10 -all")
                .txt("sel._domainkey.sender.example", "v=DKIM1; k=ed25519; p=" + DkimKeys.recordValue(key.getPublic()))
                .txt("_dmarc.sender.example", "v=DMARC1; p=reject")
                .txt("_dmarc.soft.example", "v=DMARC1; p=quarantine")
                .servfail("down.example").servfail("_dmarc.down.example");
        List<SigningKey> keys = List.of(new SigningKey("sender.example", "sel", DkimAlgorithm.ED25519_SHA256, key.getPrivate()));
        signed = new DkimSigner(d -> keys, NOW).sign("sender.example", stream(MESSAGE)) + MESSAGE;
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    InboundVerifier verifier(MailAuthConfig config) {
        return new InboundVerifier(config, dns.lookup(), NOW, n -> 0);
    }

    AuthenticationResults verify(String ip, String mailFrom, String message) throws Exception {
        return verifier(MailAuthConfig.defaults("mx.receiver.example")).verify(ip(ip), "mail.sender.example", mailFrom,
                stream(message));
    }

    @Test
    void aSignedMessageFromAnAuthorisedHostPassesAll() throws Exception {
        AuthenticationResults r = verify("192.0.2.10", "alice@sender.example", signed);
        String b = signed.substring(signed.indexOf(" b=") + 3, signed.indexOf(" b=") + 11);
        assertThat(r.header()).isEqualTo("Authentication-Results: mx.receiver.example;\r\n"
                + "\tspf=pass (ip4 matched at sender.example) smtp.mailfrom=sender.example;\r\n"
                + "\tdkim=pass header.d=sender.example header.s=sel header.a=ed25519-sha256 header.b=" + b + ";\r\n"
                + "\tdmarc=pass (p=reject dis=none) header.from=sender.example\r\n");
        assertThat(r.action()).isEqualTo(PolicyAction.ACCEPT);
    }

    @Test
    void aForgedSourceWithoutSignatureIsRejectedAsTheDomainAsks() throws Exception {
        AuthenticationResults r = verify("203.0.113.66", "alice@sender.example", MESSAGE);
        assertThat(r.header()).contains("\tspf=fail (all matched at sender.example) smtp.mailfrom=sender.example;\r\n")
                .contains("\tdkim=none;\r\n").contains("\tdmarc=fail (p=reject dis=reject) header.from=sender.example\r\n");
        assertThat(r.action()).isEqualTo(PolicyAction.REJECT);
    }

    @Test
    void aBadSignatureFromAForeignHostIsRejectedButAGoodOnePassesDmarcFromAnywhere() throws Exception {
        AuthenticationResults bad = verify("203.0.113.66", "bounce@elsewhere.example", signed.replace("Hi Bob.", "Pay now."));
        assertThat(bad.header()).contains("dkim=fail (body hash did not verify)");
        assertThat(bad.action()).isEqualTo(PolicyAction.REJECT);
        AuthenticationResults forwarded = verify("203.0.113.66", "bounce@elsewhere.example", signed);
        assertThat(forwarded.header()).contains("spf=none").contains("dmarc=pass");
        assertThat(forwarded.action()).isEqualTo(PolicyAction.ACCEPT);
    }

    @Test
    void quarantineGoesToJunkAndTheActionsAreConfigurable() throws Exception {
        String soft = MESSAGE.replace("alice@sender.example", "carol@soft.example");
        assertThat(verify("203.0.113.66", "carol@soft.example", soft).action()).isEqualTo(PolicyAction.JUNK);
        MailAuthConfig lenient = new MailAuthConfig(true, "mx.receiver.example", PolicyAction.JUNK, PolicyAction.ACCEPT,
                PolicyAction.DEFER, false, false, PublicSuffixList.builtIn());
        assertThat(verifier(lenient).verify(ip("203.0.113.66"), "h.example", "alice@sender.example", stream(MESSAGE))
                .action()).isEqualTo(PolicyAction.JUNK);
        assertThat(verifier(lenient).verify(ip("203.0.113.66"), "h.example", "carol@soft.example", stream(soft))
                .action()).isEqualTo(PolicyAction.ACCEPT);
    }

    @Test
    void dnsFailuresAreTemperrorsAndDeferOnlyWhenConfigured() throws Exception {
        String down = MESSAGE.replace("alice@sender.example", "dave@down.example");
        AuthenticationResults r = verify("192.0.2.10", "dave@down.example", down);
        assertThat(r.header()).contains("spf=temperror").contains("dmarc=temperror");
        assertThat(r.action()).isEqualTo(PolicyAction.ACCEPT);
        MailAuthConfig defer = new MailAuthConfig(true, "mx.receiver.example", PolicyAction.REJECT, PolicyAction.JUNK,
                PolicyAction.DEFER, false, false, PublicSuffixList.builtIn());
        assertThat(verifier(defer).verify(ip("192.0.2.10"), "h.example", "dave@down.example", stream(down)).action())
                .isEqualTo(PolicyAction.DEFER);
    }

    @Test
    void aMessageWithTwoFromFieldsIsADmarcPermerror() throws Exception {
        AuthenticationResults r = verify("192.0.2.10", "alice@sender.example", "From: x@evil.example\r\n" + signed);
        assertThat(r.dmarc().result().keyword()).isEqualTo("permerror");
        assertThat(r.header()).endsWith("\tdmarc=permerror (not exactly one From address)\r\n");
    }

    @Test
    void theNullSenderIsCheckedWithTheHeloName() throws Exception {
        dns.txt("mail.sender.example", "v=spf1 ip4:192.0.2.10 -all");
        AuthenticationResults r = verify("192.0.2.10", "", MESSAGE);
        assertThat(r.header()).contains("spf=pass (ip4 matched at mail.sender.example) smtp.helo=mail.sender.example;");
        assertThat(r.header()).contains("dmarc=pass"); // relaxed alignment of the HELO domain
    }

    @Test
    void textFromTheMessageCannotBreakTheHeader() throws Exception {
        String evil = "DKIM-Signature: v=1; a=rsa-sha256; d=\"x;\r\n evil\"; s=a(b); h=from; bh=AA==; b=AA==\r\n" + MESSAGE;
        AuthenticationResults r = verify("192.0.2.10", "alice@sender.example", evil);
        for (String line : r.header().split("\r\n")) {
            assertThat(line).matches("(Authentication-Results: |\t)[\\x20-\\x7e]*");
        }
    }

    @Test
    void forgedResultsClaimingOurNameAreRecognised() {
        assertThat(AuthenticationResults.claimsOurs("Authentication-Results: mx.receiver.example; spf=pass", "mx.receiver.example")).isTrue();
        assertThat(AuthenticationResults.claimsOurs("authentication-results:\r\n (c) MX.Receiver.Example;\r\n dkim=pass",
                "mx.receiver.example")).isTrue();
        assertThat(AuthenticationResults.claimsOurs("Authentication-Results: mx.other.example; spf=pass", "mx.receiver.example")).isFalse();
        assertThat(AuthenticationResults.claimsOurs("X-Authentication-Results: mx.receiver.example;", "mx.receiver.example")).isFalse();
    }

    @Test
    void configurationKeysAndDefaults() {
        MailAuthConfig d = config(Map.of());
        assertThat(d.enabled()).isTrue();
        assertThat(d.onDmarcReject()).isEqualTo(PolicyAction.REJECT);
        assertThat(d.onDmarcQuarantine()).isEqualTo(PolicyAction.JUNK);
        assertThat(d.onTemporaryError()).isEqualTo(PolicyAction.ACCEPT);
        assertThat(d.acceptBodyLength()).isFalse();
        assertThat(d.signLocal()).isFalse();
        assertThat(d.authservId()).isEqualTo("mx.receiver.example");
        MailAuthConfig all = config(Map.of("mailauth.enabled", "false", "mailauth.dmarc.reject", "junk",
                "mailauth.dmarc.quarantine", "accept", "mailauth.temperror", "defer",
                "mailauth.dkim.accept-body-length", "true", "mailauth.dkim.sign-local", "true"));
        assertThat(all).extracting(MailAuthConfig::enabled, MailAuthConfig::onDmarcReject, MailAuthConfig::onDmarcQuarantine,
                MailAuthConfig::onTemporaryError, MailAuthConfig::acceptBodyLength, MailAuthConfig::signLocal)
                .containsExactly(false, PolicyAction.JUNK, PolicyAction.ACCEPT, PolicyAction.DEFER, true, true);
        assertThatThrownBy(() -> config(Map.of("mailauth.dmarc.quarantine", "reject")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mailauth.dmarc.quarantine: must be one of junk, accept");
        assertThatThrownBy(() -> config(Map.of("mailauth.public-suffix-list", "/nonexistent/psl.dat")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mailauth.public-suffix-list: cannot read");
    }

    static MailAuthConfig config(Map<String, String> keys) {
        Map<String, String> all = new HashMap<>(keys);
        all.put("hostname", "mx.receiver.example");
        Settings s = new Settings(all, Path.of("/nonexistent-install"), "test.properties");
        MailAuthConfig c = MailAuthConfig.from(s, CoreConfig.from(s));
        s.rejectUnknownKeys();
        return c;
    }
}
