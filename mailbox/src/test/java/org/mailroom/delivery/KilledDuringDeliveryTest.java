package org.mailroom.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
 * Kills a JVM with SIGKILL in the middle of a stream of deliveries and checks, after Derby's
 * recovery, that every acknowledged message is there exactly once, intact, and that no content is
 * left without a reference: durability and atomicity of DESIGN.md's one-commit delivery.
 */
class KilledDuringDeliveryTest {

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageSurvivesAKillAndNothingIsHalfStored() throws Exception {
        try (DerbyStore store = TestStores.open(dir)) {
            store.admin().addDomain("example.org");
            store.admin().addAccount(EmailAddress.parse("alice@example.org"), "x", "x", Quota.UNLIMITED);
            store.admin().addAccount(EmailAddress.parse("bob@example.org"), "x", "x", Quota.UNLIMITED);
        }

        int acknowledged = runAndKill();

        assertThat(acknowledged).isGreaterThanOrEqualTo(3);
        try (DerbyStore store = DerbyStore.openEmbedded(dir.resolve("db"),
                DerbyCredential.load(dir.resolve("derby.credential")))) {
            for (String user : List.of("alice@example.org", "bob@example.org")) {
                Account account = store.admin().account(EmailAddress.parse(user)).orElseThrow();
                Set<Integer> seen = inboxSequenceNumbers(store.mailboxes().of(account.id()));
                for (int n = 1; n <= acknowledged; n++) {
                    assertThat(seen).as("message %d acknowledged to %s", n, user).contains(n);
                }
                assertThat(seen).allMatch(n -> n <= acknowledged + 1);
            }
            assertThat(store.queue().list().size()).isBetween(acknowledged, acknowledged + 1);
        }
        assertNoOrphanContent();
    }

    private int runAndKill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                "-Dderby.stream.error.file=" + dir.resolve("derby.log"), DeliveryLoopProcess.class.getName(),
                dir.toString()).redirectErrorStream(true).start();
        int acknowledged = 0;
        int killAfter = 3 + ThreadLocalRandom.current().nextInt(5);
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                output.add(line);
                if (line.startsWith("delivered ")) {
                    acknowledged = Integer.parseInt(line.substring("delivered ".length()));
                    if (acknowledged >= killAfter && child.isAlive()) {
                        // Let the next delivery get under way, then kill it wherever it is. The child
                        // may acknowledge a few more meanwhile: the lines it printed are read on.
                        Thread.sleep(ThreadLocalRandom.current().nextInt(1, 30));
                        child.toHandle().destroyForcibly(); // SIGKILL, leaving its output readable
                    }
                }
            }
        }
        child.waitFor();
        assertThat(output).as("child output").noneMatch(l -> l.startsWith("failed") || l.contains("Exception"));
        return acknowledged;
    }

    private static Set<Integer> inboxSequenceNumbers(UserMailboxes boxes) throws Exception {
        long inbox = boxes.find(MailboxName.INBOX).orElseThrow().id();
        Set<Integer> seen = new HashSet<>();
        for (MessageSummary m : boxes.messages(inbox, UidSet.ALL)) {
            byte[] bytes;
            try (InputStream in = boxes.openContent(inbox, m.uid())) {
                bytes = in.readAllBytes();
            }
            String text = new String(bytes, StandardCharsets.US_ASCII);
            int start = text.indexOf("Subject: message ") + "Subject: message ".length();
            int n = Integer.parseInt(text.substring(start, text.indexOf('\r', start)));
            assertThat(seen.add(n)).as("message %d stored once", n).isTrue();
            assertThat(text).endsWith(new String(DeliveryLoopProcess.message(n), StandardCharsets.US_ASCII));
            assertThat((long) bytes.length).isEqualTo(m.size());
        }
        return seen;
    }

    private void assertNoOrphanContent() throws Exception {
        DerbyCredential cred = DerbyCredential.load(dir.resolve("derby.credential"));
        String url = "jdbc:derby:" + dir.resolve("db").toAbsolutePath();
        try (Connection c = DriverManager.getConnection(url, cred.user(), cred.password());
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM content c WHERE "
                    + "c.refs <> (SELECT COUNT(*) FROM message m WHERE m.content_id = c.id)"
                    + " + (SELECT COUNT(*) FROM queue q WHERE q.content_id = c.id) OR c.refs <= 0")) {
                rs.next();
                assertThat(rs.getInt(1)).as("content rows whose reference count is wrong").isZero();
            }
        } finally {
            try {
                DriverManager.getConnection(url + ";shutdown=true", cred.user(), cred.password()).close();
            } catch (java.sql.SQLException expected) {
                // Derby reports a clean shutdown as SQLState 08006.
            }
        }
    }
}
