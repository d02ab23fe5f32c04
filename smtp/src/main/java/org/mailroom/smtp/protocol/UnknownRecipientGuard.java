package org.mailroom.smtp.protocol;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mailroom.store.Cidr;

/**
 * Counts unknown local recipients per client address over a sliding window, shared by every session,
 * so that guessing which users exist costs time and then access (a dictionary attack by RCPT). A new
 * connection does not reset the count. Bounded: the oldest addresses are forgotten first.
 */
public final class UnknownRecipientGuard {

    private static final int MAX_ADDRESSES = 10_000;

    private final int slowdownAfter;
    private final int limit;
    private final Duration window;
    private final Clock clock;
    private final Map<InetAddress, Deque<Instant>> seen = new LinkedHashMap<>(16, 0.75f, true);

    public UnknownRecipientGuard(int slowdownAfter, int limit, Duration window, Clock clock) {
        this.slowdownAfter = slowdownAfter;
        this.limit = limit;
        this.window = window;
        this.clock = clock;
    }

    /** What the session must do after one more unknown recipient from this address. */
    public record Verdict(Duration delay, boolean disconnect) {
    }

    public synchronized Verdict recordUnknown(InetAddress client) {
        Deque<Instant> times = seen.computeIfAbsent(network(client), k -> new ArrayDeque<>());
        Instant now = clock.instant();
        expire(times, now);
        times.addLast(now);
        if (seen.size() > MAX_ADDRESSES) {
            Iterator<InetAddress> it = seen.keySet().iterator();
            it.next();
            it.remove();
        }
        int n = times.size();
        if (n >= limit) {
            return new Verdict(Duration.ZERO, true);
        }
        if (n > slowdownAfter) {
            return new Verdict(Duration.ofMillis(Math.min(30_000L, 500L << Math.min(6, n - slowdownAfter - 1))), false);
        }
        return new Verdict(Duration.ZERO, false);
    }

    /** Whether the address has used up its allowance and must wait for the window to pass. */
    public synchronized boolean isBlocked(InetAddress client) {
        Deque<Instant> times = seen.get(network(client));
        if (times == null) {
            return false;
        }
        expire(times, clock.instant());
        return times.size() >= limit;
    }

    /** An IPv6 client usually holds a whole /64: counting single addresses would let it rotate through them. */
    static InetAddress network(InetAddress client) {
        return client instanceof Inet6Address ? new Cidr(client, 64).network() : client;
    }

    private void expire(Deque<Instant> times, Instant now) {
        Instant cutoff = now.minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(cutoff)) {
            times.removeFirst();
        }
    }
}
