package org.mailroom.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class IdleHeapReleaseTest {

    private static final long MB = 1L << 20;

    /** A JVM whose CPU time and committed heap the test sets, counting the releases asked for. */
    private final class FakeJvm {
        long cpu;
        long heap = 64 * MB;
        int releases;
        final IdleHeapRelease watch = new IdleHeapRelease(() -> cpu, () -> heap, () -> {
            releases++;
            heap = 40 * MB;
        });

        void periods(int n, long cpuEach) {
            for (int i = 0; i < n; i++) {
                cpu += cpuEach;
                watch.check();
            }
        }
    }

    private static final long QUIET = IdleHeapRelease.QUIET_CPU_NANOS / 2;
    private static final long BUSY = IdleHeapRelease.QUIET_CPU_NANOS * 50;

    @Test
    void aHeapThatGrewIsReleasedOnceTheServerHasBeenQuietLongEnough() {
        FakeJvm jvm = new FakeJvm();
        jvm.periods(3, BUSY);
        jvm.heap = 200 * MB;
        jvm.periods(IdleHeapRelease.QUIET_PERIODS - 1, QUIET);
        assertEquals(0, jvm.releases, "not yet quiet for long enough");
        jvm.periods(1, QUIET);
        assertEquals(1, jvm.releases);
        assertEquals(40 * MB, jvm.heap);
    }

    @Test
    void aQuietServerIsReleasedOnlyOnceUntilItsHeapGrowsAgain() {
        FakeJvm jvm = new FakeJvm();
        jvm.heap = 200 * MB;
        jvm.periods(IdleHeapRelease.QUIET_PERIODS * 10, QUIET);
        assertEquals(1, jvm.releases);

        jvm.heap = 40 * MB + IdleHeapRelease.GROWTH_BYTES - 1;
        jvm.periods(IdleHeapRelease.QUIET_PERIODS * 10, QUIET);
        assertEquals(1, jvm.releases, "grown by less than is worth a collection");

        jvm.heap = 40 * MB + IdleHeapRelease.GROWTH_BYTES;
        jvm.periods(1, QUIET);
        assertEquals(2, jvm.releases, "still quiet, and grown enough");
    }

    @Test
    void oneBusyPeriodStartsTheQuietCountAgain() {
        FakeJvm jvm = new FakeJvm();
        jvm.heap = 200 * MB;
        jvm.periods(IdleHeapRelease.QUIET_PERIODS - 1, QUIET);
        jvm.periods(1, BUSY);
        jvm.periods(IdleHeapRelease.QUIET_PERIODS - 1, QUIET);
        assertEquals(0, jvm.releases);
        jvm.periods(1, QUIET);
        assertEquals(1, jvm.releases);
    }

    @Test
    void aHeapNoBiggerThanAtTheStartIsLeftAlone() {
        FakeJvm jvm = new FakeJvm();
        jvm.periods(IdleHeapRelease.QUIET_PERIODS * 10, QUIET);
        assertEquals(0, jvm.releases);
    }

    @Test
    void theCollectionsCpuDoesNotCountAsWork() {
        FakeJvm jvm = new FakeJvm();
        IdleHeapRelease watch = new IdleHeapRelease(() -> jvm.cpu, () -> jvm.heap, () -> {
            jvm.cpu += BUSY;
            jvm.heap = 40 * MB;
        });
        jvm.heap = 200 * MB;
        for (int i = 0; i < IdleHeapRelease.QUIET_PERIODS; i++) {
            jvm.cpu += QUIET;
            watch.check();
        }
        jvm.heap = 200 * MB;
        jvm.cpu += QUIET;
        watch.check();
        assertEquals(40 * MB, jvm.heap, "released again at once: the collection's CPU was not taken for load");
    }

    @Test
    void theTightCollectionPutsTheHeapFreeRatiosBack() {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = vm.getVMOption("MinHeapFreeRatio").getValue();
        String max = vm.getVMOption("MaxHeapFreeRatio").getValue();
        IdleHeapRelease.collectTightly();
        assertEquals(min, vm.getVMOption("MinHeapFreeRatio").getValue());
        assertEquals(max, vm.getVMOption("MaxHeapFreeRatio").getValue());
    }
}
