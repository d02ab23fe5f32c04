package org.mailroom.imap.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.auth.AuthenticatedUser;
import org.mailroom.auth.DefaultAuthenticator;
import org.mailroom.auth.LoginThrottle;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.auth.ThrottleConfig;
import org.mailroom.imap.ImapConfig;
import org.mailroom.imap.ImapServices;
import org.mailroom.imap.protocol.FramerLimits;
import org.mailroom.imap.protocol.ResponseSink;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.RecentRegistry;
import org.mailroom.imap.session.Transport;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Flags;
import org.mailroom.store.MailStore;
import org.mailroom.store.MailboxName;
import org.mailroom.store.Quota;
import org.mailroom.store.derby.TestStores;

/**
 * NOTIFY's queue with a session that cannot tell yet (its tasks wait, as while the client does not read):
 * changes of one mailbox coalesce into one STATUS and one telling is scheduled; past the limit of
 * untold changes the client gets [NOTIFICATIONOVERFLOW] and NOTIFY is off (RFC 5465 §5.8).
 */
class NotifierTest {

    @TempDir
    Path dir;
    private MailStore store;
    private Account alice;
    private final List<Runnable> waiting = new ArrayList<>();
    private final ByteArrayOutputStream written = new ByteArrayOutputStream();
    private ImapSession session;

    @BeforeEach
    void open() {
        store = TestStores.open(dir.resolve("store"));
        store.admin().addDomain("example.org");
        alice = store.admin().addAccount(EmailAddress.parse("alice@example.org"), "hash", "scram", Quota.UNLIMITED);
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);
        DefaultAuthenticator auth = new DefaultAuthenticator(store.credentials(), new LoginThrottle(new ThrottleConfig(
                Duration.ofMinutes(15), Duration.ZERO, Duration.ZERO, 5, 20, Duration.ofMinutes(1), 1000),
                Clock.systemUTC()), Clock.systemUTC(), hasher);
        ImapConfig config = new ImapConfig(0, 0, InetAddress.getLoopbackAddress(), true, dir.resolve("spool"),
                1 << 20, Duration.ofMinutes(30), Duration.ofSeconds(60), 10, 10, 30, 1);
        session = new ImapSession(config, new ImapServices(auth, store.mailboxes(), store.events(), Optional.empty()),
                new WaitingTransport(), new ResponseWriter(new Sink()), new CommandTable(), new RecentRegistry());
        session.loggedIn(new AuthenticatedUser(alice.id(), alice.address()));
    }

    @AfterEach
    void close() {
        session.onClosed();
        store.close();
    }

    private static NotifySpec personal() {
        return new NotifySpec(false, List.of(new NotifySpec.Group(NotifySpec.Filter.PERSONAL, List.of(),
                Set.of(NotifySpec.Event.MESSAGE_NEW, NotifySpec.Event.MESSAGE_EXPUNGE), List.of())));
    }

    private void appendToSent(int n) {
        for (int i = 0; i < n; i++) {
            session.mailboxes().append(MailboxName.of("Sent"),
                    org.mailroom.spool.Spool.of(("Subject: " + i + "\r\n\r\nx\r\n").getBytes(StandardCharsets.US_ASCII)),
                    Flags.NONE, Instant.now());
        }
    }

    private String runWaiting() {
        List<Runnable> tasks = new ArrayList<>(waiting);
        waiting.clear();
        tasks.forEach(Runnable::run);
        return written.toString(StandardCharsets.UTF_8);
    }

    @Test
    void changesOfOneMailboxCoalesceIntoOneStatusAndOneTelling() {
        session.notifications(new Notifier(personal(), session, 100));
        appendToSent(3);
        assertThat(waiting).hasSize(1);
        assertThat(runWaiting()).matches("\\* STATUS \"Sent\" \\(MESSAGES 3 UIDNEXT 4 UIDVALIDITY \\d+ UNSEEN 3\\)\r\n");
    }

    @Test
    void pastTheLimitTheClientIsToldOfTheOverflowAndNotifyIsOff() {
        session.notifications(new Notifier(personal(), session, 5));
        appendToSent(6);
        assertThat(runWaiting()).isEqualTo("* OK [NOTIFICATIONOVERFLOW] Too many changes to tell; NOTIFY is off\r\n");
        assertThat(session.notifications()).isNull();
        appendToSent(1);
        assertThat(waiting).isEmpty();
    }

    /** A connection whose tasks wait until the test runs them. */
    private final class WaitingTransport implements Transport {
        @Override
        public InetAddress client() {
            return InetAddress.getLoopbackAddress();
        }

        @Override
        public boolean isSecure() {
            return true;
        }

        @Override
        public void startTls() {
        }

        @Override
        public void startCompression() {
        }

        @Override
        public void resumeInput() {
        }

        @Override
        public void limits(FramerLimits limits) {
        }

        @Override
        public void idleTimeout(Duration timeout) {
        }

        @Override
        public void execute(Runnable task) {
            waiting.add(task);
        }

        @Override
        public void delay(Duration delay, Runnable task) {
            waiting.add(task);
        }

        @Override
        public void close() {
        }
    }

    private final class Sink implements ResponseSink {
        @Override
        public void write(byte[] bytes, int offset, int length) {
            written.write(bytes, offset, length);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
