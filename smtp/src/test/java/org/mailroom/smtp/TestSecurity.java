package org.mailroom.smtp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.mailroom.auth.Authenticator;
import org.mailroom.auth.Credentials;
import org.mailroom.auth.DefaultAuthenticator;
import org.mailroom.auth.LoginThrottle;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.auth.ThrottleConfig;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.Quota;
import org.mailroom.tls.TlsMaterial;

/**
 * The real authentication service and TLS material for the tests: DefaultAuthenticator over the
 * store's credentials (with cheap Argon2 parameters and short failure delays), and TlsMaterial's
 * generated self-signed certificate, made once per test JVM since making one costs seconds.
 */
public final class TestSecurity {

    static final PasswordHasher HASHER = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);
    static final ThrottleConfig THROTTLE = new ThrottleConfig(Duration.ofMinutes(15), Duration.ofMillis(200),
            Duration.ofSeconds(1), 10, 20, Duration.ofMinutes(15), 1000);

    private final MailStore store;
    private final Authenticator authenticator;

    private TestSecurity(MailStore store) {
        this.store = store;
        this.authenticator = new DefaultAuthenticator(store.credentials(), new LoginThrottle(THROTTLE,
                Clock.systemUTC()), Clock.systemUTC(), HASHER);
    }

    static TestSecurity create(Path dir, MailStore store) {
        return new TestSecurity(store);
    }

    /** One self-signed certificate per test JVM. */
    private static final class Material {
        static final TlsMaterial TLS = make();

        private static TlsMaterial make() {
            try {
                Path dir = Files.createTempDirectory("smtp-tls");
                Settings s = new Settings(Map.of("hostname", SmtpTestServer.HOST, "data.dir", dir.toString()), dir,
                        "tls-test");
                return TlsMaterial.load(CoreConfig.from(s));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    public Account addAccount(String address, String password) {
        Credentials c = Credentials.fromPassword(password.toCharArray(), HASHER);
        return store.admin().addAccount(EmailAddress.parse(address), c.passwordHash(), c.scramVerifier(),
                Quota.UNLIMITED);
    }

    public SSLContext sslContext() {
        return Material.TLS.sslContext();
    }

    public Authenticator authenticator() {
        return authenticator;
    }

    /** A client context that trusts the test certificate. */
    public static SSLContext trustingClientContext() {
        return Material.TLS.trustingClientContext();
    }

    /** The certificate file, for curl's and Python's trust stores. */
    public static Path certificateFile() {
        return Material.TLS.certificateFile();
    }

    public static String plain(String user, String password) {
        return Base64.getEncoder().encodeToString(("\0" + user + "\0" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
