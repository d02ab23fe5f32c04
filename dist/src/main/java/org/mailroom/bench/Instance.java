package org.mailroom.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mailroom.auth.Credentials;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.Quota;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;

/**
 * A Mailroom server of an unpacked installation, run for the benchmark with its own configuration and
 * data in a work directory: listeners on free high ports of 127.0.0.1 only, plaintext logins allowed
 * (there is no TLS in the measurement, as in the Postfix and Dovecot baseline), no per-address
 * connection limits (every client of the benchmark comes from 127.0.0.1). The installation's own
 * configuration and data are never touched.
 */
final class Instance {

    static final String DOMAIN = "example.test";
    static final String PASSWORD = "pass";
    static final String GROWTH_USER = "growth@" + DOMAIN;
    /** Accounts only the warm-up writes to and reads from ({@link Warmup}): the workloads' maildrops stay as they were. */
    static final int WARM_UP_USERS = 20;

    private final Path home;
    private final Path work;
    final int smtpPort;
    final int pop3Port;
    final int imapPort;

    private Instance(Path home, Path work, int smtpPort, int pop3Port, int imapPort) {
        this.home = home;
        this.work = work;
        this.smtpPort = smtpPort;
        this.pop3Port = pop3Port;
        this.imapPort = imapPort;
    }

    /** Writes the configuration into {@code work} (created) with free ports. */
    static Instance create(Path home, Path work) throws IOException {
        if (!Files.isExecutable(home.resolve("bin/mailroom"))) {
            throw new IllegalArgumentException(home + " is not a Mailroom installation (no bin/mailroom)");
        }
        Files.createDirectories(work.resolve("logs"));
        List<Integer> ports = freePorts(3);
        Instance instance = new Instance(home, work, ports.get(0), ports.get(1), ports.get(2));
        instance.writeConfig();
        return instance;
    }

    /** An instance created earlier in {@code work} (its ports are read back from its configuration). */
    static Instance existing(Path home, Path work) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(work.resolve("mailroom.properties"))) {
            p.load(in);
        }
        return new Instance(home, work, Integer.parseInt(p.getProperty("smtp.port").trim()),
                Integer.parseInt(p.getProperty("pop3.port").trim()), Integer.parseInt(p.getProperty("imap.port").trim()));
    }

    Path config() {
        return work.resolve("mailroom.properties");
    }

    Path dataDir() {
        return work.resolve("data");
    }

    Path home() {
        return home;
    }

    private void writeConfig() throws IOException {
        int unusedDns = freePorts(1).get(0);
        String text = String.join("\n",
                "# written by mailroom-bench: a benchmark instance on loopback only",
                "hostname = mail." + DOMAIN,
                "bind.address = 127.0.0.1",
                "data.dir = " + dataDir().toAbsolutePath(),
                "admin.port = 0",
                "auth.allow-plaintext = true",
                "smtp.port = " + smtpPort,
                "submission.port = 0",
                "smtps.port = 0",
                "pop3.port = " + pop3Port,
                "pop3s.port = 0",
                "imap.port = " + imapPort,
                "imaps.port = 0",
                "smtp.max-connections-per-address = 0",
                "pop3.max-connections-per-address = 0",
                "imap.max-connections-per-address = 0",
                // Nothing ever leaves the machine: MX lookups would go to a closed loopback port.
                "dns.servers = 127.0.0.1:" + unusedDns,
                // Like the Postfix baseline, no SPF/DKIM/DMARC checks (they would only wait for DNS here).
                "mailauth.enabled = false",
                "");
        Files.writeString(config(), text, StandardCharsets.UTF_8);
    }

    /**
     * Creates the domain, {@code users} accounts {@code u1..uN}, the warm-up and growth accounts with the store
     * opened directly (the server is not running yet): one password hash for all, hashed once.
     */
    void createAccounts(int users) throws IOException {
        Path data = dataDir();
        if (!Files.isDirectory(data)) {
            Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        System.setProperty("derby.stream.error.file", work.resolve("logs/derby-bench.log").toString());
        Credentials credentials = Credentials.fromPassword(PASSWORD.toCharArray());
        try (DerbyStore store = DerbyStore.openEmbedded(data.resolve("db"),
                DerbyCredential.loadOrCreate(data.resolve("derby.credential")))) {
            var admin = store.admin();
            if (!admin.domains().contains(DOMAIN)) {
                admin.addDomain(DOMAIN);
            }
            List<String> addresses = new ArrayList<>();
            for (int i = 1; i <= users; i++) {
                addresses.add(user(i));
            }
            for (int i = 1; i <= WARM_UP_USERS; i++) {
                addresses.add(warmUpUser(i));
            }
            addresses.add(GROWTH_USER);
            for (String a : addresses) {
                EmailAddress address = EmailAddress.parse(a);
                if (admin.account(address).isEmpty()) {
                    admin.addAccount(address, credentials.passwordHash(), credentials.scramVerifier(), Quota.UNLIMITED);
                }
            }
        }
    }

    static String user(int i) {
        return "u" + i + "@" + DOMAIN;
    }

    static String warmUpUser(int i) {
        return "warm" + i + "@" + DOMAIN;
    }

    /** CPU seconds the server process has used so far (Linux /proc: user and system time). */
    double cpuSeconds() throws IOException {
        return CpuWatch.cpuSeconds(CpuWatch.statFields(Path.of("/proc/" + pid())));
    }

    /** bin/mailroom start: returns the seconds it took (it returns once every listener accepts). */
    double start() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Run r = mailroom("start");
        if (r.exit != 0) {
            throw new IllegalStateException("bin/mailroom start failed: " + r.output);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    void stop() throws IOException, InterruptedException {
        Run r = mailroom("stop");
        if (r.exit != 0) {
            throw new IllegalStateException("bin/mailroom stop failed: " + r.output);
        }
    }

    /** The running server's process id, from its pid file. */
    long pid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir().resolve("mailroom.pid")).get(0).trim());
    }

    /** The server's resident set size in MB (Linux /proc), or -1 where it cannot be read. */
    double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private record Run(int exit, String output) {
    }

    private Run mailroom(String command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/mailroom").toString(), command, "--config",
                config().toAbsolutePath().toString());
        pb.environment().put("MAILROOM_LOGS", work.resolve("logs").toAbsolutePath().toString());
        Map<String, String> env = pb.environment();
        env.putIfAbsent("MAILROOM_JAVA_OPTS", "");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroy();
            throw new IllegalStateException("bin/mailroom " + command + " did not return");
        }
        return new Run(p.exitValue(), out.trim());
    }

    private static List<Integer> freePorts(int n) {
        List<ServerSocket> held = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(s);
                ports.add(s.getLocalPort());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // the port is free again either way
                }
            }
        }
        return ports;
    }
}
