package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Account;
import org.mailroom.store.EmailAddress;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.Quota;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;
import org.mailroom.store.derby.DerbyCredential;
import org.mailroom.store.derby.DerbyStore;
import org.mailroom.store.derby.TestStores;

/**
 * Kills the SMTP server (SIGKILL, its own JVM) in the middle of a stream of deliveries; after the
 * restart every message that got a 250 is in its mailbox exactly once (issue 3, "Done when").
 */
class KilledDuringSmtpDeliveriesTest {

    @TempDir
    Path dir;

    @Test
    void everyMessageAcknowledgedWith250IsStoredExactlyOnceAfterAKill() throws Exception {
        try (DerbyStore store = TestStores.open(dir)) {
            store.admin().addDomain("example.org");
            store.admin().addAccount(EmailAddress.parse("alice@example.org"), "x", "x", Quota.UNLIMITED);
        }
        int port = SmtpTestServer.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dderby.stream.error.file=" + dir.resolve("derby.log"), SmtpServerProcess.class.getName(),
                dir.toString(), Integer.toString(port), TestSecurity.certificateFile().toString())
                .redirectErrorStream(true).start();
        BufferedReader childOut = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String ready;
        while ((ready = childOut.readLine()) != null && !ready.startsWith("READY")) {
            // the child's log lines
        }
        assertThat(ready).as("child started").isNotNull();
        Thread drain = new Thread(() -> {
            try {
                while (childOut.readLine() != null) {
                    // keep the pipe flowing
                }
            } catch (java.io.IOException e) {
                // the child died
            }
        });
        drain.setDaemon(true);
        drain.start();

        Set<Integer> acknowledged = new HashSet<>();
        int killAfter = 5 + ThreadLocalRandom.current().nextInt(10);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            expect(in, "220");
            out.write("EHLO killer.example\r\n".getBytes(StandardCharsets.US_ASCII));
            while (!readLine(in).startsWith("250 ")) {
                // extensions
            }
            for (int n = 1; ; n++) {
                String msg = "MAIL FROM:<s@example.net>\r\nRCPT TO:<alice@example.org>\r\nDATA\r\n";
                out.write(msg.getBytes(StandardCharsets.US_ASCII));
                expect(in, "250");
                expect(in, "250");
                expect(in, "354");
                out.write(("Subject: message " + n + "\r\n\r\n" + "body line\r\n".repeat(200) + ".\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                if (n == killAfter + 1) {
                    // Kill while this one is being committed, wherever it is.
                    Thread.sleep(ThreadLocalRandom.current().nextInt(0, 15));
                    child.destroyForcibly();
                    break;
                }
                expect(in, "250");
                acknowledged.add(n);
            }
        }
        child.waitFor();

        try (DerbyStore store = DerbyStore.openEmbedded(dir.resolve("db"),
                DerbyCredential.load(dir.resolve("derby.credential")))) {
            Account alice = store.admin().account(EmailAddress.parse("alice@example.org")).orElseThrow();
            UserMailboxes boxes = store.mailboxes().of(alice.id());
            long inbox = boxes.find(MailboxName.INBOX).orElseThrow().id();
            Set<Integer> seen = new HashSet<>();
            for (MessageSummary m : boxes.messages(inbox, UidSet.ALL)) {
                String text;
                try (InputStream in = boxes.openContent(inbox, m.uid())) {
                    text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
                int start = text.indexOf("Subject: message ") + "Subject: message ".length();
                int n = Integer.parseInt(text.substring(start, text.indexOf('\r', start)));
                assertThat(seen.add(n)).as("message %d stored once", n).isTrue();
                assertThat(text).endsWith("\r\n\r\n" + "body line\r\n".repeat(200));
            }
            assertThat(seen).containsAll(acknowledged);
            assertThat(seen.size()).isBetween(acknowledged.size(), acknowledged.size() + 1);
        }
    }

    private static void expect(InputStream in, String code) throws Exception {
        String line = readLine(in);
        assertThat(line).startsWith(code);
    }

    private static String readLine(InputStream in) throws Exception {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }
}
