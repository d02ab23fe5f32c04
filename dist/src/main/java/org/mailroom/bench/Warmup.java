package org.mailroom.bench;

import java.io.PrintStream;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Brings a fresh server to the state it runs in for weeks: its hot paths compiled by the JIT. A JVM
 * interprets, then compiles, the code of the first tens of thousands of messages; measured cold, five
 * thousand messages time the compiler more than the server (on the 2-core machine the first 5,000
 * SMTP messages cost about four times the CPU of later ones). The warm-up sends messages the way the
 * SMTP workload does (one connection each) and drains them the way the POP3 workload does, deleting
 * them, so that the maildrops are as empty afterwards as before. Nothing of it is timed.
 */
final class Warmup {

    /** Sessions at once: between the SMTP workload's 10 and 50, and its POP3 clients. */
    private static final int SESSIONS = 20;

    private Warmup() {
    }

    static void run(Instance server, int users, int messages, int messageBytes, PrintStream out) throws Exception {
        if (messages <= 0) {
            return;
        }
        AtomicLong next = new AtomicLong();
        try (Progress p = new Progress(out, "warm-up smtp", messages, "msgs")) {
            Parallel.run(SESSIONS, p, i -> {
                long n;
                while ((n = next.getAndIncrement()) < messages) {
                    String to = Instance.user(ThreadLocalRandom.current().nextInt(users) + 1);
                    byte[] data = Messages.of(SmtpWorkload.FROM, to, "bench warm-up", messageBytes, n);
                    try (SmtpClient c = new SmtpClient(server.smtpPort)) {
                        c.send(SmtpWorkload.FROM, to, data);
                        c.quit();
                    }
                    p.done.incrementAndGet();
                }
            });
            failOnErrors(p);
        }
        AtomicInteger nextUser = new AtomicInteger(1);
        try (Progress p = new Progress(out, "warm-up pop3 (deleting)", messages, "msgs")) {
            Parallel.run(SESSIONS, p, i -> {
                int u;
                while ((u = nextUser.getAndIncrement()) <= users) {
                    try (Pop3Client c = new Pop3Client(server.pop3Port, Instance.user(u), Instance.PASSWORD)) {
                        int n = c.list();
                        for (int m = 1; m <= n; m++) {
                            c.retr(m);
                            c.dele(m);
                            p.done.incrementAndGet();
                        }
                        c.quit();
                    }
                }
            });
            failOnErrors(p);
        }
    }

    private static void failOnErrors(Progress p) {
        if (p.errors.get() > 0) {
            throw new BenchFailure("the warm-up failed: " + p.errors.get() + " errors (last: " + p.lastError() + ")");
        }
    }
}
