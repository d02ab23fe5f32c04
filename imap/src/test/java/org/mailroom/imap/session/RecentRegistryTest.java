package org.mailroom.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecentRegistryTest {

    @Test
    void theFirstSelectionClaimsEveryUidAndLaterOnesNone() {
        RecentRegistry registry = new RecentRegistry();
        assertThat(registry.unclaimed(7, new long[] {1, 2, 5})).isEqualTo(3);
        assertThat(registry.claimUpTo(7, 5)).isZero();
        assertThat(registry.claimUpTo(7, 5)).isEqualTo(5);
        assertThat(registry.unclaimed(7, new long[] {1, 2, 5})).isZero();
        assertThat(registry.unclaimed(8, new long[] {1})).isEqualTo(1);
    }

    @Test
    void arrivalsAreRecentInOneSessionOnly() {
        RecentRegistry registry = new RecentRegistry();
        registry.claimUpTo(7, 5);
        assertThat(registry.unclaimed(7, new long[] {1, 5, 6, 9})).isEqualTo(2);
        assertThat(registry.claim(7, List.of(6L, 9L))).containsExactly(6L, 9L);
        assertThat(registry.claim(7, List.of(6L, 9L))).isEmpty();
        assertThat(registry.claimUpTo(7, 3)).isEqualTo(9);
    }
}
