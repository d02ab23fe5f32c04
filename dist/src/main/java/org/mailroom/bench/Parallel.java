package org.mailroom.bench;

import java.util.ArrayList;
import java.util.List;

/** Runs {@code n} client threads to completion. */
final class Parallel {

    @FunctionalInterface
    interface Client {
        void run(int index) throws Exception;
    }

    private Parallel() {
    }

    static void run(int n, Progress progress, Client client) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    client.run(index);
                } catch (Exception e) {
                    progress.error(e);
                }
            }, "bench-client-" + i);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}
