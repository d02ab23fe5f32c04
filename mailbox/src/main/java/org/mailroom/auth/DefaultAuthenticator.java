package org.mailroom.auth;

import java.net.InetAddress;
import java.time.Clock;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.mailroom.store.CredentialStore;
import org.mailroom.store.CredentialStore.StoredCredentials;
import org.mailroom.store.EmailAddress;

/**
 * The authentication service: checks passwords against the store's Argon2id hashes, runs the SASL
 * mechanisms, and lets the {@link LoginThrottle} slow down and ban whoever keeps failing.
 *
 * <p>An unknown user, a wrong password and a disabled account give the same {@link LoginResult.Failure},
 * counted and delayed the same way; an unknown user also costs one hash, so that the time to answer
 * does not tell them apart either.
 */
public final class DefaultAuthenticator implements Authenticator {

    /** How long a verified password is remembered (see {@link VerifiedCache}). */
    static final Duration CACHE_LIFETIME = Duration.ofMinutes(30);
    static final int CACHE_ENTRIES = 10_000;
    private static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "PLAIN", "LOGIN");

    private final CredentialStore credentials;
    private final LoginThrottle throttle;
    private final PasswordHasher hasher;
    private final VerifiedCache cache;
    /** Verified against for unknown users, so they cost the same time as known ones. */
    private final String decoyHash;
    private final ScramDecoys decoys = new ScramDecoys();
    private final SecureRandom random = new SecureRandom();

    public DefaultAuthenticator(CredentialStore credentials, LoginThrottle throttle, Clock clock) {
        this(credentials, throttle, clock, new PasswordHasher());
    }

    /** With a given hasher, whose parameters only decide the decoy's cost (stored hashes carry their own). */
    public DefaultAuthenticator(CredentialStore credentials, LoginThrottle throttle, Clock clock,
                                PasswordHasher hasher) {
        this.credentials = credentials;
        this.throttle = throttle;
        this.hasher = hasher;
        this.cache = new VerifiedCache(clock, CACHE_LIFETIME, CACHE_ENTRIES);
        this.decoyHash = hasher.hash("decoy password of no account".toCharArray());
    }

    @Override
    public List<String> mechanisms() {
        return MECHANISMS;
    }

    @Override
    public LoginResult login(String username, char[] password, InetAddress client) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Optional<Duration> ban = throttle.banned(client, username);
        if (ban.isPresent()) {
            return new LoginResult.Banned(ban.get());
        }
        Optional<StoredCredentials> account = find(username);
        if (account.isEmpty()) {
            hasher.verify(password, decoyHash);
            return throttle.failed(client, username);
        }
        StoredCredentials c = account.get();
        boolean valid = passwordMatches(c, password);
        if (!valid || !c.enabled()) {
            return throttle.failed(client, username);
        }
        throttle.succeeded(client, username);
        return new LoginResult.Success(new AuthenticatedUser(c.accountId(), c.address()));
    }

    /** Mechanism names are case-insensitive (RFC 4422 §3.1). */
    @Override
    public Optional<SaslExchange> start(String mechanism, InetAddress client) {
        if (mechanism == null) {
            return Optional.empty();
        }
        return switch (mechanism.toUpperCase(Locale.ROOT)) {
            case "PLAIN" -> Optional.of(new PlainExchange(this, client));
            case "LOGIN" -> Optional.of(new LoginExchange(this, client));
            case "SCRAM-SHA-256" -> Optional.of(new ScramSha256Exchange(scramAccounts(client), this::serverNonce));
            default -> Optional.empty();
        };
    }

    /**
     * A correct password used to act as someone else (a PLAIN or SCRAM authorization identity other
     * than one's own): counted and answered like a wrong password.
     */
    LoginResult refuseAuthorization(String username, InetAddress client) {
        return throttle.failed(client, username);
    }

    private String serverNonce() {
        byte[] b = new byte[18];
        random.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    private ScramAccounts scramAccounts(InetAddress client) {
        return new ScramAccounts() {
            @Override
            public Target target(String username) {
                Optional<Duration> ban = throttle.banned(client, username);
                if (ban.isPresent()) {
                    return new Target(username, decoys.verifier(username), Optional.of(new LoginResult.Banned(ban.get())),
                            Optional.empty());
                }
                Optional<StoredCredentials> account = find(username);
                Optional<ScramVerifier> verifier = account.flatMap(c -> ScramVerifier.parse(c.scramVerifier()));
                if (verifier.isEmpty()) {
                    return new Target(username, decoys.verifier(username), Optional.empty(), Optional.empty());
                }
                StoredCredentials c = account.get();
                Optional<AuthenticatedUser> user = c.enabled()
                        ? Optional.of(new AuthenticatedUser(c.accountId(), c.address())) : Optional.empty();
                return new Target(username, verifier.get(), Optional.empty(), user);
            }

            @Override
            public LoginResult conclude(Target target, boolean proofValid) {
                if (proofValid && target.user().isPresent()) {
                    throttle.succeeded(client, target.username());
                    return new LoginResult.Success(target.user().get());
                }
                return throttle.failed(client, target.username());
            }
        };
    }

    private boolean passwordMatches(StoredCredentials c, char[] password) {
        if (cache.contains(c.accountId(), c.passwordHash(), password)) {
            return true;
        }
        if (!hasher.verify(password, c.passwordHash())) {
            return false;
        }
        cache.remember(c.accountId(), c.passwordHash(), password);
        return true;
    }

    private Optional<StoredCredentials> find(String username) {
        EmailAddress address;
        try {
            address = EmailAddress.parse(username);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return credentials.find(address);
    }

    /** How many verified passwords are remembered now (for tests). */
    int cachedCount() {
        return cache.size();
    }
}
