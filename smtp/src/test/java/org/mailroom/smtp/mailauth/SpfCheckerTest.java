package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailroom.smtp.mailauth.AuthDnsStub.ip;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mailroom.smtp.mailauth.spf.SpfChecker;
import org.mailroom.smtp.mailauth.spf.SpfOutcome;
import org.mailroom.smtp.mailauth.spf.SpfResult;

/** check_host() against records served by a DNS stub on loopback: every mechanism, modifier, macro and limit. */
class SpfCheckerTest {

    AuthDnsStub dns;

    @BeforeEach
    void start() throws Exception {
        dns = new AuthDnsStub();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    SpfOutcome check(String ip, String mailFrom) {
        return check(ip, mailFrom, "mail.sender.example");
    }

    SpfOutcome check(String ip, String mailFrom, String helo) {
        return new SpfChecker(dns.lookup(), "mx.receiver.example",
                Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC)).check(ip(ip), mailFrom, helo);
    }

    SpfResult result(String ip, String mailFrom) {
        return check(ip, mailFrom).result();
    }

    @Test
    void aDomainWithoutRecordGivesNone() {
        dns.txt("example.org", "some other text");
        assertThat(result("192.0.2.1", "a@example.org")).isEqualTo(SpfResult.NONE);
        assertThat(result("192.0.2.1", "a@nowhere.example")).isEqualTo(SpfResult.NONE);
    }

    @Test
    void allWithEachQualifier() {
        dns.txt("pass.example", "v=spf1 +all").txt("fail.example", "v=spf1 -all")
                .txt("soft.example", "v=spf1 ~all").txt("neutral.example", "v=spf1 ?all")
                .txt("default.example", "v=spf1");
        assertThat(result("192.0.2.1", "a@pass.example")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.1", "a@fail.example")).isEqualTo(SpfResult.FAIL);
        assertThat(result("192.0.2.1", "a@soft.example")).isEqualTo(SpfResult.SOFTFAIL);
        assertThat(result("192.0.2.1", "a@neutral.example")).isEqualTo(SpfResult.NEUTRAL);
        assertThat(result("192.0.2.1", "a@default.example")).isEqualTo(SpfResult.NEUTRAL); // §4.7
    }

    @Test
    void ip4AndIp6WithPrefixes() {
        dns.txt("example.org", "v=spf1 ip4:192.0.2.0/24 ip6:2001:db8::/32 ip4:198.51.100.7 -all");
        assertThat(result("192.0.2.200", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("198.51.100.7", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("198.51.100.8", "a@example.org")).isEqualTo(SpfResult.FAIL);
        assertThat(result("2001:db8:1::5", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("2001:db9::5", "a@example.org")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void aMechanismWithDomainAndDualCidr() {
        dns.txt("example.org", "v=spf1 a a:other.example/24//64 -all")
                .a("example.org", "192.0.2.1").a("other.example", "198.51.100.1", "2001:db8::1");
        assertThat(result("192.0.2.1", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("198.51.100.99", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("2001:db8::ffff", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("203.0.113.1", "a@example.org")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void mxMechanism() {
        dns.txt("example.org", "v=spf1 mx -all").mx("example.org", "mx1.example.org", "mx2.example.org")
                .a("mx1.example.org", "192.0.2.1").a("mx2.example.org", "192.0.2.2");
        assertThat(result("192.0.2.2", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.3", "a@example.org")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void mxWithMoreThanTenNamesIsAPermerror() {
        String[] hosts = new String[11];
        for (int i = 0; i < 11; i++) {
            hosts[i] = "mx" + i + ".example.org";
            dns.a(hosts[i], "192.0.2." + (i + 1));
        }
        dns.txt("example.org", "v=spf1 mx -all").mx("example.org", hosts);
        assertThat(result("192.0.2.1", "a@example.org")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void ptrMechanismNeedsAValidatedName() {
        dns.txt("example.org", "v=spf1 ptr -all")
                .ptr("192.0.2.1", "mail.example.org").a("mail.example.org", "192.0.2.1")
                .ptr("192.0.2.2", "forged.example.org").a("forged.example.org", "192.0.2.99");
        assertThat(result("192.0.2.1", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.2", "a@example.org")).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void existsMechanismWithMacros() {
        dns.txt("example.org", "v=spf1 exists:%{ir}.%{l1r+-}._spf.%{d} -all")
                .a("1.2.0.192.someone._spf.example.org", "127.0.0.2");
        assertThat(result("192.0.2.1", "someone@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.1", "other@example.org")).isEqualTo(SpfResult.FAIL);
        assertThat(dns.queries).contains("1.2.0.192.someone._spf.example.org A");
    }

    @Test
    void includePassesOnlyOnTheIncludedPass() {
        dns.txt("example.org", "v=spf1 include:_spf.provider.example -all")
                .txt("_spf.provider.example", "v=spf1 ip4:192.0.2.0/24 ~all");
        assertThat(result("192.0.2.9", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("203.0.113.9", "a@example.org")).isEqualTo(SpfResult.FAIL); // softfail inside: no match
    }

    @Test
    void includeOfADomainWithoutRecordIsAPermerror() {
        dns.txt("example.org", "v=spf1 include:nothing.example -all");
        assertThat(result("192.0.2.9", "a@example.org")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void redirectIsFollowedOnlyWithoutAll() {
        dns.txt("example.org", "v=spf1 redirect=_spf.example.org")
                .txt("_spf.example.org", "v=spf1 ip4:192.0.2.1 -all")
                .txt("withall.example", "v=spf1 ?all redirect=_spf.example.org")
                .txt("broken.example", "v=spf1 redirect=nothing.example");
        assertThat(result("192.0.2.1", "a@example.org")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.2", "a@example.org")).isEqualTo(SpfResult.FAIL);
        assertThat(result("192.0.2.1", "a@withall.example")).isEqualTo(SpfResult.NEUTRAL);
        assertThat(result("192.0.2.1", "a@broken.example")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void expGivesTheExplanationOfAFailWithMacros() {
        dns.txt("example.org", "v=spf1 -all exp=explain._spf.%{d}")
                .txt("explain._spf.example.org", "%{i} is not one of %{d}'s senders (%{s}, %{c}, %{r})");
        SpfOutcome o = check("192.0.2.1", "joe@example.org");
        assertThat(o.result()).isEqualTo(SpfResult.FAIL);
        assertThat(o.explanation())
                .isEqualTo("192.0.2.1 is not one of example.org's senders (joe@example.org, 192.0.2.1, mx.receiver.example)");
    }

    @Test
    void macroTransformersAndEscapes() {
        dns.txt("example.org", "v=spf1 exists:%{o}.%{d2}.%{d1}.%{v}.%{h}.%{ir}.%{i2r}.%{l-}.chk -all exp=e.%{d}")
                .a("example.org.example.org.org.in-addr.mail.sender.example.1.2.0.192.0.192.first.last.chk", "127.0.0.2")
                .txt("e.example.org", "%{L} %{S} %% %_ %-");
        assertThat(result("192.0.2.1", "first-last@example.org")).isEqualTo(SpfResult.PASS);
        SpfOutcome fail = check("192.0.2.1", "a+b@example.org");
        assertThat(fail.result()).isEqualTo(SpfResult.FAIL);
        assertThat(fail.explanation()).isEqualTo("a%2Bb a%2Bb%40example.org %   %20");
    }

    @Test
    void ipv6ClientExpandsToNibbles() {
        dns.txt("example.org", "v=spf1 exists:%{i}.%{v}.x -all")
                .a("2.0.0.1.0.d.b.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.ip6.x", "127.0.0.2");
        assertThat(result("2001:db8::1", "a@example.org")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void macroSyntaxErrorsArePermerrors() {
        dns.txt("a.example", "v=spf1 exists:%{x}.example -all")
                .txt("b.example", "v=spf1 exists:%{d0}.example -all")
                .txt("c.example", "v=spf1 a:%{c}.example -all")
                .txt("d.example", "v=spf1 exists:%").txt("e.example", "v=spf1 foo:bar -all")
                .txt("f.example", "v=spf1 ip4:192.0.2.0/33 -all")
                .txt("g.example", "v=spf1 redirect=a.example redirect=b.example");
        for (String d : new String[] {"a", "b", "c", "d", "e", "f", "g"}) {
            assertThat(result("192.0.2.1", "x@" + d + ".example")).as(d).isEqualTo(SpfResult.PERMERROR);
        }
    }

    @Test
    void twoSpfRecordsAreAPermerror() {
        dns.txt("example.org", "v=spf1 +all").txt("example.org", "v=spf1 -all");
        assertThat(result("192.0.2.1", "a@example.org")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void unknownModifiersAreIgnored() {
        dns.txt("example.org", "v=spf1 foo=bar.%{d} ip4:192.0.2.1 -all");
        assertThat(result("192.0.2.1", "a@example.org")).isEqualTo(SpfResult.PASS);
    }

    @Test
    void eleventhDnsMechanismIsAPermerror() {
        StringBuilder rec = new StringBuilder("v=spf1");
        for (int i = 0; i < 10; i++) {
            rec.append(" a:h").append(i).append(".example.org");
            dns.a("h" + i + ".example.org", "198.51.100." + i);
        }
        dns.txt("ten.example", rec + " ip4:192.0.2.1 -all");
        dns.txt("eleven.example", rec + " a:h0.example.org ip4:192.0.2.1 -all");
        assertThat(result("192.0.2.1", "a@ten.example")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.1", "a@eleven.example")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void thePMacroCountsTowardsTheLimitAndValidatesTheName() {
        StringBuilder rec = new StringBuilder("v=spf1");
        for (int i = 0; i < 8; i++) {
            rec.append(" a:h").append(i).append(".example.org");
            dns.a("h" + i + ".example.org", "198.51.100." + i);
        }
        dns.ptr("192.0.2.1", "mail.example.org").a("mail.example.org", "192.0.2.1")
                .a("mail.example.org.p.example.org", "127.0.0.2");
        dns.txt("nine.example", rec + " exists:%{p}.p.example.org -all");
        dns.txt("ten.example", rec + " a:h0.example.org exists:%{p}.p.example.org -all");
        // 8 a + exists + its %{p} = 10 terms that query DNS; one a more is 11
        assertThat(result("192.0.2.1", "a@nine.example")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.1", "a@ten.example")).isEqualTo(SpfResult.PERMERROR);
        dns.ptr("192.0.2.2", "liar.example.org"); // its name does not resolve back to it
        dns.txt("unknown.example", "v=spf1 exists:%{p}.p.example.org -all").a("unknown.p.example.org", "127.0.0.2");
        assertThat(result("192.0.2.2", "a@unknown.example")).isEqualTo(SpfResult.PASS); // %{p} is "unknown" (§7.3)
        assertThat(dns.queries).contains("unknown.p.example.org A").doesNotContain("liar.example.org.p.example.org A");
    }

    @Test
    void includesCountTowardsTheLimitAcrossRecords() {
        for (int i = 0; i < 11; i++) {
            dns.txt("l" + i + ".example", i < 10 ? "v=spf1 include:l" + (i + 1) + ".example" : "v=spf1 +all");
        }
        assertThat(result("192.0.2.1", "a@l1.example")).isEqualTo(SpfResult.PASS); // 9 includes
        assertThat(result("192.0.2.1", "a@l0.example")).isEqualTo(SpfResult.PASS); // 10 includes
        dns.txt("loop.example", "v=spf1 include:loop.example");
        assertThat(result("192.0.2.1", "a@loop.example")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void thirdVoidLookupIsAPermerror() {
        dns.txt("two.example", "v=spf1 a:n1.example a:n2.example ip4:192.0.2.1 -all")
                .txt("three.example", "v=spf1 a:n1.example a:n2.example a:n3.example ip4:192.0.2.1 -all")
                .empty("n3.example");
        assertThat(result("192.0.2.1", "a@two.example")).isEqualTo(SpfResult.PASS);
        assertThat(result("192.0.2.1", "a@three.example")).isEqualTo(SpfResult.PERMERROR);
    }

    @Test
    void aResolverThatNeverAnswersGivesTemperror() throws Exception {
        // RFC 7208 §2.6.6 / §4.4: a DNS timeout is a temporary error, not "none"
        try (java.net.DatagramSocket silent = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            org.xbill.DNS.SimpleResolver r = new org.xbill.DNS.SimpleResolver(
                    new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), silent.getLocalPort()));
            r.setTimeout(java.time.Duration.ofMillis(300));
            SpfOutcome o = new SpfChecker(new org.mailroom.smtp.mailauth.dns.DnsJavaLookup(r, Clock.systemUTC(), 10),
                    "mx.receiver.example", Clock.systemUTC()).check(ip("192.0.2.1"), "a@example.org", "mail.sender.example");
            assertThat(o.result()).isEqualTo(SpfResult.TEMPERROR);
        }
    }

    @Test
    void dnsFailuresAreTemperrors() {
        dns.servfail("down.example").txt("example.org", "v=spf1 a:broken.example -all").servfail("broken.example");
        assertThat(result("192.0.2.1", "a@down.example")).isEqualTo(SpfResult.TEMPERROR);
        assertThat(result("192.0.2.1", "a@example.org")).isEqualTo(SpfResult.TEMPERROR);
    }

    @Test
    void nullSenderChecksTheHeloIdentity() {
        dns.txt("mail.sender.example", "v=spf1 ip4:192.0.2.1 -all");
        SpfOutcome o = check("192.0.2.1", "", "mail.sender.example");
        assertThat(o.result()).isEqualTo(SpfResult.PASS);
        assertThat(o.identity()).isEqualTo("helo");
        assertThat(o.domain()).isEqualTo("mail.sender.example");
        assertThat(check("192.0.2.2", "", "mail.sender.example").result()).isEqualTo(SpfResult.FAIL);
    }

    @Test
    void invalidDomainsGiveNone() {
        assertThat(result("192.0.2.1", "a@localhost")).isEqualTo(SpfResult.NONE);
        assertThat(result("192.0.2.1", "a@" + "x".repeat(64) + ".example")).isEqualTo(SpfResult.NONE);
    }
}
