package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.auth.DefaultAuthenticator;
import org.mailroom.auth.LoginThrottle;
import org.mailroom.auth.PasswordHasher;
import org.mailroom.auth.ThrottleConfig;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;
import org.mailroom.imap.support.TestTls;
import org.mailroom.store.MailboxStore;
import org.mailroom.store.MessageHeader;
import org.mailroom.store.UserMailboxes;

/**
 * Issue 6 ("SORT by date answers without reading message bodies") and issue 8 (header SEARCH in one
 * read per message or fewer), shown on the real Derby store through a counting decorator: the server
 * under test sees the store only through it. Message content is reachable only through
 * {@code openContent} (whole messages) and {@code headers} (structures, and header bytes when asked);
 * SORT and THREAD must not open any content, and only THREAD=REFERENCES and header SEARCH may ask
 * for header bytes, whose total must be the headers' length, not the messages'.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SortReadsNoBodyTest {

    /** More than one batch of header reads ({@code Searcher.HEADER_BATCH} is 256). */
    private static final int MESSAGES = 260;

    @TempDir
    static Path dir;
    private ImapFixture fixture;
    private ImapServer server;
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong headerBytes = new AtomicLong();

    @BeforeAll
    void start() {
        fixture = new ImapFixture(dir, true, Duration.ofMillis(100));
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            body.append("A long body line that SORT must never read, line ").append(i).append("\r\n");
        }
        for (int i = 0; i < MESSAGES; i++) {
            fixture.deliver("alice@example.org", "From: Sender " + (i % 7) + " <s" + (i % 7) + "@remote.test>\r\n"
                    + "To: alice@example.org\r\nSubject: " + (i % 3 == 0 ? "Re: " : "") + "topic " + (i % 11) + "\r\n"
                    + "Date: Mon, " + (1 + i % 28) + " Jan 2024 10:00:00 +0000\r\n"
                    + "Message-ID: <n" + i + "@remote.test>\r\n"
                    + (i > 0 ? "References: <n" + (i - 1) / 2 + "@remote.test>\r\n" : "")
                    + "\r\n" + body);
        }
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.Parameters.FOR_TESTS);
        ThrottleConfig throttle = new ThrottleConfig(Duration.ofMinutes(15), Duration.ofMillis(100),
                Duration.ofMillis(200), 5, 20, Duration.ofMinutes(1), 1000);
        DefaultAuthenticator auth = new DefaultAuthenticator(fixture.store.credentials(),
                new LoginThrottle(throttle, Clock.systemUTC()), Clock.systemUTC(), hasher);
        ImapConfig config = new ImapConfig(ImapConfig.ANY_PORT, ImapConfig.ANY_PORT, InetAddress.getLoopbackAddress(),
                true, dir.resolve("spool2"), 50L << 20, Duration.ofMinutes(30), Duration.ofSeconds(60), 20, 10, 30, 4);
        server = new ImapServer(config, new ImapServices(auth, counting(fixture.store.mailboxes()),
                fixture.store.events(), Optional.of(TestTls.server()))).start();
    }

    @AfterAll
    void stop() {
        server.close();
        fixture.close();
    }

    @Test
    void sortByDateAndEnvelopeKeysOpensNoMessageContent() {
        try (ImapTestClient c = ImapTestClient.connect(server.port(), false).login("alice@example.org")) {
            c.command("s", "SELECT INBOX");
            calls.clear();
            headerBytes.set(0);
            List<String> lines = c.command("a", "SORT (DATE) UTF-8 ALL");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("a OK SORT completed");
            assertThat(lines.get(0).split(" ")).hasSize(2 + MESSAGES);
            lines = c.command("b", "UID SORT (REVERSE SUBJECT FROM DISPLAYTO CC ARRIVAL SIZE) UTF-8 ALL");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("b OK UID SORT completed");
            lines = c.command("c", "THREAD ORDEREDSUBJECT UTF-8 ALL");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("c OK THREAD completed");
        }
        assertThat(count("openContent")).isZero();
        assertThat(count("structure")).isZero();
        assertThat(count("headers(withHeader)")).isZero();
        assertThat(count("headers")).isEqualTo(3); // one batch per command
        assertThat(headerBytes.get()).isZero();
    }

    @Test
    void threadByReferencesReadsHeaderBytesOnly() {
        long sizes;
        try (ImapTestClient c = ImapTestClient.connect(server.port(), false).login("alice@example.org")) {
            c.command("s", "SELECT INBOX");
            calls.clear();
            headerBytes.set(0);
            List<String> lines = c.command("a", "THREAD REFERENCES UTF-8 ALL");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("a OK THREAD completed");
            assertThat(lines.get(0)).startsWith("* THREAD (1 (");
        }
        UserMailboxes boxes = fixture.store.mailboxes().of(fixture.alice.id());
        long inbox = boxes.find(org.mailroom.store.MailboxName.INBOX).orElseThrow().id();
        sizes = boxes.messages(inbox, org.mailroom.store.UidSet.ALL).stream().mapToLong(m -> m.size()).sum();
        long headers = boxes.headers(inbox, org.mailroom.store.UidSet.ALL, false, h -> h.structure().headerLength())
                .stream().mapToLong(Long::longValue).sum();
        assertThat(count("openContent")).isZero();
        assertThat(count("headers(withHeader)")).isEqualTo(1);
        assertThat(headerBytes.get()).isEqualTo(headers).isLessThan(sizes / 10);
    }

    @Test
    void headerSearchReadsHeadersInBatchesNotMessageByMessage() {
        try (ImapTestClient c = ImapTestClient.connect(server.port(), false).login("alice@example.org")) {
            c.command("s", "SELECT INBOX");
            calls.clear();
            headerBytes.set(0);
            List<String> lines = c.command("a", "SEARCH HEADER Message-ID n17@ SUBJECT topic");
            assertThat(lines).containsExactly("* SEARCH 18", "a OK SEARCH completed");
        }
        assertThat(count("openContent")).isZero();
        assertThat(count("structure")).isZero();
        assertThat(count("headers(withHeader)")).isEqualTo((MESSAGES + 255) / 256);
    }

    private long count(String name) {
        AtomicLong n = calls.get(name);
        return n == null ? 0 : n.get();
    }

    private MailboxStore counting(MailboxStore real) {
        return accountId -> (UserMailboxes) Proxy.newProxyInstance(UserMailboxes.class.getClassLoader(),
                new Class<?>[] {UserMailboxes.class}, counter(real.of(accountId)));
    }

    @SuppressWarnings("unchecked")
    private InvocationHandler counter(UserMailboxes real) {
        return (proxy, method, args) -> {
            String name = method.getName();
            if (name.equals("headers") && Boolean.TRUE.equals(args[2])) {
                calls.computeIfAbsent("headers(withHeader)", k -> new AtomicLong()).incrementAndGet();
                java.util.function.Function<MessageHeader, Object> extract =
                        (java.util.function.Function<MessageHeader, Object>) args[3];
                args = args.clone();
                args[3] = (java.util.function.Function<MessageHeader, Object>) h -> {
                    headerBytes.addAndGet(h.header().length);
                    return extract.apply(h);
                };
            }
            calls.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}
