package org.mailroom.imap.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.mailroom.auth.Credentials;
import org.mailroom.auth.DefaultAuthenticator;
import org.mailroom.auth.LoginThrottle;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.auth.ThrottleConfig;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.delivery.DeliveryReport;
import org.mailroom.delivery.Envelope;
import org.mailroom.imap.ImapConfig;
import org.mailroom.imap.ImapServer;
import org.mailroom.imap.ImapServices;
import org.mailroom.spool.Spool;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.Quota;
import org.mailroom.store.derby.TestStores;

/**
 * A real IMAP server on loopback ports over a real Derby store with two accounts, alice and bob
 * (password "secret"), the real authenticator (five failures from one address ban it) and TLS material,
 * with messages delivered through the real delivery agent.
 */
public final class ImapFixture implements AutoCloseable {

    public static final String PASSWORD = "secret";

    public final MailStore store;
    public final ImapServer server;
    public final Account alice;
    public final Account bob;
    private final DeliveryAgent agent;

    public ImapFixture(Path dir, boolean allowPlaintext, Duration failureDelay) {
        this(dir, allowPlaintext, failureDelay, 50L << 20, 20, 10, 30);
    }

    public ImapFixture(Path dir, boolean allowPlaintext, Duration failureDelay, long appendLimit, int perAddress,
                       int errorSoft, int errorHard) {
        this(dir, allowPlaintext, failureDelay, appendLimit, perAddress, errorSoft, errorHard, c -> c);
    }

    public ImapFixture(Path dir, boolean allowPlaintext, Duration failureDelay, long appendLimit, int perAddress,
                       int errorSoft, int errorHard, java.util.function.UnaryOperator<ImapConfig> tweak) {
        store = TestStores.open(dir.resolve("store"));
        store.admin().addDomain("example.org");
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);
        Credentials credentials = Credentials.fromPassword(PASSWORD.toCharArray(), hasher);
        alice = store.admin().addAccount(EmailAddress.parse("alice@example.org"), credentials.passwordHash(),
                credentials.scramVerifier(), Quota.UNLIMITED);
        bob = store.admin().addAccount(EmailAddress.parse("bob@example.org"), credentials.passwordHash(),
                credentials.scramVerifier(), Quota.UNLIMITED);
        ThrottleConfig throttle = new ThrottleConfig(Duration.ofMinutes(15), failureDelay, failureDelay.multipliedBy(2),
                5, 20, Duration.ofMinutes(1), 1000);
        DefaultAuthenticator auth = new DefaultAuthenticator(store.credentials(),
                new LoginThrottle(throttle, Clock.systemUTC()), Clock.systemUTC(), hasher);
        agent = new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
        ImapConfig config = new ImapConfig(ImapConfig.ANY_PORT, ImapConfig.ANY_PORT, InetAddress.getLoopbackAddress(),
                allowPlaintext, dir.resolve("spool"), appendLimit, Duration.ofMinutes(30), Duration.ofSeconds(60),
                perAddress, errorSoft, errorHard, 4);
        try {
            server = new ImapServer(tweak.apply(config), new ImapServices(auth, store.mailboxes(), store.events(),
                    Optional.of(TestTls.server()))).start();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public DeliveryReport deliver(String recipient, byte[] message) {
        return agent.deliver(Envelope.of(Optional.of(EmailAddress.parse("sender@remote.test")),
                List.of(EmailAddress.parse(recipient))), Spool.of(message));
    }

    public DeliveryReport deliver(String recipient, String message) {
        return deliver(recipient, message.getBytes(StandardCharsets.UTF_8));
    }

    /** A message of the mailbox module's test corpus ({@code src/test/resources/corpus}). */
    public static byte[] corpus(String name) {
        try (InputStream in = ImapFixture.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus message " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ImapTestClient client() {
        return ImapTestClient.connect(server.port(), false);
    }

    public ImapTestClient tlsClient() {
        return ImapTestClient.connect(server.tlsPort(), true);
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
