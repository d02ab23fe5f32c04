package org.mailroom.e2e;

import java.io.File;
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
 * The distribution archive unpacked into a new directory and started with {@code bin/mailroom start}
 * on free high ports of 127.0.0.1, as an administrator runs it: the end-to-end tests talk to it only
 * through its listeners and {@code bin/mailroom-admin}. One per test class: a start costs seconds.
 */
final class RunningMailroom implements AutoCloseable {

    static final String HOST = "mail.example.test";
    /** Generous: the build machine is shared by several builds. */
    private static final long COMMAND_TIMEOUT_SECONDS = 180;
    private static final List<String> PORT_KEYS = List.of("admin.port", "smtp.port", "submission.port",
            "smtps.port", "pop3.port", "pop3s.port", "imap.port", "imaps.port", "dns.servers");

    private final Path dir;
    private final Path home;
    private final Path config;
    private final Map<String, Integer> ports;

    private RunningMailroom(Path dir, Path home, Path config, Map<String, Integer> ports) {
        this.dir = dir;
        this.home = home;
        this.config = config;
        this.ports = ports;
    }

    /** Unpacks the archive the build made into {@code dir}, writes a configuration and starts the server. */
    static RunningMailroom start(Path dir) {
        String archive = System.getProperty("mailroom.dist.archive");
        if (archive == null || !Files.isRegularFile(Path.of(archive))) {
            throw new IllegalStateException("no distribution archive at " + archive + ": run mvn package first");
        }
        succeeded(run(dir, List.of("tar", "-xzf", archive, "-C", dir.toString()), null));
        Path home;
        try (var entries = Files.list(dir)) {
            home = entries.filter(p -> p.getFileName().toString().startsWith("mailroom-")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the archive has no mailroom-VERSION directory"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> ports = freePorts();
        StringBuilder text = new StringBuilder("# written by " + RunningMailroom.class.getSimpleName() + "\n")
                .append("hostname = ").append(HOST).append('\n')
                .append("bind.address = 127.0.0.1\n")
                .append("data.dir = data\n")
                // These tests check bytes; sender authentication has its own tests with a DNS stub
                // (MailAuthSmtpTest), and with no DNS here it would only wait out its timeouts.
                .append("mailauth.enabled = false\n");
        ports.forEach((key, port) -> text.append(key).append(" = ")
                // Nothing leaves the machine: the outbound queue asks only a silent loopback port for DNS.
                .append(key.equals("dns.servers") ? "127.0.0.1:" + port : port.toString()).append('\n'));
        Path config = home.resolve("conf").resolve("e2e.properties");
        try {
            Files.writeString(config, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RunningMailroom mailroom = new RunningMailroom(dir, home, config, ports);
        succeeded(mailroom.bin(null, "mailroom", "start", "--config", config.toString()));
        return mailroom;
    }

    int port(String key) {
        return ports.get(key);
    }

    /** The self-signed certificate the server generated at its first start. */
    Path certificate() {
        return home.resolve("data/tls/certificate.pem");
    }

    Path dir() {
        return dir;
    }

    /** {@code bin/mailroom-admin --config ... args}, with {@code stdin} piped in when not null. */
    Result admin(String stdin, String... args) {
        List<String> all = new ArrayList<>(List.of("--config", config.toString()));
        all.addAll(List.of(args));
        return bin(stdin, "mailroom-admin", all.toArray(String[]::new));
    }

    /** Adds a domain with mailroom-admin while the server runs. */
    void addDomain(String domain) {
        succeeded(admin(null, "domain", "add", domain));
    }

    /** Adds a user with mailroom-admin while the server runs; the password is piped in, never an argument. */
    void addUser(String address, String password) {
        succeeded(admin(password + "\n", "user", "add", address, "--password-stdin"));
    }

    /**
     * curl, a client nobody here wrote, trusting exactly the server's generated certificate, with the
     * server's name pointing at 127.0.0.1.
     */
    Result curl(String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "60",
                "--cacert", certificate().toString()));
        for (String key : List.of("smtp.port", "submission.port", "imaps.port", "pop3s.port", "imap.port",
                "pop3.port")) {
            command.add("--resolve");
            command.add(HOST + ":" + port(key) + ":127.0.0.1");
        }
        command.addAll(List.of(args));
        return run(dir, command, null);
    }

    /** python3 running {@code mailclient.py} (smtplib, poplib, imaplib) with the given arguments. */
    Result python(String... args) {
        Path script = dir.resolve("mailclient.py");
        try {
            if (!Files.exists(script)) {
                try (var in = RunningMailroom.class.getResourceAsStream("/e2e/mailclient.py")) {
                    Files.copy(in, script);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("python3", script.toString()));
        command.addAll(List.of(args));
        return run(dir, command, null);
    }

    @Override
    public void close() {
        bin(null, "mailroom", "stop", "--config", config.toString());
    }

    static Result succeeded(Result r) {
        if (r.exit() != 0) {
            throw new AssertionError("failed: " + r);
        }
        return r;
    }

    private Result bin(String stdin, String command, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(home.resolve("bin").resolve(command).toString());
        cmd.addAll(List.of(args));
        return run(home, cmd, stdin);
    }

    /** Distinct free ports, all held open while chosen so that none is handed out twice. */
    private static Map<String, Integer> freePorts() {
        List<ServerSocket> held = new ArrayList<>();
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String key : PORT_KEYS) {
                ServerSocket s = new ServerSocket();
                held.add(s);
                s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports.put(key, s.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // a listening socket that accepted nothing closes without trouble
                }
            }
        }
    }

    private static Result run(Path workDir, List<String> command, String stdin) {
        try {
            Path out = Files.createTempFile("mailroom-e2e", ".out");
            Path err = Files.createTempFile("mailroom-e2e", ".err");
            try {
                ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                if (stdin == null) {
                    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
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

        @Override
        public String toString() {
            return String.join(" ", command) + " -> exit " + exit + "\nstdout:\n" + stdout + "stderr:\n" + stderr;
        }
    }
}
