package org.mailroom.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.mailroom.admin.AdminRunner.Result;
import org.mailroom.auth.Credentials;
import org.mailroom.store.Alias;
import org.mailroom.store.DkimKey;
import org.mailroom.store.Quota;

class QuickstartCommandTest extends AdminTestBase {

    private static final Pattern DKIM_ROW = Pattern.compile("\n {4}rsa-20261204\\._domainkey\\.example\\.org\\. +TXT +(.+)\n");
    private static final Pattern PASSWORD = Pattern.compile("\n {4}([a-km-zA-HJ-NP-Z2-9]{5}(-[a-km-zA-HJ-NP-Z2-9]{5}){3})\n");

    @Test
    void quickstartCreatesDomainUserAndPostmasterAndPrintsWhatToPublish() {
        Result r = run("quickstart alice@example.org");
        assertThat(r.code()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        Matcher m = PASSWORD.matcher(r.out());
        assertThat(m.find()).as(r.out()).isTrue();
        String password = m.group(1);
        Matcher dkim = DKIM_ROW.matcher(r.out());
        assertThat(dkim.find()).as(r.out()).isTrue();
        assertThat(r.out()).isEqualTo("""
                Created the domain example.org, the user alice@example.org, the alias postmaster@example.org -> alice@example.org and the DKIM key rsa-20261204.

                Password of alice@example.org (shown only this once; change it with 'mailroom-admin user passwd alice@example.org'):

                    %s

                DNS records to publish (mail.example.org is this server, the 'hostname' of the configuration):

                    example.org.                          MX    10 mail.example.org.
                    mail.example.org.                     A     <the server's public IPv4 address>
                    mail.example.org.                     AAAA  <its public IPv6 address, if it has one>
                    example.org.                          TXT   "v=spf1 mx -all"
                    _dmarc.example.org.                   TXT   "v=DMARC1; p=none; rua=mailto:postmaster@example.org"
                    rsa-20261204._domainkey.example.org.  TXT   %s

                Also have the reverse DNS (PTR) of the server's addresses set to mail.example.org (your hosting provider does that).
                DMARC p=none only collects reports; once they show that all your mail passes, raise it to p=quarantine.

                Mail client settings for alice@example.org:

                    user name        alice@example.org
                    incoming (IMAP)  mail.example.org, port 993 with SSL/TLS, or 1143 with STARTTLS
                    incoming (POP3)  mail.example.org, port 995 with SSL/TLS, or 110 with STARTTLS
                    outgoing (SMTP)  mail.example.org, port 465 with SSL/TLS, or 587 with STARTTLS; log in with the user name and password
                """.formatted(password, dkim.group(1)));

        // the key is stored, and the record printed is its public half, whole, in 255-octet strings
        DkimKey key = store.dkimKeys().list(Optional.of("example.org")).get(0);
        assertThat(key.selector()).isEqualTo("rsa-20261204");
        assertThat(key.algorithm()).isEqualTo("rsa-sha256");
        assertThat(dkim.group(1).replaceAll("\"( \")?", "")).isEqualTo("v=DKIM1; k=rsa; p=" + key.publicKey());
        assertThat(dkim.group(1)).startsWith("\"v=DKIM1; k=rsa; p=").contains("\" \"");
        assertSignsAndVerifies(key);

        assertThat(store.admin().domains()).containsExactly("example.org");
        assertThat(store.admin().account(addr("alice@example.org"))).isPresent();
        assertThat(TestHashing.matches(password, store.credentials().find(addr("alice@example.org")).orElseThrow()))
                .isTrue();
        assertThat(store.admin().aliases(Optional.empty()))
                .containsExactly(new Alias("postmaster@example.org", List.of(addr("alice@example.org"))));
    }

    @Test
    void eachRunGeneratesAnotherPassword() {
        Matcher first = PASSWORD.matcher(run("quickstart alice@example.org").out());
        Matcher second = PASSWORD.matcher(run("quickstart bob@example.org").out());
        assertThat(first.find() && second.find()).isTrue();
        assertThat(first.group(1)).isNotEqualTo(second.group(1));
    }

    @Test
    void anExistingDomainAndPostmasterAreKeptAndDisabledListenersAreLeftOut() {
        AdminRunner.writeConfig(install, "hostname = mx.example.net", "data.dir = data", "pop3.port = 0",
                "pop3s.port = 0", "imap.port = 0", "submission.port = 2587");
        ok("domain add example.org");
        store.admin().addAccount(addr("postmaster@example.org"), "h", "s", Quota.UNLIMITED);
        String out = ok("quickstart alice@example.org");
        assertThat(out).startsWith("Created the user alice@example.org and the DKIM key rsa-20261204.\n")
                .contains("    example.org.                          MX    10 mx.example.net.\n")
                .contains("    incoming (IMAP)  mx.example.net, port 993 with SSL/TLS\n")
                .doesNotContain("POP3")
                .contains("    outgoing (SMTP)  mx.example.net, port 465 with SSL/TLS, or 2587 with STARTTLS;");
        assertThat(store.admin().aliases(Optional.empty())).isEmpty();
    }

    @Test
    void quickstartForPostmasterItselfAddsNoAlias() {
        assertThat(ok("quickstart postmaster@example.org"))
                .startsWith("Created the domain example.org, the user postmaster@example.org and the DKIM key "
                        + "rsa-20261204.\n");
        assertThat(store.admin().aliases(Optional.empty())).isEmpty();
    }

    @Test
    void anExistingUserOrABadAddressChangesNothing() {
        ok("quickstart alice@example.org");
        Snapshot before = snapshot();
        assertFails(run("quickstart Alice@example.org"), 1, "user Alice@example.org already exists");
        assertFails(run("quickstart postmaster@example.org"), 1,
                "postmaster@example.org already exists as a user or an alias");
        assertUsage(run("quickstart alice"), "'alice' is not an email address");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aFailureHalfwayUndoesWhatWasCreated() {
        // a hash longer than its column makes the account step fail after the domain was created
        AdminRunner failing = new AdminRunner(install, core -> new SharedStore(store),
                password -> new Credentials("x".repeat(5000), "s"));
        Snapshot before = snapshot();
        Result r = failing.run("quickstart", "alice@example.net");
        assertThat(r.code()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("mailroom-admin: the store is temporarily unavailable").hasLineCount(1);
        assertThat(snapshot()).isEqualTo(before);
        assertThat(store.dkimKeys().list(Optional.empty())).isEmpty();
    }

    @Test
    void aDomainThatHasAKeyKeepsItAndQuickstartPrintsItsRecord() {
        ok("domain add example.org");
        ok("dkim generate example.org --selector mail2026");
        DkimKey key = store.dkimKeys().find("example.org", "mail2026").orElseThrow();
        String out = ok("quickstart alice@example.org");
        assertThat(out).startsWith("Created the user alice@example.org and the alias postmaster@example.org -> "
                + "alice@example.org.\n");
        Matcher row = Pattern.compile("\n {4}mail2026\\._domainkey\\.example\\.org\\. +TXT +(.+)\n").matcher(out);
        assertThat(row.find()).as(out).isTrue();
        assertThat(row.group(1).replaceAll("\"( \")?", "")).isEqualTo("v=DKIM1; k=rsa; p=" + key.publicKey());
        assertThat(store.dkimKeys().list(Optional.empty())).containsExactly(key);
    }

    /** The stored private key signs, and the printed public key verifies that signature. */
    private static void assertSignsAndVerifies(DkimKey key) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey priv = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key.privateKey())));
            RSAPublicKey pub = (RSAPublicKey) rsa.generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKey())));
            assertThat(pub.getModulus().bitLength()).isEqualTo(2048);
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(priv);
            s.update("test".getBytes(StandardCharsets.US_ASCII));
            byte[] sig = s.sign();
            s.initVerify(pub);
            s.update("test".getBytes(StandardCharsets.US_ASCII));
            assertThat(s.verify(sig)).isTrue();
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
