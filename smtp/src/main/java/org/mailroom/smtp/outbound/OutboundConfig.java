package org.mailroom.smtp.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.smtp.outbound.ConnectionPolicy.Credentials;
import org.mailroom.store.Domains;

/**
 * How the outbound queue delivers mail to other servers.
 *
 * @param hostname our name in EHLO, in DSN Reporting-MTA and the bounce's From
 * @param concurrency deliveries in progress at once, all destinations together
 * @param perDestination parallel connections to one destination (domain, or the smarthost)
 * @param retrySchedule waits between attempts; the last one repeats
 * @param maxAge how long a message may stay queued before it bounces
 * @param delayNotice after how long in the queue the sender is told of the delay; zero: never
 * @param pollInterval how often the queue is scanned for due entries when nothing wakes the runner
 * @param shutdownGrace how long closing waits for deliveries in progress before it aborts them (they stay due)
 * @param dnsServers the resolvers to ask; empty for the system's
 * @param dnsTimeout how long one DNS query may take
 * @param routes static routes: domain to host and port, before any MX lookup or smarthost
 * @param smarthost where all other remote mail goes, instead of the MX hosts
 * @param requireTls whether delivery to MX hosts must use STARTTLS (unverified: RFC 7435 encryption only)
 * @param timeouts the client's waits
 */
public record OutboundConfig(
        String hostname,
        int concurrency,
        int perDestination,
        List<Duration> retrySchedule,
        Duration maxAge,
        Duration delayNotice,
        Duration pollInterval,
        Duration shutdownGrace,
        List<InetSocketAddress> dnsServers,
        Duration dnsTimeout,
        Map<String, HostPort> routes,
        Optional<Smarthost> smarthost,
        boolean requireTls,
        Timeouts timeouts) {

    public static final String DEFAULT_RETRY_SCHEDULE = "5m,10m,30m,1h,2h,4h";

    public OutboundConfig {
        retrySchedule = List.copyOf(retrySchedule);
        dnsServers = List.copyOf(dnsServers);
        routes = Map.copyOf(routes);
        if (retrySchedule.isEmpty()) {
            throw new IllegalArgumentException("the retry schedule needs at least one interval");
        }
    }

    /** A host name or IP literal with a port. */
    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    /**
     * A smarthost (relay host).
     *
     * @param verifyCertificate whether its certificate must be trusted and name it (TLS REQUIRED or IMPLICIT only)
     */
    public record Smarthost(HostPort address, TlsMode tls, boolean verifyCertificate, Optional<Credentials> credentials) {

        ConnectionPolicy policy() {
            boolean verify = verifyCertificate && (tls == TlsMode.REQUIRED || tls == TlsMode.IMPLICIT);
            return new ConnectionPolicy(tls, verify, credentials);
        }
    }

    /** Reads the outbound keys, and the core ones for the host name. */
    public static OutboundConfig from(Settings settings) {
        return from(settings, CoreConfig.from(settings));
    }

    /**
     * Reads {@code queue.concurrency}, {@code queue.per-destination}, {@code queue.retry-schedule},
     * {@code queue.max-age}, {@code queue.delay-notice}, {@code queue.poll-interval},
     * {@code queue.shutdown-grace}, {@code dns.servers},
     * {@code dns.timeout}, {@code route.*}, {@code relay.host}, {@code relay.port}, {@code relay.tls},
     * {@code relay.verify-certificate}, {@code relay.username}, {@code relay.password},
     * {@code outbound.require-tls} and {@code outbound.connect-timeout}.
     */
    public static OutboundConfig from(Settings settings, CoreConfig core) {
        int concurrency = settings.integer("queue.concurrency", 10, 1, 500);
        int perDestination = settings.integer("queue.per-destination", 2, 1, 100);
        List<Duration> schedule = schedule(settings);
        Duration maxAge = settings.duration("queue.max-age", Duration.ofDays(5));
        Duration delayNotice = settings.duration("queue.delay-notice", Duration.ofHours(4));
        Duration poll = settings.duration("queue.poll-interval", Duration.ofSeconds(30));
        if (poll.isZero()) {
            throw settings.error("queue.poll-interval", "must be longer than zero");
        }
        Duration grace = settings.duration("queue.shutdown-grace", Duration.ofSeconds(30));
        List<InetSocketAddress> dns = dnsServers(settings);
        Duration dnsTimeout = settings.duration("dns.timeout", Duration.ofSeconds(10));
        Map<String, HostPort> routes = new TreeMap<>();
        for (Map.Entry<String, String> e : settings.withPrefix("route.").entrySet()) {
            String domain = e.getKey().toLowerCase(Locale.ROOT);
            if (!Domains.isValid(domain)) {
                throw settings.error("route." + e.getKey(), "not a domain name");
            }
            routes.put(domain, hostPort(settings, "route." + e.getKey(), e.getValue(), DnsMxResolver.SMTP_PORT));
        }
        boolean requireTls = settings.bool("outbound.require-tls", false);
        Duration connect = settings.duration("outbound.connect-timeout", Timeouts.RFC_5321.connect());
        Timeouts t = Timeouts.RFC_5321;
        Timeouts timeouts = new Timeouts(connect, t.greeting(), t.command(), t.dataInitiation(), t.dataBlock(),
                t.dataTermination());
        return new OutboundConfig(core.hostname(), concurrency, perDestination, schedule, maxAge, delayNotice, poll,
                grace, dns, dnsTimeout, routes, smarthost(settings), requireTls, timeouts);
    }

    /** The wait before the attempt that follows {@code failedAttempts} failures. */
    Duration retryDelay(int failedAttempts) {
        int i = Math.max(0, Math.min(failedAttempts - 1, retrySchedule.size() - 1));
        return retrySchedule.get(i);
    }

    private static List<Duration> schedule(Settings settings) {
        String v = settings.string("queue.retry-schedule", DEFAULT_RETRY_SCHEDULE);
        List<Duration> out = new ArrayList<>();
        for (String part : v.split(",")) {
            Duration d;
            try {
                // Settings parses one duration per key; this list reuses that parser item by item.
                d = new Settings(Map.of("item", part.trim()), settings.installDir(), "").duration("item", null);
            } catch (ConfigException e) {
                d = null;
            }
            if (d == null || d.isZero() || d.isNegative()) {
                throw settings.error("queue.retry-schedule", "each interval must be a duration longer than zero "
                        + "(like 5m,10m,30m,1h), not '" + part.trim() + "'");
            }
            out.add(d);
        }
        return out;
    }

    private static List<InetSocketAddress> dnsServers(Settings settings) {
        List<InetSocketAddress> out = new ArrayList<>();
        for (String part : settings.string("dns.servers", "").split(",")) {
            String s = part.trim();
            if (s.isEmpty()) {
                continue;
            }
            HostPort hp = hostPort(settings, "dns.servers", s, 53);
            if (!isLiteral(hp.host())) {
                throw settings.error("dns.servers", "must list IP addresses (a name needs a resolver), not '" + s + "'");
            }
            out.add(new InetSocketAddress(literal(hp.host()), hp.port()));
        }
        return out;
    }

    private static Optional<Smarthost> smarthost(Settings settings) {
        Optional<String> host = settings.optional("relay.host");
        String tlsName = settings.string("relay.tls", "");
        Optional<String> user = settings.optional("relay.username");
        Optional<String> password = settings.optional("relay.password");
        boolean verify = settings.bool("relay.verify-certificate", true);
        Optional<String> portText = settings.optional("relay.port");
        if (host.isEmpty()) {
            for (String key : new String[] {"relay.port", "relay.tls", "relay.username", "relay.password"}) {
                if (settings.optional(key).isPresent()) {
                    throw settings.error(key, "has no effect without relay.host");
                }
            }
            return Optional.empty();
        }
        TlsMode tls;
        try {
            tls = tlsName.isEmpty() ? (user.isPresent() ? TlsMode.REQUIRED : TlsMode.OPPORTUNISTIC)
                    : TlsMode.valueOf(tlsName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw settings.error("relay.tls", "must be opportunistic, required, implicit or none, not '" + tlsName + "'");
        }
        int port = portText.isPresent() ? port(settings, "relay.port", portText.get())
                : tls == TlsMode.IMPLICIT ? 465 : DnsMxResolver.SMTP_PORT;
        HostPort address = hostPort(settings, "relay.host", host.get(), port);
        if (user.isPresent() != password.isPresent()) {
            throw settings.error(user.isPresent() ? "relay.password" : "relay.username",
                    "relay.username and relay.password go together");
        }
        Optional<Credentials> credentials = user.map(u -> new Credentials(u, password.get()));
        if (credentials.isPresent() && (tls == TlsMode.NONE || tls == TlsMode.OPPORTUNISTIC)) {
            throw settings.error("relay.tls", "must be required or implicit when relay.username is set: "
                    + "a password never travels without TLS");
        }
        return Optional.of(new Smarthost(address, tls, verify, credentials));
    }

    /** {@code host}, {@code host:port}, {@code [ipv6]:port} or a bare IPv6 literal. */
    private static HostPort hostPort(Settings settings, String key, String value, int defaultPort) {
        String v = value.trim();
        String host = v;
        int port = defaultPort;
        if (v.startsWith("[")) {
            int close = v.indexOf(']');
            if (close < 0) {
                throw settings.error(key, "missing ] in '" + v + "'");
            }
            host = v.substring(1, close);
            if (close + 1 < v.length()) {
                if (v.charAt(close + 1) != ':') {
                    throw settings.error(key, "expected host:port, not '" + v + "'");
                }
                port = port(settings, key, v.substring(close + 2));
            }
        } else if (v.indexOf(':') >= 0 && v.indexOf(':') == v.lastIndexOf(':')) {
            host = v.substring(0, v.indexOf(':'));
            port = port(settings, key, v.substring(v.indexOf(':') + 1));
        }
        if (host.isEmpty() || (!isLiteral(host) && !Domains.isValid(host.toLowerCase(Locale.ROOT)))) {
            throw settings.error(key, "not a host name or IP address: '" + v + "'");
        }
        return new HostPort(host.toLowerCase(Locale.ROOT), port);
    }

    private static int port(Settings settings, String key, String text) {
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) {
                throw settings.error(key, "a port must be between 1 and 65535, not " + text);
            }
            return p;
        } catch (NumberFormatException e) {
            throw settings.error(key, "not a port number: '" + text + "'");
        }
    }

    static boolean isLiteral(String host) {
        return !host.isEmpty() && host.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
                && (host.contains(":") || host.chars().filter(c -> c == '.').count() == 3
                && host.chars().allMatch(c -> c == '.' || Character.isDigit(c)));
    }

    static InetAddress literal(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new ConfigException("not an IP address: " + host);
        }
    }
}
