package org.mailroom.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 1: messages to random accounts over C concurrent SMTP sessions, one connection per message
 * (as mail from other servers arrives, and as mailload.sh sends it). Accepted per second counts 250
 * replies; delivered per second waits until POP3 sees every message in the maildrops.
 */
final class SmtpWorkload {

    static final String FROM = "bench@loadgen.test";

    private SmtpWorkload() {
    }

    static void run(Bench b) throws Exception {
        for (int sessions : b.scale().smtpSessions()) {
            once(b, sessions);
        }
    }

    private static void once(Bench b, int sessions) throws Exception {
        int total = b.scale().smtpMessages();
        long before = countMessages(b);
        AtomicLong next = new AtomicLong();
        Progress p = b.progress("smtp " + sessions + " sessions", total, "msgs");
        Parallel.run(sessions, p, i -> {
            while (next.getAndIncrement() < total) {
                String to = Instance.user(ThreadLocalRandom.current().nextInt(b.scale().users()) + 1);
                byte[] data = Messages.of(FROM, to, "bench smtp", b.scale().messageBytes(), next.get());
                try {
                    SmtpClient.sendAlone(b.server().smtpPort, FROM, to, data);
                    p.done.incrementAndGet();
                } catch (Exception e) {
                    p.error(e);
                }
            }
        });
        double accepted = p.seconds();
        long target = before + p.done.get();
        long seen = countMessages(b);
        while (seen < target && p.seconds() < accepted + 600) {
            Thread.sleep(100);
            seen = countMessages(b);
        }
        double delivered = p.seconds();
        p.close();
        String w = "1 SMTP " + sessions + " sessions";
        b.results().add(w, "accepted/s", Bench.rate(p.done.get() / accepted),
                p.done.get() + " msgs of " + b.scale().messageBytes() + " B in " + String.format("%.1f s", accepted)
                        + ", " + Bench.errorNote(p));
        b.results().add(w, "delivered/s", seen >= target ? Bench.rate(p.done.get() / delivered) : "TIMEOUT",
                (seen - before) + " visible to POP3 after " + String.format("%.1f s", delivered));
    }

    /** All messages in all maildrops, by POP3 STAT. */
    static long countMessages(Bench b) throws Exception {
        return countMessages(b.server().pop3Port, b.scale().users());
    }

    /** All messages in the maildrops of {@code u1..u<users>}, one POP3 login each. */
    static long countMessages(int pop3Port, int users) throws Exception {
        long n = 0;
        for (int i = 1; i <= users; i++) {
            try (Pop3Client c = new Pop3Client(pop3Port, Instance.user(i), Instance.PASSWORD)) {
                n += c.stat();
                c.quit();
            }
        }
        return n;
    }

    /** Tops the maildrops up to {@code wanted} messages in all, over kept-alive sessions (not timed). */
    static void fillTo(Bench b, long wanted) throws Exception {
        long missing = wanted - countMessages(b);
        if (missing <= 0) {
            return;
        }
        AtomicLong next = new AtomicLong();
        int users = b.scale().users();
        try (Progress p = b.progress("filling maildrops", missing, "msgs")) {
            Parallel.run(8, p, i -> {
                try (SmtpClient c = new SmtpClient(b.server().smtpPort)) {
                    long n;
                    while ((n = next.getAndIncrement()) < missing) {
                        String to = Instance.user((int) (n % users) + 1);
                        c.send(FROM, to, Messages.of(FROM, to, "bench fill", b.scale().messageBytes(), n));
                        p.done.incrementAndGet();
                    }
                    c.quit();
                }
            });
        }
    }
}
