package org.mailroom.pop3;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mailroom.auth.AuthenticatedUser;
import org.mailroom.auth.Authenticator;
import org.mailroom.auth.LoginResult;
import org.mailroom.auth.SaslExchange;
import org.mailroom.store.Account;
import org.mailroom.store.CredentialStore.StoredCredentials;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.Quota;

/**
 * Accounts and the authenticator for the tests. Until the real DefaultAuthenticator lands on main,
 * a stand-in compares the stored "hash" literally; it is replaced then (the house rule: real components).
 */
final class TestAccounts {

    static final Duration FAILURE_DELAY = Duration.ofMillis(300);

    private TestAccounts() {
    }

    static Account add(MailStore store, String address, String password) {
        return store.admin().addAccount(EmailAddress.parse(address), "plain:" + password, "none", Quota.UNLIMITED);
    }

    static Authenticator authenticator(MailStore store) {
        return new Authenticator() {
            @Override
            public List<String> mechanisms() {
                return List.of("PLAIN", "LOGIN");
            }

            @Override
            public LoginResult login(String username, char[] password, InetAddress client) {
                Optional<StoredCredentials> c;
                try {
                    c = store.credentials().find(EmailAddress.parse(username));
                } catch (IllegalArgumentException e) {
                    c = Optional.empty();
                }
                if (c.isPresent() && c.get().passwordHash().equals("plain:" + new String(password))) {
                    return new LoginResult.Success(new AuthenticatedUser(c.get().accountId(), c.get().address()));
                }
                return new LoginResult.Failure(FAILURE_DELAY);
            }

            @Override
            public Optional<SaslExchange> start(String mechanism, InetAddress client) {
                return Optional.empty();
            }
        };
    }
}
