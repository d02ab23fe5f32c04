package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailroom.smtp.mailauth.dkim.DkimResult;
import org.mailroom.smtp.mailauth.dmarc.DmarcEvaluator;
import org.mailroom.smtp.mailauth.dmarc.DmarcOutcome;
import org.mailroom.smtp.mailauth.dmarc.DmarcOutcome.Result;
import org.mailroom.smtp.mailauth.dmarc.DmarcRecord.Policy;
import org.mailroom.smtp.mailauth.dmarc.PublicSuffixList;
import org.mailroom.smtp.mailauth.spf.SpfOutcome;
import org.mailroom.smtp.mailauth.spf.SpfResult;

/** DMARC alignment and policy (RFC 7489 §3.1, §6.6), with records served by the DNS stub. */
class DmarcEvaluatorTest {

    AuthDnsStub dns;
    int percentile = 0;

    @BeforeEach
    void start() throws Exception {
        dns = new AuthDnsStub()
                .txt("_dmarc.example.com", "v=DMARC1; p=reject; sp=quarantine; adkim=r; aspf=r")
                .txt("_dmarc.strict.example", "v=DMARC1; p=reject; adkim=s; aspf=s")
                .txt("_dmarc.half.example", "v=DMARC1; p=reject; pct=50")
                .txt("_dmarc.quarter.example", "v=DMARC1; p=quarantine; pct=25")
                .txt("_dmarc.monitor.example", "v=DMARC1; p=none; rua=mailto:d@monitor.example")
                .txt("_dmarc.bad-p.example", "v=DMARC1; p=bogus; rua=mailto:d@bad-p.example")
                .txt("_dmarc.example.co.uk", "v=DMARC1; p=reject")
                .txt("_dmarc.two.example", "v=DMARC1; p=reject").txt("_dmarc.two.example", "v=DMARC1; p=none")
                .servfail("_dmarc.down.example")
                .txt("_dmarc.mixed.example", "v=DMARC1; p=reject; aspf=s; adkim=r")
                .txt("_dmarc.own.example.com", "v=DMARC1; p=none")
                .txt("_dmarc.nosp.example", "v=DMARC1; p=reject")
                .txt("_dmarc.never.example", "v=DMARC1; p=reject; pct=0");
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    DmarcOutcome evaluate(String from, SpfOutcome spf, DkimResult... dkim) {
        return new DmarcEvaluator(dns.lookup(), PublicSuffixList.builtIn(), () -> percentile).evaluate(from, spf, List.of(dkim));
    }

    static SpfOutcome spf(SpfResult r, String domain) {
        return new SpfOutcome(r, "mailfrom", domain, "", "");
    }

    static DkimResult dkim(DkimResult.Result r, String d) {
        return new DkimResult(r, d, "s", "@" + d, "rsa-sha256", "abcdefgh", "");
    }

    static final SpfOutcome NO_SPF = spf(SpfResult.NONE, "elsewhere.example");

    @Test
    void relaxedAlignmentAcceptsTheSameOrganisationalDomain() {
        assertThat(evaluate("example.com", spf(SpfResult.PASS, "bounces.example.com")).result()).isEqualTo(Result.PASS);
        assertThat(evaluate("news.example.com", NO_SPF, dkim(DkimResult.Result.PASS, "example.com")).result())
                .isEqualTo(Result.PASS);
        assertThat(evaluate("example.com", spf(SpfResult.PASS, "example.net")).result()).isEqualTo(Result.FAIL);
    }

    @Test
    void strictAlignmentNeedsTheExactDomain() {
        assertThat(evaluate("strict.example", spf(SpfResult.PASS, "mail.strict.example")).result()).isEqualTo(Result.FAIL);
        assertThat(evaluate("strict.example", NO_SPF, dkim(DkimResult.Result.PASS, "mail.strict.example")).result())
                .isEqualTo(Result.FAIL);
        assertThat(evaluate("strict.example", NO_SPF, dkim(DkimResult.Result.PASS, "strict.example")).result())
                .isEqualTo(Result.PASS);
    }

    @Test
    void onlyPassingIdentifiersCount() {
        DmarcOutcome o = evaluate("example.com", spf(SpfResult.SOFTFAIL, "example.com"), dkim(DkimResult.Result.FAIL, "example.com"),
                dkim(DkimResult.Result.PASS, "thirdparty.example"));
        assertThat(o.result()).isEqualTo(Result.FAIL);
        assertThat(o.appliedPolicy()).isEqualTo(Policy.REJECT);
    }

    @Test
    void aSubdomainWithoutRecordGetsTheOrganisationalDomainsSubdomainPolicy() {
        DmarcOutcome o = evaluate("shop.example.com", NO_SPF);
        assertThat(o.result()).isEqualTo(Result.FAIL);
        assertThat(o.publishedPolicy()).isEqualTo(Policy.QUARANTINE);
        assertThat(dns.queries).containsSubsequence("_dmarc.shop.example.com TXT", "_dmarc.example.com TXT");
        assertThat(evaluate("example.com", NO_SPF).publishedPolicy()).isEqualTo(Policy.REJECT);
    }

    @Test
    void theOrganisationalDomainFollowsThePublicSuffixList() {
        DmarcOutcome o = evaluate("mail.example.co.uk", NO_SPF);
        assertThat(o.publishedPolicy()).isEqualTo(Policy.REJECT);
        assertThat(dns.queries).contains("_dmarc.example.co.uk TXT").doesNotContain("_dmarc.co.uk TXT");
    }

    @Test
    void pctSamplesThePolicy() {
        percentile = 49;
        assertThat(evaluate("half.example", NO_SPF).appliedPolicy()).isEqualTo(Policy.REJECT);
        percentile = 50;
        assertThat(evaluate("half.example", NO_SPF).appliedPolicy()).isEqualTo(Policy.QUARANTINE);
        percentile = 30;
        assertThat(evaluate("quarter.example", NO_SPF).appliedPolicy()).isEqualTo(Policy.NONE);
        percentile = 10;
        assertThat(evaluate("quarter.example", NO_SPF).appliedPolicy()).isEqualTo(Policy.QUARANTINE);
    }

    @Test
    void spfAndDkimAlignmentModesAreSeparate() {
        // aspf=s: an SPF pass for a subdomain does not align; adkim=r: a DKIM pass for one does
        assertThat(evaluate("mixed.example", spf(SpfResult.PASS, "bounce.mixed.example")).result()).isEqualTo(Result.FAIL);
        assertThat(evaluate("mixed.example", spf(SpfResult.PASS, "mixed.example")).result()).isEqualTo(Result.PASS);
        assertThat(evaluate("mixed.example", NO_SPF, dkim(DkimResult.Result.PASS, "mail.mixed.example")).result())
                .isEqualTo(Result.PASS);
    }

    @Test
    void relaxedAlignmentComparesOrganisationalDomainsFromThePublicSuffixList() {
        // mail.example.co.uk and bounce.example.co.uk share example.co.uk; other.co.uk shares only the suffix co.uk
        assertThat(evaluate("mail.example.co.uk", spf(SpfResult.PASS, "other.co.uk")).result()).isEqualTo(Result.FAIL);
        assertThat(evaluate("mail.example.co.uk", spf(SpfResult.PASS, "bounce.example.co.uk")).result())
                .isEqualTo(Result.PASS);
    }

    @Test
    void aSubdomainsOwnRecordWinsOverTheOrganisationalDomainsSubdomainPolicy() {
        // §6.6.3: the organisational domain is asked only when the From domain has no record
        DmarcOutcome own = evaluate("own.example.com", NO_SPF);
        assertThat(own.publishedPolicy()).isEqualTo(Policy.NONE);
        assertThat(dns.queries).contains("_dmarc.own.example.com TXT").doesNotContain("_dmarc.example.com TXT");
        // §6.3: without sp=, p= applies to subdomains too
        assertThat(evaluate("deep.shop.nosp.example", NO_SPF).publishedPolicy()).isEqualTo(Policy.REJECT);
        assertThat(dns.queries).contains("_dmarc.deep.shop.nosp.example TXT", "_dmarc.nosp.example TXT")
                .doesNotContain("_dmarc.shop.nosp.example TXT");
    }

    @Test
    void pctZeroNeverAppliesRejectButStillQuarantines() {
        // §6.6.4: messages outside the sample get the next weaker policy: reject becomes quarantine
        percentile = 0;
        DmarcOutcome o = evaluate("never.example", NO_SPF);
        assertThat(o.publishedPolicy()).isEqualTo(Policy.REJECT);
        assertThat(o.appliedPolicy()).isEqualTo(Policy.QUARANTINE);
        percentile = 99;
        assertThat(evaluate("never.example", NO_SPF).appliedPolicy()).isEqualTo(Policy.QUARANTINE);
        // a pass is never touched by pct
        assertThat(evaluate("never.example", spf(SpfResult.PASS, "never.example")).appliedPolicy()).isEqualTo(Policy.NONE);
    }

    @Test
    void recordsThatAreMissingDuplicatedOrBroken() {
        assertThat(evaluate("nothing.example", NO_SPF).result()).isEqualTo(Result.NONE);
        assertThat(evaluate("two.example", NO_SPF).result()).isEqualTo(Result.NONE);
        assertThat(evaluate("down.example", NO_SPF).result()).isEqualTo(Result.TEMPERROR);
        assertThat(evaluate("monitor.example", NO_SPF).appliedPolicy()).isEqualTo(Policy.NONE);
        assertThat(evaluate("bad-p.example", NO_SPF).publishedPolicy()).isEqualTo(Policy.NONE);
    }

    @Test
    void theWholeListIsShippedInsideMailroom() {
        // used when mailauth.public-suffix-list is not set and the system has no list of its own
        PublicSuffixList shipped = PublicSuffixList.shipped();
        assertThat(shipped).isSameAs(PublicSuffixList.shipped()); // read once
        assertThat(shipped.organizationalDomain("mail.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(shipped.organizationalDomain("foo.bar.city.kawasaki.jp")).isEqualTo("city.kawasaki.jp"); // !rule
        assertThat(shipped.organizationalDomain("a.b.c.kawasaki.jp")).isEqualTo("b.c.kawasaki.jp"); // *.rule
        assertThat(shipped.organizationalDomain("x.y.example.pvt.k12.ma.us")).isEqualTo("example.pvt.k12.ma.us");
        // rules written in Unicode match the ASCII (A-label) form that mail carries
        String cn = java.net.IDN.toASCII("\u516c\u53f8.cn");
        assertThat(shipped.organizationalDomain("mail.example." + cn)).isEqualTo("example." + cn);
        // the short built-in list does not know these registries
        assertThat(PublicSuffixList.builtIn().organizationalDomain("x.y.example.pvt.k12.ma.us")).isEqualTo("ma.us");
    }

    @Test
    void publicSuffixRules() throws Exception {
        PublicSuffixList builtIn = PublicSuffixList.builtIn();
        assertThat(builtIn.organizationalDomain("a.b.example.com")).isEqualTo("example.com");
        assertThat(builtIn.organizationalDomain("www.example.co.uk")).isEqualTo("example.co.uk");
        assertThat(builtIn.organizationalDomain("com")).isEqualTo("com");
        var file = Files.createTempFile("psl", ".dat");
        Files.writeString(file, "// comment\ncom\n*.ck\n!www.ck\nuk\nco.uk\n");
        PublicSuffixList list = PublicSuffixList.load(file);
        Files.delete(file);
        assertThat(list.organizationalDomain("a.b.c.ck")).isEqualTo("b.c.ck");
        assertThat(list.organizationalDomain("x.www.ck")).isEqualTo("www.ck");
        assertThat(list.organizationalDomain("mail.example.co.uk")).isEqualTo("example.co.uk");
        if (Files.isReadable(PublicSuffixList.SYSTEM_FILE)) {
            PublicSuffixList system = PublicSuffixList.load(PublicSuffixList.SYSTEM_FILE);
            assertThat(system.organizationalDomain("foo.bar.city.kawasaki.jp")).isEqualTo("city.kawasaki.jp");
            assertThat(system.organizationalDomain("a.b.c.kawasaki.jp")).isEqualTo("b.c.kawasaki.jp");
            assertThat(system.organizationalDomain("mail.example.co.uk")).isEqualTo("example.co.uk");
        }
    }
}
