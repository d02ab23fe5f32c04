package org.mailroom.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mailroom.config.ConfigException;
import org.mailroom.config.Settings;

class LoginThrottleTest {

    final MutableClock clock = new MutableClock();
    final ThrottleConfig config = new ThrottleConfig(Duration.ofMinutes(10), Duration.ofSeconds(1),
            Duration.ofSeconds(8), 5, 8, Duration.ofMinutes(30), 1000);
    final LoginThrottle throttle = new LoginThrottle(config, clock);

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void delaysDoubleUpToTheMaximum() throws Exception {
        ThrottleConfig lenient = new ThrottleConfig(Duration.ofMinutes(10), Duration.ofSeconds(1), Duration.ofSeconds(8),
                100, 100, Duration.ofMinutes(30), 1000);
        LoginThrottle t = new LoginThrottle(lenient, clock);
        long[] seconds = new long[6];
        for (int i = 0; i < seconds.length; i++) {
            seconds[i] = ((LoginResult.Failure) t.failed(ip("192.0.2.1"), "a@example.org")).replyDelay().toSeconds();
        }
        assertThat(seconds).containsExactly(1, 2, 4, 8, 8, 8);
    }

    @Test
    void anAddressIsBannedAtItsLimitForAnyUserName() throws Exception {
        for (int i = 1; i < 5; i++) {
            assertThat(throttle.failed(ip("192.0.2.1"), "user" + i + "@example.org")).isInstanceOf(LoginResult.Failure.class);
        }
        assertThat(throttle.failed(ip("192.0.2.1"), "user5@example.org")).isEqualTo(new LoginResult.Banned(
                Duration.ofMinutes(30)));
        assertThat(throttle.banned(ip("192.0.2.1"), "someone@example.org")).contains(Duration.ofMinutes(30));
        assertThat(throttle.banned(ip("192.0.2.2"), "someone@example.org")).isEmpty();
        clock.advance(Duration.ofMinutes(10));
        assertThat(throttle.banned(ip("192.0.2.1"), "x@example.org")).contains(Duration.ofMinutes(20));
        clock.advance(Duration.ofMinutes(20));
        assertThat(throttle.banned(ip("192.0.2.1"), "x@example.org")).isEmpty();
        assertThat(throttle.failed(ip("192.0.2.1"), "x@example.org")).isEqualTo(new LoginResult.Failure(Duration.ofSeconds(1)));
    }

    @Test
    void anAccountAttackedFromManyAddressesIsBannedAtItsLimit() throws Exception {
        LoginResult last = null;
        for (int i = 1; i <= 8; i++) {
            last = throttle.failed(ip("192.0.2." + i), "Alice@example.org");
        }
        assertThat(last).isInstanceOf(LoginResult.Banned.class);
        assertThat(throttle.banned(ip("203.0.113.9"), "alice@EXAMPLE.org")).isPresent();
    }

    @Test
    void aClientThatLoggedInBeforeIsNotLockedOutByAnAttackOnItsAccount() throws Exception {
        throttle.succeeded(ip("192.0.2.200"), "alice@example.org");
        for (int i = 1; i <= 8; i++) {
            throttle.failed(ip("198.51.100." + i), "alice@example.org");
        }
        assertThat(throttle.banned(ip("203.0.113.9"), "alice@example.org")).isPresent();
        assertThat(throttle.banned(ip("192.0.2.200"), "alice@example.org")).isEmpty();
        assertThat(throttle.banned(ip("192.0.2.200"), "bob@example.org")).isEmpty();

        // its success does not lift the ban for everyone else
        throttle.succeeded(ip("192.0.2.200"), "alice@example.org");
        assertThat(throttle.banned(ip("203.0.113.9"), "alice@example.org")).isPresent();

        clock.advance(LoginThrottle.KNOWN_CLIENT_LIFETIME);
        for (int i = 1; i <= 8; i++) {
            throttle.failed(ip("198.51.100." + (100 + i)), "alice@example.org");
        }
        assertThat(throttle.banned(ip("192.0.2.200"), "alice@example.org")).isPresent();
    }

    @Test
    void aKnownClientIsStillBannedForFailuresOfItsOwnAddress() throws Exception {
        throttle.succeeded(ip("192.0.2.200"), "alice@example.org");
        LoginResult last = null;
        for (int i = 0; i < 5; i++) {
            last = throttle.failed(ip("192.0.2.200"), "alice@example.org");
        }
        assertThat(last).isInstanceOf(LoginResult.Banned.class);
        assertThat(throttle.banned(ip("192.0.2.200"), "alice@example.org")).isPresent();
    }

    @Test
    void failuresOutsideTheWindowAreForgotten() throws Exception {
        for (int i = 0; i < 4; i++) {
            throttle.failed(ip("192.0.2.1"), "a@example.org");
        }
        clock.advance(Duration.ofMinutes(11));
        assertThat(throttle.failed(ip("192.0.2.1"), "a@example.org")).isEqualTo(new LoginResult.Failure(Duration.ofSeconds(1)));
    }

    @Test
    void successForgetsTheAccountsFailuresButNotTheAddresss() throws Exception {
        for (int i = 0; i < 3; i++) {
            throttle.failed(ip("192.0.2.1"), "a@example.org");
        }
        throttle.succeeded(ip("192.0.2.1"), "a@example.org");
        // the address still has 3 failures: the 4th doubles from there
        assertThat(throttle.failed(ip("192.0.2.1"), "a@example.org")).isEqualTo(new LoginResult.Failure(Duration.ofSeconds(8)));
        assertThat(throttle.failed(ip("192.0.2.9"), "a@example.org")).isEqualTo(new LoginResult.Failure(Duration.ofSeconds(2)));
    }

    @Test
    void ipv6AddressesAreCountedPerSlash64() throws Exception {
        for (int i = 1; i <= 5; i++) {
            throttle.failed(ip("2001:db8:1:2::" + i), "u" + i + "@example.org");
        }
        assertThat(throttle.banned(ip("2001:db8:1:2:ffff::1"), "x@example.org")).isPresent();
        assertThat(throttle.banned(ip("2001:db8:1:3::1"), "x@example.org")).isEmpty();
    }

    @Test
    void memoryStaysBoundedUnderAFloodOfAddressesAndUserNames() throws Exception {
        for (int i = 0; i < 5000; i++) {
            InetAddress a = ip("10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
            throttle.failed(a, "user" + i + "@example.org");
            throttle.succeeded(a, "other" + i + "@example.org");
        }
        assertThat(throttle.tracked()).isLessThanOrEqualTo(3 * config.maxTracked());
    }

    @Test
    void configIsReadFromAuthThrottleKeys() {
        Settings s = new Settings(Map.of("auth.throttle.window", "5m", "auth.throttle.delay", "500ms",
                "auth.throttle.max-delay", "4s", "auth.throttle.address-limit", "7", "auth.throttle.account-limit", "9",
                "auth.throttle.ban", "1h", "auth.throttle.max-tracked", "2000"), Path.of("."), "test.properties");
        assertThat(ThrottleConfig.from(s)).isEqualTo(new ThrottleConfig(Duration.ofMinutes(5), Duration.ofMillis(500),
                Duration.ofSeconds(4), 7, 9, Duration.ofHours(1), 2000));
        assertThat(ThrottleConfig.from(new Settings(Map.of(), Path.of("."), "t"))).isEqualTo(ThrottleConfig.DEFAULTS);
    }

    @Test
    void inconsistentConfigNamesTheKey() {
        Settings s = new Settings(Map.of("auth.throttle.delay", "10s", "auth.throttle.max-delay", "1s"), Path.of("."),
                "test.properties");
        assertThatThrownBy(() -> ThrottleConfig.from(s)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("auth.throttle.max-delay");
    }
}
