package org.mailroom.delivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.TestContent;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;

/**
 * Durable delivery throughput through the real {@link DeliveryAgent} into the embedded Derby store:
 * 4 KB messages to 100 accounts, with 1, 10 and 50 threads, each delivery as SMTP makes it (a RCPT
 * check, then the commit). A benchmark, not a test: run it by hand.
 *
 * <pre>
 * mvn -o -q -pl mailbox test-compile
 * java -cp "mailbox/target/classes:mailbox/target/test-classes:$(cat cp.txt)" \
 *     org.mailroom.delivery.DeliveryThroughputBench [messages-per-run] [threads,...] [repetitions] [dir]
 * </pre>
 */
public final class DeliveryThroughputBench {

    private static final int ACCOUNTS = 100;

    private DeliveryThroughputBench() {
    }

    public static void main(String[] args) throws Exception {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        String[] threadCounts = (args.length > 1 ? args[1] : "1,10,50").split(",");
        int repetitions = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        Path dir = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("mailroom-delivery-bench");
        TestContent content = message4k();
        try (DerbyStore store = DerbyStore.openEmbedded(dir.resolve("db"),
                DerbyCredential.loadOrCreate(dir.resolve("derby.credential")))) {
            List<EmailAddress> accounts = setUp(store);
            DeliveryAgent agent = new DeliveryAgent(store.delivery(), DeliveryConfig.DEFAULT, Clock.systemUTC());
            run(agent, accounts, content, 200, 10); // warm-up: JIT, statement cache
            for (int r = 1; r <= repetitions; r++) {
                for (String t : threadCounts) {
                    int threads = Integer.parseInt(t.trim());
                    long cpu = processCpuNanos();
                    double rate = run(agent, accounts, content, messages, threads);
                    double cpuPerDelivery = (processCpuNanos() - cpu) / 1e6 / messages;
                    System.out.printf("run %d threads %3d: %6d deliveries, %8.1f /s, %5.2f ms CPU each%n", r, threads,
                            messages, rate, cpuPerDelivery);
                }
            }
        }
        System.out.println("database left in " + dir);
    }

    /** The CPU time of this whole process (every thread, the JIT and GC included). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static List<EmailAddress> setUp(DerbyStore store) {
        List<EmailAddress> out = new ArrayList<>();
        if (store.admin().accounts(Optional.empty()).isEmpty()) {
            store.admin().addDomain("bench.example");
        }
        for (int i = 0; i < ACCOUNTS; i++) {
            EmailAddress a = EmailAddress.parse("user" + i + "@bench.example");
            if (store.delivery().findAccount(a).isEmpty()) {
                store.admin().addAccount(a, "h", "s", Quota.UNLIMITED);
            }
            out.add(a);
        }
        return out;
    }

    /** Delivers {@code messages} with {@code threads} threads; returns deliveries per second. */
    static double run(DeliveryAgent agent, List<EmailAddress> accounts, TestContent content, int messages,
                      int threads) throws Exception {
        AtomicInteger next = new AtomicInteger();
        EmailAddress sender = EmailAddress.parse("sender@remote.example");
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    int failed = 0;
                    int i;
                    while ((i = next.getAndIncrement()) < messages) {
                        EmailAddress to = accounts.get(i % accounts.size());
                        if (agent.check(to) != RecipientCheck.LOCAL) {
                            failed++;
                            continue;
                        }
                        DeliveryReport report = agent.deliver(Envelope.of(Optional.of(sender), List.of(to)), content);
                        if (report.results().get(0).outcome() != Outcome.DELIVERED) {
                            failed++;
                        }
                    }
                    return failed;
                }));
            }
            int failed = 0;
            for (Future<Integer> f : results) {
                failed += f.get();
            }
            if (failed > 0) {
                System.out.println("  " + failed + " deliveries failed");
            }
        } finally {
            pool.shutdown();
        }
        return messages / ((System.nanoTime() - start) / 1e9);
    }

    /** A plain 4 KB message. */
    static TestContent message4k() {
        StringBuilder b = new StringBuilder("From: sender@remote.example\r\nTo: someone@bench.example\r\n"
                + "Subject: benchmark\r\nMessage-ID: <bench@remote.example>\r\n"
                + "Date: Fri, 4 Dec 2026 12:00:00 +0000\r\n\r\n");
        while (b.length() < 4096 - 80) {
            b.append("The quick brown fox jumps over the lazy dog, again and again and again.\r\n");
        }
        return new TestContent(b.toString().getBytes(StandardCharsets.US_ASCII));
    }
}
