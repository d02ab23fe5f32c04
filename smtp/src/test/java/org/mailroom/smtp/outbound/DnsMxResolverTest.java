package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DnsMxResolverTest {

    private DnsStub dns;
    private DnsMxResolver resolver;

    @BeforeEach
    void setUp() throws Exception {
        dns = new DnsStub();
        resolver = new DnsMxResolver(dns.resolver(), 2525);
    }

    @AfterEach
    void tearDown() throws Exception {
        dns.close();
    }

    @Test
    void mailExchangersComeInOrderOfPreferenceWithTheirAddresses() {
        dns.mx("remote.test", 20, "backup.remote.test").mx("remote.test", 10, "mx.remote.test")
                .a("mx.remote.test", "127.0.0.2").a("backup.remote.test", "127.0.0.3");

        Destination d = resolver.resolve("remote.test");

        assertThat(d).isInstanceOfSatisfying(Destination.Hosts.class, h -> assertThat(h.hosts())
                .extracting(RemoteHost::toString)
                .containsExactly("mx.remote.test[127.0.0.2]:2525", "backup.remote.test[127.0.0.3]:2525"));
    }

    @Test
    void aDomainWithoutMxIsItsOwnImplicitMx() {
        dns.a("plain.test", "127.0.0.4");

        assertThat(resolver.resolve("plain.test")).isEqualTo(new Destination.Hosts(
                List.of(new RemoteHost("plain.test", addr("127.0.0.4"), 2525))));
        assertThat(dns.queries).containsExactly("plain.test. MX", "plain.test. A", "plain.test. AAAA");
    }

    @Test
    void aNullMxFailsAtOnceWithoutLookingForAddresses() {
        dns.nullMx("nomail.test").a("nomail.test", "127.0.0.5");

        assertThat(resolver.resolve("nomail.test"))
                .isEqualTo(new Destination.Unreachable(true, "5.1.10", "nomail.test accepts no mail (null MX)"));
        assertThat(dns.queries).containsExactly("nomail.test. MX");
    }

    @Test
    void aDomainThatDoesNotExistFailsPermanently() {
        assertThat(resolver.resolve("nowhere.test"))
                .isEqualTo(new Destination.Unreachable(true, "5.1.2", "domain nowhere.test does not exist"));
    }

    @Test
    void aDnsFailureIsTemporary() {
        dns.servfail("broken.test");

        Destination d = resolver.resolve("broken.test");

        assertThat(d).isInstanceOfSatisfying(Destination.Unreachable.class, u -> {
            assertThat(u.permanent()).isFalse();
            assertThat(u.status()).isEqualTo("4.4.3");
            assertThat(u.reason()).contains("SERVFAIL");
        });
    }

    @Test
    void anMxWhoseHostsHaveNoAddressIsUnroutable() {
        dns.mx("dangling.test", 10, "gone.dangling.test");

        assertThat(resolver.resolve("dangling.test"))
                .isEqualTo(new Destination.Unreachable(true, "5.4.4", "no address for the mail hosts of dangling.test"));
    }

    @Test
    void anMxHostThatCannotBeResolvedIsSkippedForTheNext() {
        dns.mx("half.test", 10, "broken.half.test").mx("half.test", 20, "ok.half.test")
                .servfail("broken.half.test").a("ok.half.test", "127.0.0.6");

        assertThat(resolver.resolve("half.test")).isEqualTo(new Destination.Hosts(
                List.of(new RemoteHost("ok.half.test", addr("127.0.0.6"), 2525))));
    }

    static java.net.InetAddress addr(String ip) {
        try {
            return java.net.InetAddress.getByName(ip);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
