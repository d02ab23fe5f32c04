package org.mailroom.bench;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Workload 2: C concurrent clients drain all maildrops: login, LIST, RETR all, QUIT (nothing deleted). */
final class Pop3Workload {

    private Pop3Workload() {
    }

    static void run(Bench b) throws Exception {
        SmtpWorkload.fillTo(b, b.scale().pop3Messages());
        long messages = SmtpWorkload.countMessages(b);
        for (int clients : b.scale().pop3Clients()) {
            AtomicInteger nextUser = new AtomicInteger(1);
            AtomicLong bytes = new AtomicLong();
            Progress p = b.progress("pop3 " + clients + " clients", messages, "msgs");
            Parallel.run(clients, p, i -> {
                int u;
                while ((u = nextUser.getAndIncrement()) <= b.scale().users()) {
                    try (Pop3Client c = new Pop3Client(b.server().pop3Port, Instance.user(u), Instance.PASSWORD)) {
                        c.retrieveAll(size -> {
                            bytes.addAndGet(size);
                            p.done.incrementAndGet();
                        });
                        c.quit();
                    } catch (Exception e) {
                        p.error(e);
                    }
                }
            });
            p.close();
            double s = p.seconds();
            String w = "2 POP3 drain " + clients + " clients";
            b.results().add(w, "msgs/s", Bench.rate(p.done.get() / s),
                    p.done.get() + " msgs in " + String.format("%.1f s", s) + ", " + Bench.errorNote(p));
            b.results().add(w, "MB/s", String.format("%.1f", bytes.get() / 1e6 / s), bytes.get() / 1_000_000 + " MB");
        }
    }
}
