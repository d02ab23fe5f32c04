package org.mailroom.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passwords verified recently, so that a client logging in again (POP3 every few minutes, IMAP
 * clients opening several connections) does not pay the slow hash each time.
 *
 * <p>No password is kept: an entry holds a keyed digest, HMAC-SHA-256 under a random key that
 * lives only in this process's memory, of the account, its stored hash and the password. A heap
 * dump therefore gives an attacker nothing to test guesses against offline without the key, and
 * even with it each guess costs as much as a fast hash; the slow hash is skipped only for a
 * password that was correct a moment ago.
 *
 * <p>An entry is used only while the account's stored hash is the one it was verified against:
 * the admin CLI may change a password over the network while the server runs, and every login
 * reads the stored hash anyway, so a change takes effect at the next login without any event.
 */
final class VerifiedCache {

    private final Clock clock;
    private final Duration lifetime;
    private final byte[] key = new byte[32];
    private final Map<Long, Entry> entries;

    VerifiedCache(Clock clock, Duration lifetime, int maxEntries) {
        this.clock = clock;
        this.lifetime = lifetime;
        new SecureRandom().nextBytes(key);
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Entry> eldest) {
                return size() > maxEntries;
            }
        };
    }

    /** Whether this password was verified for this account and stored hash within the lifetime. */
    boolean contains(long accountId, String storedHash, char[] password) {
        Entry e;
        synchronized (this) {
            e = entries.get(accountId);
        }
        if (e == null || !e.storedHash.equals(storedHash) || clock.instant().isAfter(e.expires)) {
            return false;
        }
        return MessageDigest.isEqual(e.digest, digest(accountId, storedHash, password));
    }

    void remember(long accountId, String storedHash, char[] password) {
        Entry e = new Entry(storedHash, digest(accountId, storedHash, password), clock.instant().plus(lifetime));
        synchronized (this) {
            entries.put(accountId, e);
        }
    }

    synchronized void forget(long accountId) {
        entries.remove(accountId);
    }

    synchronized int size() {
        return entries.size();
    }

    private byte[] digest(long accountId, String storedHash, char[] password) {
        byte[] secret = PasswordHasher.utf8(password);
        byte[] hash = storedHash.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer data = ByteBuffer.allocate(8 + 4 + hash.length + secret.length);
        data.putLong(accountId).putInt(hash.length).put(hash).put(secret);
        try {
            return ScramVerifier.hmac(key, data.array());
        } finally {
            Arrays.fill(secret, (byte) 0);
            Arrays.fill(data.array(), (byte) 0);
        }
    }

    /** The digest is opaque; the stored hash is public within the server anyway. */
    private record Entry(String storedHash, byte[] digest, Instant expires) {
    }
}
