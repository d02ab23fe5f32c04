package org.mailroom.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.dist.Installation.Result;

/**
 * Two Mailroom servers from one unpacked archive (two configurations, two data directories): mail
 * submitted to the first for a domain of the second leaves through the first's outbound queue, which
 * the submission wakes at once, and arrives in the second's mailbox over SMTP.
 */
class TwoServersIT {

    @TempDir
    Path dir;

    private Installation mailroom;
    private Path sender;
    private Path receiver;

    @BeforeEach
    void startBoth() throws Exception {
        mailroom = Installation.unpack(dir);
        receiver = mailroom.writeConfig("receiver.properties", "data-receiver", "hostname = mx.example.net");
        // A poll interval far beyond the test's wait: only the submission's wake-up can send the mail in time.
        sender = mailroom.writeConfig("sender.properties", "data-sender", "hostname = mail.example.org",
                "route.example.net = 127.0.0.1:" + Installation.value(receiver, "smtp.port"),
                "queue.poll-interval = 1h");
        CompletableFuture<Result> a = CompletableFuture.supplyAsync(() -> start(sender, "logs-sender"));
        CompletableFuture<Result> b = CompletableFuture.supplyAsync(() -> start(receiver, "logs-receiver"));
        for (Result r : List.of(a.get(), b.get())) {
            assertThat(r.exit()).as(r.toString()).isZero();
        }
    }

    private Result start(Path config, String logs) {
        return mailroom.binWithInput(null, Map.of("MAILROOM_LOGS", mailroom.path(logs).toString()), "mailroom",
                "start", "--config", config.toString());
    }

    @AfterEach
    void stopBoth() {
        mailroom.bin("mailroom", "stop", "--config", sender.toString());
        mailroom.bin("mailroom", "stop", "--config", receiver.toString());
    }

    @Test
    void mailForTheOtherServerLeavesThroughTheQueueAndArrivesInItsMailbox() throws Exception {
        String alice = quickstart(sender, "alice@example.org");
        String bob = quickstart(receiver, "bob@example.net");

        Path message = dir.resolve("hello.eml");
        Files.writeString(message, "From: alice@example.org\r\nTo: bob@example.net\r\nSubject: across\r\n"
                + "\r\nFrom one Mailroom to another.\r\n");
        Result sent = curl(sender, "mail.example.org", "--ssl-reqd", "--user", "alice@example.org:" + alice,
                "--mail-from", "alice@example.org", "--mail-rcpt", "bob@example.net",
                "--upload-file", message.toString(),
                "smtp://mail.example.org:" + Installation.value(sender, "submission.port"));
        assertThat(sent.exit()).as(sent.toString()).isZero();

        String imapUrl = "imaps://mx.example.net:" + Installation.value(receiver, "imaps.port") + "/INBOX;UID=1";
        Result read = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            read = curl(receiver, "mx.example.net", "--user", "bob@example.net:" + bob, imapUrl);
            if (read.exit() == 0 && !read.stdout().isEmpty()) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(read.exit()).as(read.toString()).isZero();
        assertThat(read.stdout())
                .contains("Delivered-To: bob@example.net", "by mx.example.net", "by mail.example.org",
                        "Subject: across", "From one Mailroom to another.");
    }

    private String quickstart(Path config, String address) {
        Result r = mailroom.binWithInput(null, Map.of(), "mailroom-admin", "--config", config.toString(),
                "quickstart", address);
        assertThat(r.exit()).as(r.toString()).isZero();
        List<String> lines = r.stdout().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("Password of ")) {
                return lines.get(i + 2).trim();
            }
        }
        throw new AssertionError("no password in:\n" + r.stdout());
    }

    /** curl trusting exactly the server's generated certificate, its host name pointing at 127.0.0.1. */
    private Result curl(Path config, String host, String... args) {
        String data = Installation.value(config, "data.dir");
        List<String> command = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--max-time", "60",
                "--cacert", mailroom.path(data + "/tls/certificate.pem").toString()));
        for (String key : List.of("submission.port", "imaps.port")) {
            command.add("--resolve");
            command.add(host + ":" + Installation.value(config, key) + ":127.0.0.1");
        }
        command.addAll(List.of(args));
        return Installation.run(dir, command, null, Map.of());
    }
}
