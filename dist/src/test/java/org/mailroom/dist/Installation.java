package org.mailroom.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The distribution archive unpacked in a new directory, as an administrator would: its commands run
 * as processes, with a configuration on free high ports on 127.0.0.1.
 */
final class Installation {

    /** Generous: the build machine is shared; a start normally takes a few seconds. */
    private static final long COMMAND_TIMEOUT_SECONDS = 180;

    /** Every listener's port key: each gets a free high port of 127.0.0.1. */
    static final List<String> LISTENERS = List.of("smtp.port", "submission.port", "smtps.port", "pop3.port",
            "pop3s.port", "imap.port", "imaps.port");

    private final Path home;

    private Installation(Path home) {
        this.home = home;
    }

    /** Unpacks the archive the build made ({@code mailroom-VERSION.tar.gz}) into {@code dir}. */
    static Installation unpack(Path dir) {
        String archive = System.getProperty("mailroom.dist.archive");
        if (archive == null || !Files.isRegularFile(Path.of(archive))) {
            throw new IllegalStateException("no distribution archive at " + archive + ": run mvn package first");
        }
        Result r = run(dir, List.of("tar", "-xzf", archive, "-C", dir.toString()), null, Map.of());
        if (r.exit() != 0) {
            throw new IllegalStateException("tar failed: " + r);
        }
        try (var entries = Files.list(dir)) {
            Path home = entries.filter(p -> p.getFileName().toString().startsWith("mailroom-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the archive has no mailroom-VERSION directory"));
            return new Installation(home);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path home() {
        return home;
    }

    Path path(String relative) {
        return home.resolve(relative);
    }

    /**
     * Writes a configuration with every listener on a free high port of 127.0.0.1 (or disabled), plus
     * {@code extra} lines, and returns its path.
     */
    Path writeConfig(String name, String dataDir, String... extra) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("hostname", "mail.example.test");
        keys.put("bind.address", "127.0.0.1");
        keys.put("data.dir", dataDir);
        List<Integer> ports = freePorts(LISTENERS.size() + 2);
        keys.put("admin.port", Integer.toString(ports.get(0)));
        for (int i = 0; i < LISTENERS.size(); i++) {
            keys.put(LISTENERS.get(i), Integer.toString(ports.get(i + 1)));
        }
        // Nothing leaves the machine in a test: the outbound queue looks only at loopback for DNS.
        keys.put("dns.servers", "127.0.0.1:" + ports.get(ports.size() - 1));
        // With no DNS to ask, sender authentication would wait out its timeouts on every message to
        // port 25; it has its own tests with a DNS stub (MailAuthSmtpTest).
        keys.put("mailauth.enabled", "false");
        StringBuilder text = new StringBuilder("# written by " + Installation.class.getSimpleName() + "\n");
        keys.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
        for (String line : extra) {
            text.append(line).append('\n');
        }
        Path file = home.resolve("conf").resolve(name);
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The value of a key in a configuration this class wrote. */
    static String value(Path config, String key) {
        try {
            return Files.readAllLines(config).stream().filter(l -> l.startsWith(key + " = ")).findFirst()
                    .map(l -> l.substring(key.length() + 3)).orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct free ports: all held open at once while chosen, so that none is handed out twice. */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports.add(s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // closing a listening socket that accepted nothing does not fail in practice
                }
            }
        }
    }

    /** Runs {@code bin/<command> args...} in the installation directory. */
    Result bin(String command, String... args) {
        return binWithInput(null, Map.of(), command, args);
    }

    Result binWithInput(String stdin, Map<String, String> environment, String command, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin").resolve(command).toString());
        cmd.addAll(List.of(args));
        return run(home, cmd, stdin, environment);
    }

    static Result run(Path dir, List<String> command, String stdin, Map<String, String> environment) {
        try {
            Path out = Files.createTempFile("mailroom-it", ".out");
            Path err = Files.createTempFile("mailroom-it", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                pb.environment().putAll(environment);
                if (stdin == null) {
                    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
                }
                Process p = pb.start();
                if (stdin != null) {
                    try (var in = p.getOutputStream()) {
                        in.write(stdin.getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish in " + COMMAND_TIMEOUT_SECONDS + "s");
                }
                return new Result(command, p.exitValue(), Files.readString(out), Files.readString(err));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a command did. */
    record Result(List<String> command, int exit, String stdout, String stderr) {

        List<String> stderrLines() {
            return stderr.lines().filter(l -> !l.isBlank()).toList();
        }

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exit + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }
}
