package org.mailroom.store.derby;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Account;
import org.mailroom.store.Cidr;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;

class DirectoryCacheTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final DirectoryCache cache = new DirectoryCache(now::get);
    private final AtomicInteger loads = new AtomicInteger();
    private final Account alice = new Account(7, EmailAddress.parse("alice@example.org"), true, Quota.UNLIMITED);

    private Optional<Account> loadAlice() {
        loads.incrementAndGet();
        return Optional.of(alice);
    }

    private Optional<Account> loadNobody() {
        loads.incrementAndGet();
        return Optional.empty();
    }

    @Test
    void anAnswerIsUsedForItsLifetimeThenAskedAgain() {
        assertThat(cache.account("alice@example.org", this::loadAlice)).contains(alice);
        now.addAndGet(DirectoryCache.LIFETIME_NANOS - 1);
        assertThat(cache.account("alice@example.org", this::loadAlice)).contains(alice);
        assertThat(loads).hasValue(1);
        now.addAndGet(1);
        assertThat(cache.account("alice@example.org", this::loadAlice)).contains(alice);
        assertThat(loads).hasValue(2);
    }

    @Test
    void anAbsentAccountIsAskedEveryTime() {
        assertThat(cache.account("bob@example.org", this::loadNobody)).isEmpty();
        assertThat(cache.account("bob@example.org", this::loadNobody)).isEmpty();
        assertThat(loads).hasValue(2);
    }

    @Test
    void clearingForgetsDomainsRelayRulesAndAccounts() {
        cache.account("alice@example.org", this::loadAlice);
        assertThat(cache.domains(() -> Set.of("example.org"))).containsExactly("example.org");
        assertThat(cache.relayRules(() -> List.of(Cidr.parse("10.0.0.0/8")))).hasSize(1);

        cache.clear();

        assertThat(cache.domains(() -> Set.of("example.org", "example.net"))).hasSize(2);
        assertThat(cache.relayRules(List::of)).isEmpty();
        cache.account("alice@example.org", this::loadAlice);
        assertThat(loads).hasValue(2);
    }

    @Test
    void changesThroughTheStoreReachDeliveryAtOnce(@TempDir Path dir) {
        try (DerbyStore store = TestStores.open(dir)) {
            var delivery = store.delivery();
            EmailAddress carol = EmailAddress.parse("carol@example.org");
            assertThat(delivery.isLocalDomain("example.org")).isFalse();
            assertThat(delivery.relayRules()).isEmpty();

            store.admin().addDomain("example.org");
            store.admin().addRelayRule(Cidr.parse("192.0.2.0/24"));
            store.admin().addAccount(carol, "x", "x", Quota.UNLIMITED);
            assertThat(delivery.isLocalDomain("example.org")).isTrue();
            assertThat(delivery.relayRules()).containsExactly(Cidr.parse("192.0.2.0/24"));
            assertThat(delivery.findAccount(carol)).isPresent();

            store.admin().removeAccount(carol);
            store.admin().removeRelayRule(Cidr.parse("192.0.2.0/24"));
            assertThat(delivery.findAccount(carol)).isEmpty();
            assertThat(delivery.relayRules()).isEmpty();
        }
    }

    @Test
    void anAnswerLoadedWhileTheDirectoryChangedIsNotKept() {
        // The load reads the old domains, and a change clears the cache before the load returns.
        assertThat(cache.domains(() -> {
            cache.clear();
            return Set.of("old.example");
        })).containsExactly("old.example");
        assertThat(cache.domains(() -> Set.of("new.example"))).containsExactly("new.example");
    }
}
