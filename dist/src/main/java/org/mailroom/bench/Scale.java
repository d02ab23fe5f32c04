package org.mailroom.bench;

import java.util.List;

/**
 * How much each workload does: the counts by default, a few seconds' worth with {@code --quick}
 * (the smoke test's scale: it checks that everything runs and answers correctly, not how fast). Before
 * the timed workloads the server is warmed up ({@link Warmup}). {@code settleSeconds} is how long the
 * memory workload leaves the server with its idle connections before measuring it settled.
 */
record Scale(int users, int smtpMessages, List<Integer> smtpSessions, int messageBytes, int pop3Messages,
             List<Integer> pop3Clients, int imapClients, int imapSeconds, int appendMessages, int appendClients,
             int idleConnections, int settleSeconds, int busyConnections, int busySeconds,
             List<Integer> growthSizes, int warmUpMessages) {

    static final Scale FULL = new Scale(100, 5_000, List.of(10, 50), 4096, 20_000, List.of(10, 50), 10, 30,
            2_000, 10, 1_000, 40, 100, 20, List.of(10_000, 100_000), 20_000);

    static final Scale QUICK = new Scale(10, 30, List.of(2, 5), 4096, 60, List.of(2, 5), 2, 1,
            20, 2, 20, 0, 5, 1, List.of(50, 150), 20);

    Scale withGrowth(List<Integer> sizes) {
        return new Scale(users, smtpMessages, smtpSessions, messageBytes, pop3Messages, pop3Clients, imapClients,
                imapSeconds, appendMessages, appendClients, idleConnections, settleSeconds, busyConnections,
                busySeconds, sizes, warmUpMessages);
    }

    Scale withWarmUp(int messages) {
        return new Scale(users, smtpMessages, smtpSessions, messageBytes, pop3Messages, pop3Clients, imapClients,
                imapSeconds, appendMessages, appendClients, idleConnections, settleSeconds, busyConnections,
                busySeconds, growthSizes, messages);
    }
}
