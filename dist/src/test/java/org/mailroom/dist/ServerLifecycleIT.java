package org.mailroom.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.dist.Installation.Result;
import org.mailroom.store.derby.DerbyCredential;

/**
 * bin/mailroom and bin/mailroom-admin in an installation unpacked from the archive into a new
 * directory, on free high ports of 127.0.0.1, as an administrator uses them. Each server start costs
 * seconds, so each test walks through a whole story.
 */
class ServerLifecycleIT {

    private static final String HOST = "mail.example.test";

    @TempDir
    Path dir;

    private Installation mailroom;
    private Path config;
    private final List<Process> foreground = new ArrayList<>();

    @BeforeEach
    void unpack() {
        mailroom = Installation.unpack(dir);
        config = mailroom.writeConfig("it.properties", "data");
    }

    @AfterEach
    void stopWhateverRuns() {
        mailroom.bin("mailroom", "stop", "--config", config.toString());
        foreground.forEach(Process::destroyForcibly);
    }

    private Result mailroom(String command) {
        return mailroom.bin("mailroom", command, "--config", config.toString());
    }

    private Result admin(String stdin, String... args) {
        String[] withConfig = new String[args.length + 2];
        withConfig[0] = "--config";
        withConfig[1] = config.toString();
        System.arraycopy(args, 0, withConfig, 2, args.length);
        return mailroom.binWithInput(stdin, Map.of(), "mailroom-admin", withConfig);
    }

    private static Result succeeded(Result r) {
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    /**
     * The "done when" and the README's quick start: start, mailroom-admin while it runs, a first
     * message sent and read with curl, stop, start keeps it all, status truthful each time.
     */
    @Test
    void startAdministerStopStartKeepsTheUsersAndStatusTellsTheTruthEachTime() throws Exception {
        Result start = succeeded(mailroom("start"));
        assertThat(start.stdout()).startsWith("Mailroom started (pid ");
        Path pidFile = mailroom.path("data/mailroom.pid");
        assertThat(mailroom.path("data/mailroom.ready")).exists();

        // start returned: every listener accepts connections and greets.
        assertThat(greeting("smtp.port")).startsWith("220 " + HOST + " ");
        assertThat(greeting("submission.port")).startsWith("220 " + HOST + " ");
        assertThat(greeting("pop3.port")).startsWith("+OK");
        assertThat(greeting("imap.port")).startsWith("* OK");

        assertThat(succeeded(mailroom("status")).stdout())
                .isEqualTo("Mailroom is running (pid " + Files.readString(pidFile).trim() + ")\n");
        assertThat(succeeded(mailroom("start")).stdout()).startsWith("Mailroom is already running");

        // mailroom-admin while the server runs: through the Derby network server, and the server sees
        // the changes at once: the quick start of the README, with curl as the mail client.
        Result quickstart = succeeded(admin(null, "quickstart", "alice@example.org"));
        assertThat(quickstart.stdout()).contains("10 " + HOST + ".", "v=spf1");
        String password = generatedPassword(quickstart.stdout());
        succeeded(admin(null, "domain", "add", "example.net"));
        succeeded(admin("another long passphrase\n", "user", "add", "bob@example.net", "--password-stdin"));
        Result noDomain = admin("a long enough password\n", "user", "add", "carol@nowhere.example", "--password-stdin");
        assertThat(noDomain.exit()).as(noDomain.toString()).isNotZero();
        assertThat(noDomain.stderrLines()).hasSize(1);
        assertThat(noDomain.stderrLines().get(0)).startsWith("mailroom-admin: ");

        Path message = dir.resolve("hello.eml");
        Files.writeString(message, "From: alice@example.org\r\nTo: alice@example.org\r\nSubject: hello\r\n"
                + "\r\nIt works.\r\n");
        succeeded(curl("--ssl-reqd", "--user", "alice@example.org:" + password,
                "--mail-from", "alice@example.org", "--mail-rcpt", "alice@example.org",
                "--upload-file", message.toString(), "smtp://" + HOST + ":" + port("submission.port")));
        Result imap = succeeded(curl("--user", "alice@example.org:" + password,
                "imaps://" + HOST + ":" + port("imaps.port") + "/INBOX;UID=1"));
        assertThat(imap.stdout()).contains("Delivered-To: alice@example.org", "Subject: hello", "It works.");
        Result pop3 = succeeded(curl("--user", "alice@example.org:" + password,
                "pop3s://" + HOST + ":" + port("pop3s.port") + "/1"));
        assertThat(pop3.stdout()).isEqualTo(imap.stdout());
        assertThat(curl("--user", "alice@example.org:not-the-password",
                "imaps://" + HOST + ":" + port("imaps.port") + "/INBOX;UID=1").exit()).isNotZero();

        assertThat(succeeded(mailroom("status")).stdout()).startsWith("Mailroom is running");

        // A stop while another server is in the middle of DATA: the listeners stop accepting at once,
        // the transaction in flight finishes and is acknowledged, and only then does the server stop.
        try (Socket mx = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(port("smtp.port")))) {
            mx.setSoTimeout(60_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(mx.getInputStream(), StandardCharsets.US_ASCII));
            var out = mx.getOutputStream();
            assertThat(reply(in)).startsWith("220 ");
            for (String command : List.of("EHLO client.remote.test", "MAIL FROM:<carol@remote.test>",
                    "RCPT TO:<alice@example.org>")) {
                out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
                assertThat(reply(in)).as(command).startsWith("250");
            }
            out.write("DATA\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(reply(in)).startsWith("354");
            out.write("From: carol@remote.test\r\nSubject: in flight\r\n\r\nhalf".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            CompletableFuture<Result> stopping = CompletableFuture.supplyAsync(() -> mailroom("stop"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (accepts(Integer.parseInt(port("submission.port"))) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(accepts(Integer.parseInt(port("submission.port")))).as("accepting stopped").isFalse();
            assertThat(stopping).isNotDone();

            out.write(" and the rest\r\n.\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(reply(in)).startsWith("250");
            assertThat(stopping.get(150, TimeUnit.SECONDS).stdout()).isEqualTo("Mailroom stopped\n");
        }
        assertThat(pidFile).doesNotExist();
        assertThat(mailroom.path("data/mailroom.ready")).doesNotExist();
        for (String listener : Installation.LISTENERS) {
            assertThat(accepts(Integer.parseInt(Installation.value(config, listener)))).as(listener).isFalse();
        }
        assertThat(Files.readString(mailroom.path("logs/mailroom.log")))
                .contains("Mailroom ready", "alice@example.org", "store closed", "Mailroom stopped")
                .doesNotContain(password, "another long passphrase", "not-the-password", "It works.");
        // Derby logs a clean shutdown of the database; a crash would leave recovery for the next boot.
        assertThat(Files.readString(mailroom.path("logs/derby.log"))).contains("Shutting down instance");
        Result stopped = mailroom("status");
        assertThat(stopped.exit()).isEqualTo(3);
        assertThat(stopped.stdout()).isEqualTo("Mailroom is not running\n");
        Result stopAgain = succeeded(mailroom("stop"));
        assertThat(stopAgain.stdout()).isEqualTo("Mailroom is not running\n");

        succeeded(mailroom("start"));
        assertThat(succeeded(mailroom("status")).stdout()).startsWith("Mailroom is running");
        assertThat(succeeded(admin(null, "domain", "list")).stdout()).isEqualTo("example.net\nexample.org\n");
        assertThat(succeeded(admin(null, "user", "list")).stdout()).isEqualTo("alice@example.org\nbob@example.net\n");
        assertThat(succeeded(curl("--user", "alice@example.org:" + password,
                "imaps://" + HOST + ":" + port("imaps.port") + "/INBOX;UID=1")).stdout()).isEqualTo(imap.stdout());
        assertThat(succeeded(curl("--user", "alice@example.org:" + password,
                "imaps://" + HOST + ":" + port("imaps.port") + "/INBOX;UID=2")).stdout())
                .contains("Subject: in flight", "half and the rest");

        succeeded(mailroom("stop"));
        assertThat(mailroom("status").exit()).isEqualTo(3);
    }

    @Test
    void aStopWhileStartingUndoesTheStartThenRunStaysInTheForegroundAndStopsOnSigterm() throws Exception {
        Files.createDirectory(mailroom.path("data"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwx------")));
        // A pid file left by a crash, naming a process that is not Mailroom: this test's own JVM.
        Files.writeString(mailroom.path("data/mailroom.pid"), ProcessHandle.current().pid() + "\n");
        Result stale = mailroom("status");
        assertThat(stale.exit()).isEqualTo(3);
        assertThat(stale.stdout()).startsWith("Mailroom is not running (stale pid file");

        // A stop while the server is still starting: the start is undone, nothing is left running.
        CompletableFuture<Result> starting = CompletableFuture.supplyAsync(() -> mailroom("start"));
        Path pidFile = mailroom.path("data/mailroom.pid");
        long startDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!(Files.exists(pidFile) && !Files.readString(pidFile).contains(Long.toString(ProcessHandle.current().pid())))
                && !starting.isDone() && System.nanoTime() < startDeadline) {
            Thread.sleep(20);
        }
        if (!Files.exists(mailroom.path("data/mailroom.ready"))) {
            Result stop = succeeded(mailroom("stop"));
            assertThat(stop.stdout()).isEqualTo("Mailroom stopped\n");
            Result start = starting.get(120, TimeUnit.SECONDS);
            assertThat(start.exit()).as(start.toString()).isNotZero();
            assertThat(start.stderr()).contains("stopped while starting");
            assertThat(pidFile).doesNotExist();
            assertThat(mailroom("status").exit()).isEqualTo(3);
        } else {
            // The machine was quicker than this test: an ordinary stop then.
            succeeded(starting.get());
            succeeded(mailroom("stop"));
        }

        Process run = new ProcessBuilder(mailroom.path("bin/mailroom").toString(), "run", "--config", config.toString())
                .directory(mailroom.home().toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("run.out").toFile()).start();
        foreground.add(run);
        Path ready = mailroom.path("data/mailroom.ready");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (!Files.exists(ready) && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ready).as(Files.readString(dir.resolve("run.out"))).exists();
        // bin/mailroom run replaced itself with the server: the pid is the launcher's.
        assertThat(Files.readString(mailroom.path("data/mailroom.pid")).trim()).isEqualTo(Long.toString(run.pid()));
        assertThat(succeeded(mailroom("status")).stdout()).startsWith("Mailroom is running (pid " + run.pid());
        // Through a symbolic link, as from /usr/local/bin, the launcher still finds its installation.
        Path link = Files.createSymbolicLink(dir.resolve("mailroom-link"), mailroom.path("bin/mailroom"));
        Result viaLink = Installation.run(dir, List.of(link.toString(), "status", "--config", config.toString()),
                null, Map.of());
        assertThat(viaLink.exit()).as(viaLink.toString()).isZero();

        // The admin port admits nobody without the credential, not even to create a database of their own.
        int adminPort = Integer.parseInt(Installation.value(config, "admin.port"));
        DerbyCredential credential = DerbyCredential.load(mailroom.path("data/derby.credential"));
        Path intruder = dir.resolve("intruder");
        String base = "jdbc:derby://127.0.0.1:" + adminPort + "/";
        assertThat(connects(base + intruder + ";create=true", "intruder", "guess")).isFalse();
        assertThat(connects(base + intruder + ";create=true", credential.user(), "guess")).isFalse();
        assertThat(intruder).doesNotExist();
        assertThat(connects(base + mailroom.path("data/db"), credential.user(), "guess")).isFalse();
        assertThat(connects(base + mailroom.path("data/db"), credential.user(), credential.password())).isTrue();
        assertThat(Files.getPosixFilePermissions(mailroom.path("data/derby.credential")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(Files.getPosixFilePermissions(mailroom.path("data")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE", "OWNER_EXECUTE");

        run.destroy(); // SIGTERM
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook finished
        String console = Files.readString(dir.resolve("run.out"));
        assertThat(console).contains("Mailroom ready", "Mailroom stopping", "store closed", "Mailroom stopped");
        assertThat(mailroom.path("data/mailroom.pid")).doesNotExist();
        assertThat(mailroom("status").exit()).isEqualTo(3);
    }

    /** quickstart prints the password alone on the line after "Password of ...:" and a blank line. */
    private static String generatedPassword(String output) {
        List<String> lines = output.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Password of ")) {
                return lines.get(i + 2).trim();
            }
        }
        throw new AssertionError("no password in:\n" + output);
    }

    private String port(String key) {
        return Installation.value(config, key);
    }

    /**
     * curl, a client nobody here wrote, trusting exactly the certificate generated at the first start,
     * with the server's name pointing at 127.0.0.1.
     */
    private Result curl(String... args) {
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "60",
                "--cacert", mailroom.path("data/tls/certificate.pem").toString()));
        for (String key : List.of("submission.port", "imaps.port", "pop3s.port")) {
            command.add("--resolve");
            command.add(HOST + ":" + port(key) + ":127.0.0.1");
        }
        command.addAll(List.of(args));
        return Installation.run(dir, command, null, Map.of());
    }

    /** The last line of an SMTP reply, continuation lines ("250-...") skipped. */
    private static String reply(BufferedReader in) throws IOException {
        String line = in.readLine();
        while (line != null && line.length() > 3 && line.charAt(3) == '-') {
            line = in.readLine();
        }
        return String.valueOf(line);
    }

    /** The first line a plain-text listener sends. */
    private String greeting(String portKey) throws IOException {
        int port = Integer.parseInt(Installation.value(config, portKey));
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(30_000);
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean connects(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
