package org.mailroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds that other programs used during a run (Linux /proc; the idea of shared/bench's
 * cpuwatch.py): the machine may be shared, and a run that others disturbed should say so. The server
 * under test ({@code org.mailroom.Mailroom}) and this benchmark are not counted.
 */
final class CpuWatch {

    private record Sample(long start, double cpu) {
    }

    private static final double HZ = 100; // USER_HZ: 100 on every Linux architecture Java runs on
    private final Map<String, Sample> before;
    private final long self = ProcessHandle.current().pid();

    CpuWatch() {
        before = snapshot();
    }

    /** Seconds of CPU used by other processes since construction (0 where /proc is missing). */
    double foreignSeconds() {
        double total = 0;
        for (Map.Entry<String, Sample> e : snapshot().entrySet()) {
            Sample b = before.get(e.getKey());
            double delta = b != null && b.start() == e.getValue().start() ? e.getValue().cpu() - b.cpu() : e.getValue().cpu();
            total += Math.max(0, delta);
        }
        return total;
    }

    /**
     * The fields of /proc/PID/stat after the command: the state (field 3 of proc(5)) at index 0, utime
     * (14) at 11, stime (15) at 12, starttime (22) at 19.
     */
    static String[] statFields(Path procDir) throws IOException {
        String stat = Files.readString(procDir.resolve("stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    /** User and system CPU seconds of a process, from its {@link #statFields}. */
    static double cpuSeconds(String[] statFields) {
        return (Long.parseLong(statFields[11]) + Long.parseLong(statFields[12])) / HZ;
    }

    private Map<String, Sample> snapshot() {
        Map<String, Sample> m = new HashMap<>();
        try (Stream<Path> s = Files.list(Path.of("/proc"))) {
            s.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p -> {
                try {
                    String pid = p.getFileName().toString();
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                    if (cmd.isEmpty() || cmd.contains("org.mailroom.Mailroom") || cmd.contains("org.mailroom.bench")
                            || pid.equals(Long.toString(self))) {
                        return;
                    }
                    String[] f = statFields(p);
                    m.put(pid, new Sample(Long.parseLong(f[19]), cpuSeconds(f)));
                } catch (IOException | RuntimeException e) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return m;
        }
        return m;
    }
}
