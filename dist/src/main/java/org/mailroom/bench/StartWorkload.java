package org.mailroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Workload 7: a cold start (a new JVM over the database the other workloads filled) until every listener
 * accepts, then the first SMTP greeting; and what the installation weighs.
 */
final class StartWorkload {

    private StartWorkload() {
    }

    static void run(Bench b, Path archive) throws Exception {
        String w = "7 start and size";
        b.server().stop();
        double started = b.server().start();
        long t0 = System.nanoTime();
        try (SmtpClient c = new SmtpClient(b.server().smtpPort)) {
            c.quit();
        }
        double greeting = (System.nanoTime() - t0) / 1e9;
        b.results().add(w, "cold start until accepting", String.format("%.2f s", started),
                "bin/mailroom start returns once every listener accepts");
        b.results().add(w, "then first SMTP session", Bench.ms(greeting), "connect, 220, EHLO, QUIT");
        b.results().add(w, "installation on disk", String.format("%.1f MB", size(b.server().home()) / 1e6),
                "bin, conf, lib, ... without data/ and logs/");
        if (archive != null && Files.isRegularFile(archive)) {
            b.results().add(w, "archive", String.format("%.1f MB", Files.size(archive) / 1e6),
                    archive.getFileName().toString());
        }
    }

    /** The archive built beside an unpacked tree (dist/target/mailroom-VERSION.tar.gz), if there is one. */
    static Path findArchive(Path home) {
        Path parent = home.toAbsolutePath().getParent();
        if (parent == null) {
            return null;
        }
        try (Stream<Path> s = Files.list(parent)) {
            return s.filter(p -> p.getFileName().toString().matches("mailroom-.*\\.tar\\.gz")).findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    /** What was installed: the data and logs a server of it may have written are not counted. */
    private static long size(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> !p.startsWith(dir.resolve("data"))
                    && !p.startsWith(dir.resolve("logs"))).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
