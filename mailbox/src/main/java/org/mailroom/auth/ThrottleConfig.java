package org.mailroom.auth;

import java.time.Duration;
import org.mailroom.config.Settings;

/**
 * How failed logins are slowed down and banned.
 *
 * @param window failures older than this are forgotten ({@code auth.throttle.window}, default 15m)
 * @param firstDelay the reply delay after the first failure; it doubles with each further failure
 *     ({@code auth.throttle.delay}, default 1s)
 * @param maxDelay the longest reply delay ({@code auth.throttle.max-delay}, default 16s)
 * @param addressLimit failures from one client address (an IPv6 /64) within the window that ban it
 *     ({@code auth.throttle.address-limit}, default 10)
 * @param accountLimit failures for one user name within the window that ban logins to it from
 *     everywhere ({@code auth.throttle.account-limit}, default 20)
 * @param banDuration how long a ban lasts ({@code auth.throttle.ban}, default 15m)
 * @param maxTracked how many addresses and how many user names are tracked at most; the least
 *     recently seen are forgotten first ({@code auth.throttle.max-tracked}, default 50000)
 */
public record ThrottleConfig(Duration window, Duration firstDelay, Duration maxDelay, int addressLimit,
                             int accountLimit, Duration banDuration, int maxTracked) {

    public static final ThrottleConfig DEFAULTS = new ThrottleConfig(Duration.ofMinutes(15), Duration.ofSeconds(1),
            Duration.ofSeconds(16), 10, 20, Duration.ofMinutes(15), 50_000);

    public ThrottleConfig {
        if (window.isNegative() || window.isZero() || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0
                || banDuration.isNegative() || addressLimit < 1 || accountLimit < 1 || maxTracked < 1) {
            throw new IllegalArgumentException("inconsistent login throttle settings");
        }
    }

    /** Reads the {@code auth.throttle.*} keys. */
    public static ThrottleConfig from(Settings settings) {
        ThrottleConfig d = DEFAULTS;
        Duration window = positive(settings, "auth.throttle.window", d.window());
        Duration delay = settings.duration("auth.throttle.delay", d.firstDelay());
        Duration maxDelay = settings.duration("auth.throttle.max-delay", d.maxDelay());
        if (maxDelay.compareTo(delay) < 0) {
            throw settings.error("auth.throttle.max-delay", "must not be shorter than auth.throttle.delay (" + delay
                    .toMillis() + "ms)");
        }
        int addressLimit = settings.integer("auth.throttle.address-limit", d.addressLimit(), 1, 1_000_000);
        int accountLimit = settings.integer("auth.throttle.account-limit", d.accountLimit(), 1, 1_000_000);
        Duration ban = settings.duration("auth.throttle.ban", d.banDuration());
        int maxTracked = settings.integer("auth.throttle.max-tracked", d.maxTracked(), 100, 10_000_000);
        return new ThrottleConfig(window, delay, maxDelay, addressLimit, accountLimit, ban, maxTracked);
    }

    private static Duration positive(Settings settings, String key, Duration defaultValue) {
        Duration d = settings.duration(key, defaultValue);
        if (d.isZero()) {
            throw settings.error(key, "must be longer than 0");
        }
        return d;
    }
}
