package org.mailroom.smtp.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailStore;
import org.mailroom.store.QueueStore.QueueEntry;
import org.mailroom.store.QueuedRecipient;
import org.mailroom.store.TestContent;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/** A JVM killed while its runner is mid-queue: after restart every message was delivered or is still due. */
class KilledRunnerTest {

    @TempDir
    Path dir;

    @Test
    void aRunnerKilledInTheMiddleOfTheQueueLosesNoMessage() throws Exception {
        Set<String> queued = new HashSet<>();
        try (MailStore store = TestStores.open(dir)) {
            for (int i = 0; i < 5; i++) {
                String to = "user" + i + "@remote.test";
                store.queue().enqueue(TestContent.message("m" + i, "body " + i),
                        List.of(QueuedRecipient.plain(Optional.of(EmailAddress.parse("alice@example.org")),
                                EmailAddress.parse(to))), Instant.now());
                queued.add(to);
            }
        }
        try (DnsStub dns = new DnsStub(); SinkServer sink = new SinkServer()) {
            dns.mx("remote.test", 10, "mx.remote.test").a("mx.remote.test", "127.0.0.1");
            sink.hangAfterMessages = 2;
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    "-Dderby.stream.error.file=" + dir.resolve("derby.log"), RunnerProcess.class.getName(),
                    dir.toString(), String.valueOf(dns.port()), String.valueOf(sink.port()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
            try {
                assertThat(sink.dataReceived.await(60, TimeUnit.SECONDS)).isTrue();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (sink.accepted.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
                // Now two messages were accepted and at least one more hangs in DATA: kill it there.
                Thread.sleep(200);
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            Set<String> delivered = new HashSet<>();
            sink.accepted.forEach(a -> a.rcptTo().forEach(r -> delivered.add(r.substring(1, r.length() - 1))));
            assertThat(delivered).hasSize(2);
            try (MailStore store = DerbyStore.openEmbedded(dir.resolve("db"),
                    DerbyCredential.load(dir.resolve("derby.credential")))) {
                List<QueueEntry> left = store.queue().due(Instant.now(), 100);
                Set<String> waiting = new HashSet<>();
                left.forEach(e -> waiting.add(e.recipient().recipient().toString()));
                Set<String> all = new HashSet<>(delivered);
                all.addAll(waiting);
                assertThat(all).as("every message delivered or still due").isEqualTo(queued);
                assertThat(left).as("an interrupted attempt is not counted").allMatch(e -> e.attempts() == 0
                        || delivered.contains(e.recipient().recipient().toString()));
                assertThat(waiting).hasSizeGreaterThanOrEqualTo(3);
            }
        }
    }
}
