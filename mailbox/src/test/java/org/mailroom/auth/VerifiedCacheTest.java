package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class VerifiedCacheTest {

    final MutableClock clock = new MutableClock();
    final VerifiedCache cache = new VerifiedCache(clock, Duration.ofMinutes(30), 3);

    @Test
    void aRememberedPasswordMatchesOnlyForTheSameAccountAndStoredHash() {
        cache.remember(1, "$hash1", "pw".toCharArray());
        assertThat(cache.contains(1, "$hash1", "pw".toCharArray())).isTrue();
        assertThat(cache.contains(1, "$hash1", "pW".toCharArray())).isFalse();
        assertThat(cache.contains(1, "$hash2", "pw".toCharArray())).isFalse();
        assertThat(cache.contains(2, "$hash1", "pw".toCharArray())).isFalse();
    }

    @Test
    void entriesExpireAfterTheirLifetime() {
        cache.remember(1, "$h", "pw".toCharArray());
        clock.advance(Duration.ofMinutes(30));
        assertThat(cache.contains(1, "$h", "pw".toCharArray())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(cache.contains(1, "$h", "pw".toCharArray())).isFalse();
    }

    @Test
    void theLeastRecentlyUsedEntryMakesRoomWhenFull() {
        for (long id = 1; id <= 4; id++) {
            cache.remember(id, "$h", "pw".toCharArray());
        }
        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.contains(1, "$h", "pw".toCharArray())).isFalse();
        assertThat(cache.contains(4, "$h", "pw".toCharArray())).isTrue();
    }

    @Test
    void twoCachesDigestTheSamePasswordDifferentlyBecauseTheirKeysAreRandom() throws Exception {
        VerifiedCache other = new VerifiedCache(clock, Duration.ofMinutes(30), 3);
        cache.remember(1, "$h", "pw".toCharArray());
        other.remember(1, "$h", "pw".toCharArray());
        assertThat(digestOf(cache)).isNotEqualTo(digestOf(other));
    }

    private static byte[] digestOf(VerifiedCache c) throws Exception {
        java.lang.reflect.Field f = VerifiedCache.class.getDeclaredField("entries");
        f.setAccessible(true);
        Object entry = ((java.util.Map<?, ?>) f.get(c)).values().iterator().next();
        java.lang.reflect.Method digest = entry.getClass().getDeclaredMethod("digest");
        digest.setAccessible(true);
        return (byte[]) digest.invoke(entry);
    }
}
