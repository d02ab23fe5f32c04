package org.mailroom.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code bin/mailroom-bench}: runs the workloads against a Mailroom server of an unpacked
 * installation, started for the purpose with its own configuration and data in a work directory, on
 * 127.0.0.1 only. Prints progress while it runs and a table at the end, also written as Markdown.
 *
 * <pre>
 *   mailroom-bench [--workloads smtp,pop3,imap,append,memory,growth,start] [--quick]
 *                  [--growth 10000,100000] [--warm-up 20000] [--markdown FILE] [--work DIR] [--keep]
 *                  [--home DIR]
 *   mailroom-bench --prepare DIR [--users N] [--warm-up 20000]
 *                                              start an instance with accounts u1..uN, warm it up, print its ports
 *   mailroom-bench --stop DIR                  stop the instance --prepare started
 * </pre>
 */
public final class MailroomBench {

    static final List<String> WORKLOADS = List.of("smtp", "pop3", "imap", "append", "memory", "growth", "start");

    private MailroomBench() {
    }

    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("mailroom-bench: " + e.getMessage());
            status = 2;
        } catch (Exception e) {
            System.err.println("mailroom-bench: " + e);
            status = 1;
        }
        System.exit(status);
    }

    /** Runs as the command line says; returns the exit status (0: every reply as expected). */
    static int run(String[] args, PrintStream out) throws Exception {
        Path home = Path.of(System.getProperty("mailroom.home", "."));
        Set<String> workloads = new LinkedHashSet<>(WORKLOADS);
        Scale scale = Scale.FULL;
        Path markdown = null;
        Path work = null;
        Path prepare = null;
        Path stop = null;
        boolean keep = false;
        List<Integer> growth = null;
        int users = -1;
        Integer warmUp = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> scale = Scale.QUICK;
                case "--keep" -> keep = true;
                case "--workloads" -> workloads = workloads(value(args, ++i, a));
                case "--growth" -> growth = Arrays.stream(value(args, ++i, a).split(",")).map(String::trim)
                        .map(Integer::valueOf).toList();
                case "--markdown" -> markdown = Path.of(value(args, ++i, a));
                case "--work" -> work = Path.of(value(args, ++i, a));
                case "--home" -> home = Path.of(value(args, ++i, a));
                case "--prepare" -> prepare = Path.of(value(args, ++i, a));
                case "--stop" -> stop = Path.of(value(args, ++i, a));
                case "--users" -> users = Integer.parseInt(value(args, ++i, a));
                case "--warm-up" -> warmUp = Integer.parseInt(value(args, ++i, a));
                case "-h", "--help" -> {
                    out.println(usage());
                    return 0;
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + "\n" + usage());
            }
        }
        home = home.toAbsolutePath().normalize();
        if (stop != null) {
            Instance.existing(home, stop.toAbsolutePath()).stop();
            out.println("stopped the benchmark instance in " + stop);
            return 0;
        }
        if (prepare != null) {
            return prepare(home, prepare.toAbsolutePath(), users > 0 ? users : 100,
                    warmUp != null ? warmUp : Scale.FULL.warmUpMessages(), out);
        }
        if (growth != null) {
            scale = scale.withGrowth(growth);
        }
        if (warmUp != null) {
            scale = scale.withWarmUp(warmUp);
        }
        boolean temporary = work == null;
        work = temporary ? Files.createTempDirectory("mailroom-bench-") : work.toAbsolutePath();
        if (markdown == null) {
            markdown = Path.of("mailroom-bench-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC).format(Instant.now()) + ".md");
        }
        try {
            return measure(home, work, scale, workloads, markdown, out);
        } finally {
            if (temporary && !keep) {
                delete(work);
            } else {
                out.println("work directory kept: " + work);
            }
        }
    }

    private static int measure(Path home, Path work, Scale scale, Set<String> workloads, Path markdown, PrintStream out)
            throws Exception {
        Instance server = Instance.create(home, work);
        Results results = new Results();
        CpuWatch watch = new CpuWatch();
        long t0 = System.nanoTime();
        Bench b = new Bench(server, scale, results, out);
        out.println("mailroom-bench: installation " + home + ", work directory " + work);
        out.println("  creating " + scale.users() + " accounts and " + Instance.GROWTH_USER);
        server.createAccounts(scale.users());
        double first = server.start();
        out.printf("  server started in %.2f s: SMTP 127.0.0.1:%d, POP3 :%d, IMAP :%d%n", first, server.smtpPort,
                server.pop3Port, server.imapPort);
        Warmup.run(server, scale.users(), scale.warmUpMessages(), scale.messageBytes(), out);
        results.add("0 warm-up", "messages", String.valueOf(scale.warmUpMessages()),
                "sent over SMTP and read over POP3 (own accounts) before the timed workloads, for the JIT");
        String started = DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        try {
            for (String w : workloads) {
                switch (w) {
                    case "smtp" -> SmtpWorkload.run(b);
                    case "pop3" -> Pop3Workload.run(b);
                    case "imap" -> ImapMixedWorkload.run(b);
                    case "append" -> AppendWorkload.run(b);
                    case "memory" -> MemoryWorkload.run(b);
                    case "growth" -> GrowthWorkload.run(b);
                    case "start" -> StartWorkload.run(b, StartWorkload.findArchive(home));
                    default -> throw new IllegalStateException(w);
                }
            }
        } finally {
            server.stop();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        double foreign = watch.foreignSeconds();
        int cores = Runtime.getRuntime().availableProcessors();
        results.add("disturbance", "CPU used by other programs", String.format("%.0f s", foreign),
                String.format("%.0f%% of the machine during the %.0f s run%s", 100 * foreign / (seconds * cores), seconds,
                        foreign > 0.05 * seconds * cores ? ": figures are lower bounds" : ""));
        String machine = Machine.describe();
        String table = results.text();
        out.println();
        out.println("Mailroom benchmark, " + started + ", " + machine);
        out.print(table);
        Files.writeString(markdown, "Mailroom benchmark, " + started + ", " + machine + (scale == Scale.QUICK
                ? " (--quick scale)" : "") + "\n\n" + results.markdown(), StandardCharsets.UTF_8);
        out.println("written to " + markdown.toAbsolutePath());
        boolean clean = results.rows().stream().noneMatch(r -> r.note().contains(" errors (last:")
                || r.measure().equals("errors") && !r.value().equals("0") || r.measure().equals("fill errors"));
        return clean ? 0 : 1;
    }

    private static int prepare(Path home, Path work, int users, int warmUp, PrintStream out) throws Exception {
        Instance server = Instance.create(home, work);
        server.createAccounts(users);
        server.start();
        Warmup.run(server, users, warmUp, Scale.FULL.messageBytes(), System.err);
        String ports = "SMTP_PORT=" + server.smtpPort + "\nPOP3_PORT=" + server.pop3Port + "\nIMAP_PORT="
                + server.imapPort + "\nMAILROOM_PID=" + server.pid() + "\n";
        Files.writeString(work.resolve("ports.env"), ports, StandardCharsets.US_ASCII);
        out.print(ports);
        return 0;
    }

    private static Set<String> workloads(String list) {
        Set<String> s = new LinkedHashSet<>();
        for (String w : list.split(",")) {
            String name = w.trim();
            if (!WORKLOADS.contains(name)) {
                throw new IllegalArgumentException("unknown workload " + name + " (known: " + String.join(",", WORKLOADS) + ")");
            }
            s.add(name);
        }
        // Always in the order: POP3 drains what SMTP delivered, start comes last.
        List<String> ordered = new ArrayList<>(WORKLOADS);
        ordered.retainAll(s);
        return new LinkedHashSet<>(ordered);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static String usage() {
        return """
                usage: mailroom-bench [--workloads smtp,pop3,imap,append,memory,growth,start] [--quick]
                                      [--growth 10000,100000] [--warm-up 20000] [--markdown FILE] [--work DIR]
                                      [--keep]
                       mailroom-bench --prepare DIR [--users 100] [--warm-up 20000]
                                      (start an instance, warm it up, print its ports)
                       mailroom-bench --stop DIR""";
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
