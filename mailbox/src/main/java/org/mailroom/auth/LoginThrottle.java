package org.mailroom.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Counts failed logins per client address and per user name, answers each failure with a reply
 * delay that doubles from {@link ThrottleConfig#firstDelay()}, and bans an address or a user name
 * that fails too often within the window (DESIGN.md, "Security by default").
 *
 * <p>User names are tracked whether or not an account exists, so a throttled unknown name looks
 * exactly like a throttled real one. IPv6 clients are counted per /64, the block one customer
 * usually gets, so an attacker cannot dodge the limit by rotating addresses inside it.
 *
 * <p>A ban of a user name would let anyone lock its owner out by failing on purpose. So a client
 * address that logged in to an account successfully within {@link #KNOWN_CLIENT_LIFETIME} (the
 * owner's phone, the office) stays exempt from that account's ban; it is still subject to bans of
 * its own address.
 *
 * <p>Memory is bounded: each table keeps at most {@link ThrottleConfig#maxTracked()} entries and
 * forgets the least recently touched first. An attacker flooding with fresh names can push a name
 * out of the account table, but not out of the address table for its own addresses.
 */
public final class LoginThrottle {

    static final Duration KNOWN_CLIENT_LIFETIME = Duration.ofDays(30);

    private final ThrottleConfig config;
    private final Clock clock;
    private final Tracker addresses;
    private final Tracker accounts;
    /** "address|user name" of successful logins, to the time of the last one. */
    private final Map<String, Instant> knownClients;

    public LoginThrottle(ThrottleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.addresses = new Tracker(config.maxTracked());
        this.accounts = new Tracker(config.maxTracked());
        this.knownClients = lruMap(config.maxTracked());
    }

    /** The time left of a ban on the client or the user name, if either is banned now. */
    public synchronized Optional<Duration> banned(InetAddress client, String username) {
        Instant now = clock.instant();
        Instant until = addresses.bannedUntil(addressKey(client));
        if (!isKnown(client, username, now)) {
            until = later(until, accounts.bannedUntil(accountKey(username)));
        }
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    /**
     * Records a failed login and says how to answer it: a {@link LoginResult.Failure} with the delay,
     * or a {@link LoginResult.Banned} when this failure reached a limit.
     */
    public synchronized LoginResult failed(InetAddress client, String username) {
        Instant now = clock.instant();
        Counter byAddress = addresses.fail(addressKey(client), now, config);
        Counter byAccount = accounts.fail(accountKey(username), now, config);
        boolean ban = false;
        if (byAddress.failures >= config.addressLimit()) {
            byAddress.bannedUntil = now.plus(config.banDuration());
            ban = true;
        }
        if (byAccount.failures >= config.accountLimit()) {
            byAccount.bannedUntil = now.plus(config.banDuration());
            ban |= !isKnown(client, username, now);
        }
        if (ban) {
            return new LoginResult.Banned(config.banDuration());
        }
        return new LoginResult.Failure(delayAfter(Math.max(byAddress.failures, byAccount.failures)));
    }

    /**
     * A successful login forgets the user name's failures, unless it is banned (a known client's
     * success must not give an attacker elsewhere a fresh set of guesses), keeps the address's
     * failures (an attacker could interleave logins to an account of its own), and makes the client
     * known to the account.
     */
    public synchronized void succeeded(InetAddress client, String username) {
        Instant now = clock.instant();
        accounts.forgetUnlessBanned(accountKey(username), now);
        knownClients.put(pairKey(client, username), now);
    }

    private boolean isKnown(InetAddress client, String username, Instant now) {
        Instant last = knownClients.get(pairKey(client, username));
        return last != null && now.isBefore(last.plus(KNOWN_CLIENT_LIFETIME));
    }

    private static String pairKey(InetAddress client, String username) {
        return addressKey(client) + "|" + accountKey(username);
    }

    /** A map that drops its least recently used entry beyond {@code max}. */
    static <K, V> Map<K, V> lruMap(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** How many addresses and user names are tracked now (for tests of the memory bound). */
    synchronized int tracked() {
        return addresses.size() + accounts.size() + knownClients.size();
    }

    private Duration delayAfter(int failures) {
        Duration d = config.firstDelay();
        for (int i = 1; i < failures && d.compareTo(config.maxDelay()) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(config.maxDelay()) > 0 ? config.maxDelay() : d;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static String addressKey(InetAddress client) {
        byte[] a = client.getAddress();
        if (client instanceof Inet6Address) {
            return "6:" + Arrays.toString(Arrays.copyOf(a, 8));
        }
        return "4:" + client.getHostAddress();
    }

    static String accountKey(String username) {
        String u = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return u.length() > 320 ? u.substring(0, 320) : u;
    }

    private static final class Counter {
        int failures;
        Instant windowStart;
        Instant bannedUntil = Instant.MIN;
    }

    /** One table of counters, least recently touched first out. */
    private static final class Tracker {
        private final Map<String, Counter> counters;

        Tracker(int max) {
            this.counters = lruMap(max);
        }

        Instant bannedUntil(String key) {
            Counter c = counters.get(key);
            return c == null ? Instant.MIN : c.bannedUntil;
        }

        Counter fail(String key, Instant now, ThrottleConfig config) {
            Counter c = counters.computeIfAbsent(key, k -> new Counter());
            boolean windowOver = c.windowStart == null || !now.isBefore(c.windowStart.plus(config.window()));
            // a ban that has ended starts the count afresh, or the next failure would ban again at once
            boolean banEnded = !c.bannedUntil.equals(Instant.MIN) && !now.isBefore(c.bannedUntil);
            if (windowOver || banEnded) {
                c.windowStart = now;
                c.failures = 0;
                c.bannedUntil = Instant.MIN;
            }
            c.failures++;
            return c;
        }

        void forgetUnlessBanned(String key, Instant now) {
            Counter c = counters.get(key);
            if (c != null && !c.bannedUntil.isAfter(now)) {
                counters.remove(key);
            }
        }

        int size() {
            return counters.size();
        }
    }
}
