package org.mailroom.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SerialExecutorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void tasksRunInOrderAndAFailingTaskDoesNotStopTheRest() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        for (int i = 0; i < 100; i++) {
            int n = i;
            serial.execute(() -> {
                seen.add(n);
                if (n == 50) {
                    throw new IllegalStateException("boom");
                }
            });
        }
        serial.execute(done::countDown);
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).hasSize(100).isSorted();
    }

    @Test
    void aHeldQueueWaitsForItsResumeTaskWhichRunsFirst() throws Exception {
        SerialExecutor serial = new SerialExecutor(pool);
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        serial.execute(() -> {
            seen.add("login");
            serial.hold();
        });
        serial.execute(() -> seen.add("noop"));
        serial.execute(done::countDown);
        Thread.sleep(100);
        assertThat(seen).containsExactly("login");
        serial.resume(() -> seen.add("delayed reply"));
        assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsExactly("login", "delayed reply", "noop");
    }
}
