package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.smtp.outbound.ConnectionPolicy.Credentials;
import org.mailroom.smtp.outbound.OutboundConfig.HostPort;

class OutboundConfigTest {

    private static OutboundConfig read(String... keyValues) {
        Map<String, String> m = new HashMap<>();
        m.put("hostname", "mail.example.org");
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        Settings s = new Settings(m, Path.of("/opt/mailroom"), "mailroom.properties");
        OutboundConfig c = OutboundConfig.from(s, CoreConfig.from(s));
        s.rejectUnknownKeys();
        return c;
    }

    @Test
    void theDefaultsSuitAServerThatDeliversDirectly() {
        OutboundConfig c = read();

        assertThat(c.hostname()).isEqualTo("mail.example.org");
        assertThat(c.concurrency()).isEqualTo(10);
        assertThat(c.perDestination()).isEqualTo(2);
        assertThat(c.retrySchedule()).containsExactly(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(30),
                Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4));
        assertThat(c.maxAge()).isEqualTo(Duration.ofDays(5));
        assertThat(c.delayNotice()).isEqualTo(Duration.ofHours(4));
        assertThat(c.pollInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.dnsServers()).isEmpty();
        assertThat(c.dnsTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.routes()).isEmpty();
        assertThat(c.smarthost()).isEmpty();
        assertThat(c.requireTls()).isFalse();
        assertThat(c.timeouts()).isEqualTo(Timeouts.RFC_5321);
    }

    @Test
    void theLastIntervalOfTheScheduleRepeats() {
        OutboundConfig c = read("queue.retry-schedule", "1m, 1h");

        assertThat(List.of(c.retryDelay(1), c.retryDelay(2), c.retryDelay(3), c.retryDelay(50)))
                .containsExactly(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofHours(1), Duration.ofHours(1));
    }

    @Test
    void routesAndDnsServersTakeHostsWithPorts() {
        OutboundConfig c = read("route.Example.NET", "127.0.0.1:2525", "route.other.test", "relay.other.test",
                "route.six.test", "[::1]:2526", "dns.servers", "127.0.0.53, 127.0.0.1:5353");

        assertThat(c.routes()).containsOnly(Map.entry("example.net", new HostPort("127.0.0.1", 2525)),
                Map.entry("other.test", new HostPort("relay.other.test", 25)), Map.entry("six.test", new HostPort("::1", 2526)));
        assertThat(c.dnsServers()).containsExactly(new InetSocketAddress("127.0.0.53", 53),
                new InetSocketAddress("127.0.0.1", 5353));
    }

    @Test
    void aSmarthostWithCredentialsRequiresVerifiedTls() {
        OutboundConfig c = read("relay.host", "smtp.provider.test", "relay.port", "587", "relay.username", "me",
                "relay.password", "secret");

        OutboundConfig.Smarthost s = c.smarthost().orElseThrow();
        assertThat(s.address()).isEqualTo(new HostPort("smtp.provider.test", 587));
        assertThat(s.policy()).isEqualTo(new ConnectionPolicy(TlsMode.REQUIRED, true,
                Optional.of(new Credentials("me", "secret"))));
        assertThat(s.toString()).doesNotContain("secret");
    }

    @Test
    void anImplicitTlsSmarthostDefaultsToPort465() {
        assertThat(read("relay.host", "smtp.provider.test", "relay.tls", "implicit").smarthost().orElseThrow().address())
                .isEqualTo(new HostPort("smtp.provider.test", 465));
    }

    @Test
    void aPasswordIsNeverConfiguredForPlainText() {
        assertThatThrownBy(() -> read("relay.host", "smtp.provider.test", "relay.tls", "none", "relay.username", "me",
                "relay.password", "secret")).isInstanceOf(ConfigException.class)
                .hasMessage("mailroom.properties: relay.tls: must be required or implicit when relay.username is set: "
                        + "a password never travels without TLS");
    }

    @Test
    void badValuesNameTheirKey() {
        assertThatThrownBy(() -> read("queue.retry-schedule", "5m, soon")).hasMessageContaining("queue.retry-schedule")
                .hasMessageContaining("'soon'");
        assertThatThrownBy(() -> read("route.example.net", "host:99999")).hasMessageContaining("route.example.net");
        assertThatThrownBy(() -> read("dns.servers", "resolver.example")).hasMessageContaining("dns.servers");
        assertThatThrownBy(() -> read("relay.host", "x.test", "relay.tls", "sometimes")).hasMessageContaining("relay.tls");
        assertThatThrownBy(() -> read("relay.host", "x.test", "relay.username", "me")).hasMessageContaining("relay.password");
        assertThatThrownBy(() -> read("queue.concurrency", "0")).hasMessageContaining("queue.concurrency");
        assertThatThrownBy(() -> read("relay.username", "me")).hasMessage(
                "mailroom.properties: relay.username: has no effect without relay.host");
        assertThatThrownBy(() -> read("relay.host", "x.test", "relay.port", "0")).hasMessageContaining("relay.port");
    }
}
