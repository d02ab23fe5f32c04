package org.mailroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark at its {@code --quick} scale against the built installation tree, so that it cannot rot:
 * every workload runs and every reply is as expected. Nothing here looks at how fast anything was.
 */
class MailroomBenchSmokeIT {

    private static Path tree() {
        String tree = System.getProperty("mailroom.dist.tree");
        assertThat(tree).as("mailroom.dist.tree (set by the failsafe configuration)").isNotNull();
        return Path.of(tree);
    }

    @Test
    void quickRunOfEveryWorkloadGetsOnlyExpectedRepliesAndWritesItsTable(@TempDir Path dir) throws Exception {
        Path markdown = dir.resolve("results.md");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int status = MailroomBench.run(new String[] {"--quick", "--home", tree().toString(), "--work",
            dir.resolve("work").toString(), "--markdown", markdown.toString()},
                new PrintStream(console, true, StandardCharsets.UTF_8));

        String out = console.toString(StandardCharsets.UTF_8);
        assertThat(status).as(out).isZero();
        String table = Files.readString(markdown);
        assertThat(table).contains("| 0 warm-up | messages | 20 |", "| 1 SMTP 2 sessions | accepted/s |", "| 1 SMTP 5 sessions | delivered/s |",
                "| 2 POP3 drain 5 clients | msgs/s |", "| 3 IMAP mixed 2 clients | errors | 0 |",
                "| 4 IMAP APPEND 2-100 KB, 2 clients | msgs/s |", "| 5 memory (RSS) | 20 connections in IDLE |",
                "| 5 memory (RSS) | 20 connections in IDLE, settled |",
                "| 6 growth 150 msgs | resync after 10 changes |", "| 6 growth 50 → 150 | SELECT grew |",
                "| 7 start and size | cold start until accepting |");
        assertThat(table).doesNotContain("errors (last:", "TIMEOUT");
        assertThat(out).contains("[warm-up smtp]", "[warm-up pop3]", "[smtp 2 sessions]", "written to");
        // the benchmark's server was stopped again: nothing of it is left running
        assertThat(dir.resolve("work/data/mailroom.pid")).doesNotExist();
    }

    @Test
    void preparedInstanceIsWarmedUpThroughItsOwnAccountsOnly(@TempDir Path dir) throws Exception {
        Path work = dir.resolve("instance");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int status = MailroomBench.run(new String[] {"--home", tree().toString(), "--prepare", work.toString(),
            "--users", "3", "--warm-up", "12"}, new PrintStream(console, true, StandardCharsets.UTF_8));
        try {
            assertThat(status).isZero();
            String ports = Files.readString(work.resolve("ports.env"));
            assertThat(ports).containsPattern("SMTP_PORT=\\d+\nPOP3_PORT=\\d+\nIMAP_PORT=\\d+\nMAILROOM_PID=\\d+\n");
            int pop3 = Integer.parseInt(ports.replaceAll("(?s).*POP3_PORT=(\\d+).*", "$1"));
            for (int i = 1; i <= 3; i++) {
                assertThat(stat(pop3, Instance.user(i))).as("messages in " + Instance.user(i)).isZero();
            }
            int warmedUp = 0;
            for (int i = 1; i <= Instance.WARM_UP_USERS; i++) {
                warmedUp += stat(pop3, Instance.warmUpUser(i));
            }
            assertThat(warmedUp).isEqualTo(12);
            assertThat(Files.readString(work.resolve("logs/mailroom.log"))).contains("message=", "delivered=1");
        } finally {
            MailroomBench.run(new String[] {"--home", tree().toString(), "--stop", work.toString()},
                    new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        }
        assertThat(work.resolve("data/mailroom.pid")).doesNotExist();
    }

    private static int stat(int pop3Port, String user) throws Exception {
        try (Pop3Client c = new Pop3Client(pop3Port, user, Instance.PASSWORD)) {
            int n = c.stat();
            c.quit();
            return n;
        }
    }

    @Test
    void launcherOfTheInstallationRunsTheTool() throws Exception {
        Process p = new ProcessBuilder(tree().resolve("bin/mailroom-bench").toString(), "--help")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("usage: mailroom-bench");
    }

    @Test
    void unknownArgumentIsRefusedWithTheUsage() throws Exception {
        Process p = new ProcessBuilder(tree().resolve("bin/mailroom-bench").toString(), "--workloads", "ftp")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(out).contains("unknown workload ftp");
    }
}
