package org.mailroom.pop3;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.mailroom.auth.Authenticator;
import org.mailroom.delivery.DeliveryAgent;
import org.mailroom.delivery.DeliveryConfig;
import org.mailroom.delivery.DeliveryReport;
import org.mailroom.delivery.Envelope;
import org.mailroom.delivery.Outcome;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.spool.Spool;
import org.mailroom.spool.SpoolWriter;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.store.derby.TestStores;

/**
 * A real POP3 server on loopback over a real Derby store, with two accounts, messages delivered
 * through the real delivery agent, and a self-signed certificate.
 */
final class Pop3Fixture implements AutoCloseable {

    static final String PASSWORD = "correct horse battery";
    static final String ALICE = "alice@example.org";
    static final String BOB = "bob@example.org";

    final MailStore store;
    final DeliveryAgent agent;
    final Authenticator authenticator;
    final Account alice;
    final Account bob;
    final Pop3Config config;
    final Pop3Server server;

    private final Path spoolDir;

    private Pop3Fixture(Path dir, UnaryOperator<Pop3Config> tweak) {
        spoolDir = dir.resolve("spool");
        try {
            java.nio.file.Files.createDirectories(spoolDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        store = TestStores.open(dir.resolve("store"));
        store.admin().addDomain("example.org");
        alice = TestAccounts.add(store, ALICE, PASSWORD);
        bob = TestAccounts.add(store, BOB, PASSWORD);
        authenticator = TestAccounts.authenticator(store);
        agent = new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
        config = tweak.apply(defaults());
        server = new Pop3Server(config, new Pop3Services(authenticator, store.maildrops(), TestTls.serverContext()));
        server.start();
    }

    static Pop3Fixture start(Path dir) {
        return new Pop3Fixture(dir, c -> c);
    }

    static Pop3Fixture start(Path dir, UnaryOperator<Pop3Config> tweak) {
        return new Pop3Fixture(dir, tweak);
    }

    static Pop3Config defaults() {
        return new Pop3Config(Pop3Config.ANY_FREE_PORT, Pop3Config.ANY_FREE_PORT, InetAddress.getLoopbackAddress(),
                "mail.example.org", false, Duration.ofMinutes(10), 4096, 10, 3, 10);
    }

    /** A generous error budget, for transcripts that walk through many errors on purpose. */
    static Pop3Config lenient(Pop3Config c) {
        return new Pop3Config(c.port(), c.tlsPort(), c.bindAddress(), c.hostname(), c.allowPlaintextAuth(),
                c.idleTimeout(), c.maxLineLength(), c.maxConnectionsPerAddress(), 100, 100);
    }

    /** Delivers {@code message} (one char a byte, ISO-8859-1) to {@code to}; returns the bytes the store keeps for it (with its trace lines). */
    byte[] deliver(String to, String message) {
        byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        DeliveryReport report;
        // through a spool, as SMTP hands the delivery agent its DATA (large messages go to a file)
        try (SpoolWriter w = new SpoolWriter(spoolDir, Long.MAX_VALUE)) {
            w.write(bytes);
            try (Spool spool = w.finish()) {
                report = agent.deliver(Envelope.of(Optional.of(EmailAddress.parse("sender@remote.test")),
                        List.of(EmailAddress.parse(to))), spool);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (report.results().get(0).outcome() != Outcome.DELIVERED) {
            throw new IllegalStateException("not delivered: " + report);
        }
        return ("Return-Path: <sender@remote.test>\r\nDelivered-To: " + to + "\r\n" + message)
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The messages in the account's INBOX now, as stored. */
    List<byte[]> inbox(Account account) {
        UserMailboxes m = store.mailboxes().of(account.id());
        long inbox = m.find(MailboxName.INBOX).orElseThrow().id();
        List<byte[]> out = new ArrayList<>();
        for (MessageSummary s : m.messages(inbox, UidSet.ALL)) {
            try (InputStream in = m.openContent(inbox, s.uid())) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                in.transferTo(b);
                out.add(b.toByteArray());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    Pop3Client plain() throws IOException {
        return Pop3Client.connect(server.port());
    }

    Pop3Client tls() throws IOException {
        return Pop3Client.connectTls(server.tlsPort());
    }

    /** A session on port 995, logged in with USER/PASS, greeting and replies consumed. */
    Pop3Client loggedIn(String user) throws IOException {
        Pop3Client c = tls();
        c.line();
        c.send("USER " + user);
        c.line();
        c.send("PASS " + PASSWORD);
        String reply = c.line();
        if (!reply.startsWith("+OK")) {
            throw new IllegalStateException("login failed: " + reply);
        }
        return c;
    }

    @Override
    public void close() {
        server.close();
        store.close();
    }
}
