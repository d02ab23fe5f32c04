package org.mailroom.server;

import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the memory the heap grew into under load back to the system once the server has gone quiet.
 *
 * <p>A burst of mail grows the heap towards its limit (Derby's cached pages and the spools of many
 * sessions at once), but the server's live data is a few tens of MB, and the serial collector returns
 * memory only after a full collection, which a quiet server never needs. On a small machine the
 * difference (150 MB and more) is memory the rest of the system could use all night. So, like G1's
 * periodic collection ({@code G1PeriodicGCInterval}), which the serial collector lacks: when the process
 * has used almost no CPU for {@link #QUIET_PERIODS} checks in a row and the heap has grown since the
 * last release, collect once with low free ratios ({@code MinHeapFreeRatio} and
 * {@code MaxHeapFreeRatio} are manageable flags), then put the ratios back so that the next burst
 * grows the heap as it would anyway.
 */
final class IdleHeapRelease {

    private static final Logger LOG = LoggerFactory.getLogger(IdleHeapRelease.class);
    static final long CHECK_SECONDS = 2;
    /** Ten seconds without work: long after a burst has ended, short against a quiet night. */
    static final int QUIET_PERIODS = 5;
    /** Quiet: under 1% of one core over a check (the idle server's timers take far less). */
    static final long QUIET_CPU_NANOS = TimeUnit.SECONDS.toNanos(CHECK_SECONDS) / 100;
    /** Worth a collection: the heap has grown this much since the start or the last release. */
    static final long GROWTH_BYTES = 16L << 20;
    /**
     * The serial collector shrinks the heap in steps over consecutive collections (0, 10, 40, then 100%
     * of what it could), so that a program calling System.gc() between phases need not grow it again;
     * the steps end at the first collection that finds nothing to shrink.
     */
    private static final int MAX_COLLECTIONS = 5;

    private final LongSupplier cpuNanos;
    private final LongSupplier committedHeap;
    private final Runnable release;
    private long lastCpu;
    private int quietPeriods;
    private long committedAfterRelease;

    /**
     * Reads the process's CPU time and the committed heap, and releases with {@code release}; call
     * {@link #check()} to drive it.
     */
    IdleHeapRelease(LongSupplier cpuNanos, LongSupplier committedHeap, Runnable release) {
        this.cpuNanos = cpuNanos;
        this.committedHeap = committedHeap;
        this.release = release;
        this.lastCpu = cpuNanos.getAsLong();
        this.committedAfterRelease = committedHeap.getAsLong();
    }

    /** Watches this JVM every {@link #CHECK_SECONDS} on a daemon thread of its own, until closed. */
    static AutoCloseable start() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mailroom-idle-heap");
            t.setDaemon(true);
            return t;
        });
        // The management beans take some 30 ms to load: on the watch's thread, not in the server's start.
        timer.execute(() -> {
            OperatingSystemMXBean os = ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class);
            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            IdleHeapRelease watch = new IdleHeapRelease(os::getProcessCpuTime,
                    () -> memory.getHeapMemoryUsage().getCommitted(), IdleHeapRelease::collectTightly);
            timer.scheduleWithFixedDelay(watch::check, CHECK_SECONDS, CHECK_SECONDS, TimeUnit.SECONDS);
        });
        return new AutoCloseable() {
            @Override
            public void close() {
                timer.shutdownNow();
            }

            @Override
            public String toString() {
                return "idle heap release";
            }
        };
    }

    /** One check: counts quiet periods, and releases once the server is quiet and the heap has grown. */
    void check() {
        long cpu = cpuNanos.getAsLong();
        boolean quiet = cpu - lastCpu < QUIET_CPU_NANOS;
        lastCpu = cpu;
        quietPeriods = quiet ? quietPeriods + 1 : 0;
        if (quietPeriods < QUIET_PERIODS) {
            return;
        }
        long before = committedHeap.getAsLong();
        if (before < committedAfterRelease + GROWTH_BYTES) {
            return;
        }
        release.run();
        committedAfterRelease = committedHeap.getAsLong();
        // The collection's own CPU is not work the server was asked for.
        lastCpu = cpuNanos.getAsLong();
        LOG.info("idle for {} s: the heap gave back {} MB ({} MB -> {} MB)", QUIET_PERIODS * CHECK_SECONDS,
                (before - committedAfterRelease) >> 20, before >> 20, committedAfterRelease >> 20);
    }

    /**
     * Full collections with the heap allowed between 10% and 20% free, repeated while the heap still
     * shrinks; the ratios are the administrator's again afterwards. The last collection, which shrank
     * nothing, ends the steps: the next burst's collections start again from 0%. Where the flags cannot
     * be set (a JVM without them), one plain collection with the ratios as they are.
     */
    static void collectTightly() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min;
        String max;
        try {
            min = vm.getVMOption("MinHeapFreeRatio").getValue();
            max = vm.getVMOption("MaxHeapFreeRatio").getValue();
            // Lowered minimum first: the JVM refuses a maximum below the minimum.
            vm.setVMOption("MinHeapFreeRatio", "10");
            vm.setVMOption("MaxHeapFreeRatio", "20");
        } catch (RuntimeException e) {
            LOG.debug("heap free ratios not settable here: {}", e.toString());
            System.gc();
            return;
        }
        try {
            long committed = Long.MAX_VALUE;
            for (int i = 0; i < MAX_COLLECTIONS; i++) {
                System.gc();
                long now = memory.getHeapMemoryUsage().getCommitted();
                if (now >= committed) {
                    break;
                }
                committed = now;
            }
        } finally {
            vm.setVMOption("MaxHeapFreeRatio", max);
            vm.setVMOption("MinHeapFreeRatio", min);
        }
    }
}
