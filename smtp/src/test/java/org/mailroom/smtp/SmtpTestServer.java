package org.mailroom.smtp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.mailroom.config.ConfigException;
import org.mailroom.config.CoreConfig;
import org.mailroom.config.Settings;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.Quota;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.store.derby.TestStores;

/**
 * A real SMTP server for tests: the Derby store, the delivery agent, authentication and TLS, all
 * three listeners on free loopback ports. Domain {@code example.org} with alice (password
 * {@code alice-secret}) and bob, and the alias {@code sales@example.org -> alice}.
 */
public final class SmtpTestServer implements AutoCloseable {

    public static final String HOST = "mx.example.org";
    public static final String ALICE_PASSWORD = "alice-secret";

    public final MailStore store;
    public final SmtpServer server;
    public final Account alice;
    public final Account bob;
    public final SmtpConfig config;
    public final TestSecurity security;

    public SmtpTestServer(Path dir, Map<String, String> overrides) {
        this(dir, overrides, UnaryOperator.identity());
    }

    /** A server whose services the test changes, e.g. to hand it a component in a failed state. */
    public SmtpTestServer(Path dir, Map<String, String> overrides, UnaryOperator<SmtpServices> services) {
        this(dir, overrides, (store, s) -> services.apply(s));
    }

    /** A server whose services the test builds from the store, e.g. mail authentication with its keys. */
    public SmtpTestServer(Path dir, Map<String, String> overrides,
                          java.util.function.BiFunction<MailStore, SmtpServices, SmtpServices> services) {
        store = TestStores.open(dir.resolve("store"));
        store.admin().addDomain("example.org");
        security = TestSecurity.create(dir, store);
        alice = security.addAccount("alice@example.org", ALICE_PASSWORD);
        bob = security.addAccount("bob@example.org", "bob-secret");
        store.admin().addAlias(new org.mailroom.store.Alias("sales@example.org",
                List.of(EmailAddress.parse("alice@example.org"))));
        DeliveryAgent agent = new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
        Started started = start(dir, overrides, services.apply(store, new SmtpServices(agent,
                security.authenticator(), security.sslContext(), Clock.systemUTC())));
        config = started.config();
        server = started.server();
    }

    private record Started(SmtpConfig config, SmtpServer server) {
    }

    /**
     * Starts the server on ports that {@link #freePort()} found free. That was a moment ago, and on a
     * machine where other test runs bind ports too, one of them may be taken by now: then it tries again
     * with other ports.
     */
    private static Started start(Path dir, Map<String, String> overrides, SmtpServices services) {
        for (int attempt = 1; ; attempt++) {
            SmtpConfig config = configure(dir, overrides);
            SmtpServer server = new SmtpServer(config, services);
            try {
                server.start();
                return new Started(config, server);
            } catch (ConfigException e) {
                if (attempt == 5 || !e.getMessage().contains("address already in use")) {
                    throw e;
                }
            }
        }
    }

    private static SmtpConfig configure(Path dir, Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("hostname", HOST);
        values.put("bind.address", "127.0.0.1");
        values.put("data.dir", dir.resolve("data").toString());
        values.put("smtp.port", Integer.toString(freePort()));
        values.put("submission.port", Integer.toString(freePort()));
        values.put("smtps.port", Integer.toString(freePort()));
        // Transcripts make many errors on purpose; the error budget has its own tests.
        values.put("smtp.error-soft-limit", "100");
        values.put("smtp.error-hard-limit", "200");
        values.put("smtp.unknown-recipients.slowdown-after", "100");
        values.put("smtp.unknown-recipients.limit", "200");
        values.put("smtp.shutdown-grace", "2s");
        // Transcripts leave their connections open; the flood test sets its own limit.
        values.put("smtp.max-connections-per-address", "1000");
        values.putAll(overrides);
        Settings settings = new Settings(values, dir, "test.properties");
        SmtpConfig config = SmtpConfig.from(settings, CoreConfig.from(settings));
        settings.rejectUnknownKeys();
        return config;
    }

    public int port(ListenerKind kind) {
        return server.port(kind);
    }

    /** The messages in an account's INBOX, as stored. */
    public List<String> inbox(Account account) {
        UserMailboxes boxes = store.mailboxes().of(account.id());
        long id = boxes.find(MailboxName.INBOX).orElseThrow().id();
        List<String> out = new ArrayList<>();
        for (MessageSummary m : boxes.messages(id, UidSet.ALL)) {
            try (InputStream in = boxes.openContent(id, m.uid())) {
                out.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }

    static Quota unlimited() {
        return Quota.UNLIMITED;
    }
}
