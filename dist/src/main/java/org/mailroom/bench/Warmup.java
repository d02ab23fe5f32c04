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
 * SMTP workload does (one connection each) and reads them back the way the POP3 workload does, to
 * accounts of its own ({@link Instance#warmUpUser}): the workloads' maildrops stay as they were, and
 * nothing is deleted that the database would reclaim during the timed runs. Then every account of
 * the workloads logs in once over POP3, as users checking their mail do: the server remembers a
 * verified password for 30 minutes (Argon2id costs tens of milliseconds of CPU by design), and the
 * "delivered" count of the SMTP load logs in to every account again and again. Nothing of it is
 * timed; it ends when the server has gone quiet.
 */
final class Warmup {

    /** Sessions at once: between the SMTP workload's 10 and 50, and one POP3 client per warm-up account. */
    private static final int SESSIONS = Instance.WARM_UP_USERS;
    /** The server counts as quiet below this share of one core, measured over a second. */
    private static final double QUIET_CPU = 0.05;
    private static final int QUIET_WAIT_SECONDS = 60;

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
                    String to = Instance.warmUpUser(ThreadLocalRandom.current().nextInt(Instance.WARM_UP_USERS) + 1);
                    SmtpClient.sendAlone(server.smtpPort, SmtpWorkload.FROM, to,
                            Messages.of(SmtpWorkload.FROM, to, "bench warm-up", messageBytes, n));
                    p.done.incrementAndGet();
                }
            });
            failOnErrors(p);
        }
        AtomicInteger nextUser = new AtomicInteger(1);
        try (Progress p = new Progress(out, "warm-up pop3", messages, "msgs")) {
            Parallel.run(SESSIONS, p, i -> {
                int u;
                while ((u = nextUser.getAndIncrement()) <= Instance.WARM_UP_USERS) {
                    try (Pop3Client c = new Pop3Client(server.pop3Port, Instance.warmUpUser(u), Instance.PASSWORD)) {
                        c.retrieveAll(size -> p.done.incrementAndGet());
                        c.quit();
                    }
                }
            });
            failOnErrors(p);
        }
        // The logins the "delivered" counter of the SMTP load makes, once.
        SmtpWorkload.countMessages(server.pop3Port, users);
        awaitQuiet(server, out);
    }

    /** Waits until the server's own background work (compilation, Derby's checkpoint) is done. */
    private static void awaitQuiet(Instance server, PrintStream out) throws Exception {
        double before = server.cpuSeconds();
        for (int s = 0; s < QUIET_WAIT_SECONDS; s++) {
            Thread.sleep(1000);
            double now = server.cpuSeconds();
            if (now - before < QUIET_CPU) {
                return;
            }
            before = now;
        }
        out.println("  the server was still busy " + QUIET_WAIT_SECONDS + " s after the warm-up");
    }

    private static void failOnErrors(Progress p) {
        if (p.errors.get() > 0) {
            throw new BenchFailure("the warm-up failed: " + p.errors.get() + " errors (last: " + p.lastError() + ")");
        }
    }
}
