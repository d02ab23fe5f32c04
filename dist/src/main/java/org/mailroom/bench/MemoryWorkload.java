package org.mailroom.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Workload 5: the server's resident size (VmRSS of its process) at rest, with many idle IMAP
 * connections in IDLE (RFC 2177), and at its highest while many clients run the mixed workload.
 *
 * <p>The idle connections are measured twice: a second after the last one opened, and once the server
 * has sat with them for {@link Scale#settleSeconds()}, the state an office's server spends its nights
 * in. The target applies to the settled figure: a quiet server gives back to the system the heap it
 * grew into under the workloads before (after 10 s without work, counted from when the JIT and Derby's
 * own background work after the workloads have stopped too), which the first figure may predate.
 */
final class MemoryWorkload {

    private MemoryWorkload() {
    }

    static void run(Bench b) throws Exception {
        String w = "5 memory (RSS)";
        b.results().add(w, "server at rest", mb(b.server().rssMb()), "just after the workloads before it");
        int n = b.scale().idleConnections();
        List<ImapClient> idle = new ArrayList<>();
        Progress p = b.progress("imap idle connections", n, "conns");
        try {
            for (int i = 0; i < n; i++) {
                try {
                    ImapClient c = new ImapClient(b.server().imapPort);
                    idle.add(c);
                    c.login(Instance.user(i % b.scale().users() + 1), Instance.PASSWORD);
                    c.select("INBOX");
                    c.idle();
                    p.done.incrementAndGet();
                } catch (Exception e) {
                    p.error(e);
                }
            }
            p.close();
            Thread.sleep(1000);
            String connections = p.done.get() + " connections in IDLE";
            b.results().add(w, connections, mb(b.server().rssMb()), "1 s after the last one opened");
            Thread.sleep(b.scale().settleSeconds() * 1000L);
            b.results().add(w, connections + ", settled", mb(b.server().rssMb()),
                    "after " + b.scale().settleSeconds() + " s more; target < 300 MB for 1,000; " + Bench.errorNote(p));
        } finally {
            idle.forEach(ImapClient::close);
        }
        busy(b, w);
    }

    private static void busy(Bench b, String w) throws Exception {
        int clients = b.scale().busyConnections();
        long end = System.nanoTime() + b.scale().busySeconds() * 1_000_000_000L;
        double[] peak = {0};
        Thread sampler = new Thread(() -> {
            while (System.nanoTime() < end) {
                peak[0] = Math.max(peak[0], b.server().rssMb());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-rss");
        sampler.setDaemon(true);
        sampler.start();
        Progress p = b.progress("imap busy " + clients + " clients", 0, "cmds");
        Parallel.run(clients, p, i -> ImapMixedWorkload.loop(b, p, i, clients, () -> System.nanoTime() < end));
        sampler.join();
        p.close();
        b.results().add(w, clients + " busy IMAP clients (peak)", mb(peak[0]),
                "mixed workload for " + b.scale().busySeconds() + " s, " + Bench.rate(p.done.get() / p.seconds())
                        + " commands/s, " + Bench.errorNote(p));
    }

    static String mb(double mb) {
        return mb < 0 ? "n/a" : String.format("%.0f MB", mb);
    }
}
