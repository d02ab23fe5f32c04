package org.mailroom.pop3;

import java.time.Clock;
import java.time.Duration;
import org.mailroom.auth.Authenticator;
import org.mailroom.auth.Credentials;
import org.mailroom.auth.DefaultAuthenticator;
import org.mailroom.auth.LoginThrottle;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.auth.ThrottleConfig;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.Quota;

/** Accounts with real Argon2id and SCRAM credentials, and the real authenticator with a quick throttle. */
final class TestAccounts {

    /** The delay after the first failure (the production default is 1s); it doubles with each failure. */
    static final Duration FIRST_DELAY = Duration.ofMillis(200);
    /** Failures from one address that ban it. */
    static final int ADDRESS_LIMIT = 5;
    static final ThrottleConfig THROTTLE = new ThrottleConfig(Duration.ofMinutes(15), FIRST_DELAY,
            Duration.ofMillis(800), ADDRESS_LIMIT, 20, Duration.ofMinutes(15), 1000);
    private static final PasswordHasher HASHER = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);

    private TestAccounts() {
    }

    static Account add(MailStore store, String address, String password) {
        Credentials c = Credentials.fromPassword(password.toCharArray(), HASHER);
        return store.admin().addAccount(EmailAddress.parse(address), c.passwordHash(), c.scramVerifier(),
                Quota.UNLIMITED);
    }

    static Authenticator authenticator(MailStore store) {
        return new DefaultAuthenticator(store.credentials(), new LoginThrottle(THROTTLE, Clock.systemUTC()),
                Clock.systemUTC(), HASHER);
    }
}
