package org.mailroom.smtp.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UnknownRecipientGuardTest {

    private static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-12-04T12:00:00Z");

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void slowsDownThenShutsOutThenForgetsAfterTheWindow() throws Exception {
        MovableClock clock = new MovableClock();
        UnknownRecipientGuard guard = new UnknownRecipientGuard(2, 4, Duration.ofMinutes(10), clock);
        InetAddress a = InetAddress.getByName("192.0.2.1");
        assertThat(guard.recordUnknown(a).delay()).isZero();
        assertThat(guard.recordUnknown(a).delay()).isZero();
        assertThat(guard.recordUnknown(a).delay()).isEqualTo(Duration.ofMillis(500));
        assertThat(guard.isBlocked(a)).isFalse();
        assertThat(guard.recordUnknown(a).disconnect()).isTrue();
        assertThat(guard.isBlocked(a)).isTrue();
        assertThat(guard.isBlocked(InetAddress.getByName("192.0.2.2"))).isFalse();
        clock.now = clock.now.plus(Duration.ofMinutes(11));
        assertThat(guard.isBlocked(a)).isFalse();
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() throws Exception {
        UnknownRecipientGuard guard = new UnknownRecipientGuard(0, 2, Duration.ofMinutes(10), Clock.systemUTC());
        guard.recordUnknown(InetAddress.getByName("2001:db8:1:2::1"));
        guard.recordUnknown(InetAddress.getByName("2001:db8:1:2::ffff"));
        assertThat(guard.isBlocked(InetAddress.getByName("2001:db8:1:2:abcd::9"))).isTrue();
        assertThat(guard.isBlocked(InetAddress.getByName("2001:db8:1:3::1"))).isFalse();
    }
}
