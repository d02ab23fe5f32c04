package org.mailroom.bench;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload 4: APPEND of a realistic mix of sizes, 2 KB to 100 KB (many small, few large), by several
 * clients into their accounts' Archive mailboxes.
 */
final class AppendWorkload {

    private static final int[] SIZES = {2_048, 5_120, 10_240, 25_600, 51_200, 102_400};
    private static final int[] PERCENT = {30, 25, 20, 15, 7, 3};

    private AppendWorkload() {
    }

    static int size(int roll) {
        int sum = 0;
        for (int i = 0; i < SIZES.length; i++) {
            sum += PERCENT[i];
            if (roll < sum) {
                return SIZES[i];
            }
        }
        return SIZES[SIZES.length - 1];
    }

    static void run(Bench b) throws Exception {
        int total = b.scale().appendMessages();
        int clients = b.scale().appendClients();
        AtomicLong next = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        Progress p = b.progress("imap append " + clients + " clients", total, "msgs");
        Parallel.run(clients, p, i -> {
            String user = Instance.user(i % b.scale().users() + 1);
            try (ImapClient c = new ImapClient(b.server().imapPort)) {
                c.login(user, Instance.PASSWORD);
                long n;
                while ((n = next.getAndIncrement()) < total) {
                    byte[] m = Messages.of(user, user, "bench append", size(ThreadLocalRandom.current().nextInt(100)), n);
                    try {
                        c.append("Archive", "", m);
                        p.done.incrementAndGet();
                        bytes.addAndGet(m.length);
                    } catch (BenchFailure e) {
                        p.error(e);
                    }
                }
                c.logout();
            }
        });
        p.close();
        double s = p.seconds();
        String w = "4 IMAP APPEND 2-100 KB, " + clients + " clients";
        b.results().add(w, "msgs/s", Bench.rate(p.done.get() / s),
                p.done.get() + " msgs in " + String.format("%.1f s", s) + ", " + Bench.errorNote(p));
        b.results().add(w, "MB/s", String.format("%.1f", bytes.get() / 1e6 / s),
                String.format("mean %.1f KB", p.done.get() == 0 ? 0 : bytes.get() / 1024.0 / p.done.get()));
    }
}
