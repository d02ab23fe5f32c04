package org.mailroom.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.dist.Installation.Result;
import org.mailroom.store.derby.DerbyCredential;

/**
 * bin/mailroom in an installation unpacked from the archive into a new directory: start, status, stop
 * and run, as an administrator uses them.
 */
class ServerLifecycleIT {

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

    @Test
    void startReturnsOnceReadyStatusTellsTheTruthAndStopIsGraceful() throws IOException {
        Result start = mailroom.bin("mailroom", "start", "--config", config.toString());
        assertThat(start.exit()).as(start.toString()).isZero();
        assertThat(start.stdout()).startsWith("Mailroom started (pid ");
        Path pidFile = mailroom.path("data/mailroom.pid");
        assertThat(pidFile).exists();
        assertThat(mailroom.path("data/mailroom.ready")).exists();

        Result running = mailroom.bin("mailroom", "status", "--config", config.toString());
        assertThat(running.exit()).as(running.toString()).isZero();
        assertThat(running.stdout()).startsWith("Mailroom is running (pid " + Files.readString(pidFile).trim() + ")");

        Result again = mailroom.bin("mailroom", "start", "--config", config.toString());
        assertThat(again.exit()).isZero();
        assertThat(again.stdout()).startsWith("Mailroom is already running");

        Result stop = mailroom.bin("mailroom", "stop", "--config", config.toString());
        assertThat(stop.exit()).as(stop.toString()).isZero();
        assertThat(stop.stdout()).isEqualTo("Mailroom stopped\n");
        assertThat(pidFile).doesNotExist();
        assertThat(mailroom.path("data/mailroom.ready")).doesNotExist();
        assertThat(Files.readString(mailroom.path("logs/mailroom.log")))
                .contains("Mailroom ready", "store closed", "Mailroom stopped");
        // Derby logs a clean shutdown of the database; a crash would leave recovery for the next boot.
        assertThat(Files.readString(mailroom.path("logs/derby.log"))).contains("Shutting down instance");

        Result stopped = mailroom.bin("mailroom", "status", "--config", config.toString());
        assertThat(stopped.exit()).isEqualTo(3);
        assertThat(stopped.stdout()).isEqualTo("Mailroom is not running\n");

        Result stopAgain = mailroom.bin("mailroom", "stop", "--config", config.toString());
        assertThat(stopAgain.exit()).isZero();
        assertThat(stopAgain.stdout()).isEqualTo("Mailroom is not running\n");
    }

    @Test
    void aStalePidFileIsRecognisedAndReplaced() throws IOException {
        Files.createDirectories(mailroom.path("data"));
        // The pid of a process that is not Mailroom: this test's own JVM.
        Files.writeString(mailroom.path("data/mailroom.pid"), ProcessHandle.current().pid() + "\n");

        Result status = mailroom.bin("mailroom", "status", "--config", config.toString());
        assertThat(status.exit()).isEqualTo(3);
        assertThat(status.stdout()).startsWith("Mailroom is not running (stale pid file");

        Result start = mailroom.bin("mailroom", "start", "--config", config.toString());
        assertThat(start.exit()).as(start.toString()).isZero();
        assertThat(mailroom.bin("mailroom", "status", "--config", config.toString()).exit()).isZero();
    }

    @Test
    void runStaysInTheForegroundAndStopsGracefullyOnSigterm() throws Exception {
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
        assertThat(mailroom.bin("mailroom", "status", "--config", config.toString()).exit()).isZero();

        run.destroy(); // SIGTERM
        assertThat(run.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).isEqualTo(143); // 128 + SIGTERM, after the shutdown hook finished
        String console = Files.readString(dir.resolve("run.out"));
        assertThat(console).contains("Mailroom ready", "Mailroom stopping", "store closed", "Mailroom stopped");
        assertThat(mailroom.path("data/mailroom.pid")).doesNotExist();
        assertThat(mailroom.bin("mailroom", "status", "--config", config.toString()).exit()).isEqualTo(3);
    }

    @Test
    void theAdminPortAdmitsNobodyWithoutTheCredentialNotEvenToCreateADatabase() throws IOException {
        Result start = mailroom.bin("mailroom", "start", "--config", config.toString());
        assertThat(start.exit()).as(start.toString()).isZero();
        int adminPort = Integer.parseInt(Files.readAllLines(config).stream()
                .filter(l -> l.startsWith("admin.port")).findFirst().orElseThrow().replaceAll("\\D", ""));
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
    }

    private static boolean connects(String url, String user, String password) {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
