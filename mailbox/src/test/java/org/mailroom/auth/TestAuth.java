package org.mailroom.auth;

import java.time.Clock;
import java.time.Duration;
import org.mailroom.store.CredentialStore;

/**
 * The real authentication service for tests of this and other modules (it ships in the mailbox
 * test-jar): cheap Argon2id parameters so that creating accounts and logging in cost microseconds,
 * and throttle settings without reply delays unless a test asks for them.
 */
public final class TestAuth {

    /** Far too cheap for production; hashes verify just the same. */
    public static final PasswordHasher CHEAP_HASHER = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);

    /** Failures answered at once, but bans as in production (10 per address, 20 per user name). */
    public static final ThrottleConfig NO_DELAYS = new ThrottleConfig(ThrottleConfig.DEFAULTS.window(), Duration.ZERO,
            Duration.ZERO, ThrottleConfig.DEFAULTS.addressLimit(), ThrottleConfig.DEFAULTS.accountLimit(),
            ThrottleConfig.DEFAULTS.banDuration(), ThrottleConfig.DEFAULTS.maxTracked());

    private TestAuth() {
    }

    /** What {@code AdminStore.addAccount}/{@code setCredentials} take for this password, hashed cheaply. */
    public static Credentials credentials(String password) {
        return Credentials.fromPassword(password.toCharArray(), CHEAP_HASHER);
    }

    /** A DefaultAuthenticator over the store, with the given throttle settings and clock. */
    public static DefaultAuthenticator authenticator(CredentialStore credentials, ThrottleConfig throttle, Clock clock) {
        return new DefaultAuthenticator(credentials, new LoginThrottle(throttle, clock), clock, CHEAP_HASHER);
    }

    /** A DefaultAuthenticator over the store without reply delays, on the system clock. */
    public static DefaultAuthenticator authenticator(CredentialStore credentials) {
        return authenticator(credentials, NO_DELAYS, Clock.systemUTC());
    }
}
