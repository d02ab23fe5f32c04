package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

class DefaultAuthenticatorTest {

    static final InetAddress CLIENT = InetAddress.getLoopbackAddress();
    static final PasswordHasher CHEAP = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);

    @TempDir
    Path dir;
    DerbyStore store;
    MutableClock clock = new MutableClock();
    DefaultAuthenticator auth;
    Account alice;

    @BeforeEach
    void open() {
        store = TestStores.open(dir);
        store.admin().addDomain("example.org");
        Credentials c = Credentials.fromPassword("alice's secret".toCharArray(), CHEAP);
        alice = store.admin().addAccount(EmailAddress.parse("alice@example.org"), c.passwordHash(), c.scramVerifier(),
                Quota.UNLIMITED);
        auth = new DefaultAuthenticator(store.credentials(), new LoginThrottle(ThrottleConfig.DEFAULTS, clock), clock,
                CHEAP);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void theRightPasswordLogsIn() {
        LoginResult r = auth.login("alice@example.org", "alice's secret".toCharArray(), CLIENT);
        assertThat(r).isEqualTo(new LoginResult.Success(new AuthenticatedUser(alice.id(), alice.address())));
    }

    @Test
    void theUserNameIsCaseInsensitiveLikeEveryLocalLookup() {
        LoginResult r = auth.login("Alice@EXAMPLE.org", "alice's secret".toCharArray(), CLIENT);
        assertThat(r).isInstanceOf(LoginResult.Success.class);
    }

    @Test
    void aWrongPasswordFailsWithTheFirstDelay() {
        LoginResult r = auth.login("alice@example.org", "guess".toCharArray(), CLIENT);
        assertThat(r).isEqualTo(new LoginResult.Failure(ThrottleConfig.DEFAULTS.firstDelay()));
    }

    @Test
    void aDisabledAccountCannotLogInEvenWithItsPassword() {
        store.admin().setEnabled(alice.address(), false);
        LoginResult r = auth.login("alice@example.org", "alice's secret".toCharArray(), CLIENT);
        assertThat(r).isEqualTo(new LoginResult.Failure(ThrottleConfig.DEFAULTS.firstDelay()));
    }

    @Test
    void aRepeatedLoginIsAnsweredFromTheCache() {
        auth.login("alice@example.org", "alice's secret".toCharArray(), CLIENT);
        assertThat(auth.cachedCount()).isEqualTo(1);
        assertThat(auth.login("alice@example.org", "alice's secret".toCharArray(), CLIENT))
                .isInstanceOf(LoginResult.Success.class);
        assertThat(auth.login("alice@example.org", "alice's secreT".toCharArray(), CLIENT))
                .isInstanceOf(LoginResult.Failure.class);
    }

    @Test
    void garbageUserNamesFailLikeUnknownOnes() {
        for (String name : new String[] {"", "alice", "@", "alice@", "a b@example.org", "x".repeat(1000)}) {
            assertThat(auth.login(name, "pw".toCharArray(), InetAddress.getLoopbackAddress()))
                    .as(name).isInstanceOf(LoginResult.Failure.class);
        }
    }

    @Test
    void concurrentLoginsOfTheSameAccountAllSucceed() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<LoginResult>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                results.add(pool.submit(() -> auth.login("alice@example.org", "alice's secret".toCharArray(), CLIENT)));
            }
            for (java.util.concurrent.Future<LoginResult> f : results) {
                assertThat(f.get()).isInstanceOf(LoginResult.Success.class);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void delaysGrowWithEachFailure() {
        Duration first = ((LoginResult.Failure) auth.login("alice@example.org", "a".toCharArray(), CLIENT)).replyDelay();
        Duration second = ((LoginResult.Failure) auth.login("alice@example.org", "b".toCharArray(), CLIENT)).replyDelay();
        Duration third = ((LoginResult.Failure) auth.login("alice@example.org", "c".toCharArray(), CLIENT)).replyDelay();
        assertThat(second).isEqualTo(first.multipliedBy(2));
        assertThat(third).isEqualTo(first.multipliedBy(4));
    }
}
