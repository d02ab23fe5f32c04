package org.mailroom.session;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Caps simultaneous connections per client address, shared by all listeners of one protocol, so that
 * one client cannot take every session slot (STYLE.md §13). Thread-safe; holds only live addresses.
 */
public final class ConnectionLimiter {

    private final int maxPerAddress;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** @param maxPerAddress 0 for no limit */
    public ConnectionLimiter(int maxPerAddress) {
        this.maxPerAddress = maxPerAddress;
    }

    /** Counts a new connection; false (and nothing counted) if the address is at its limit. */
    public boolean tryAcquire(InetAddress client) {
        boolean[] ok = {false};
        open.compute(client, (k, n) -> {
            int current = n == null ? 0 : n;
            if (maxPerAddress > 0 && current >= maxPerAddress) {
                return n;
            }
            ok[0] = true;
            return current + 1;
        });
        return ok[0];
    }

    /** Releases a connection counted by {@link #tryAcquire}. */
    public void release(InetAddress client) {
        open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
    }

    public int openFrom(InetAddress client) {
        return open.getOrDefault(client, 0);
    }
}
