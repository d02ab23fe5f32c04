package org.mailroom.imap;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.imap.support.ImapFixture;
import org.mailroom.imap.support.ImapTestClient;

/**
 * Several sessions change one mailbox at once while another idles on it: the idler's count of
 * messages, kept only from EXISTS and EXPUNGE responses, ends equal to the mailbox's.
 */
class ConcurrentSessionsTest {

    private static final Pattern EXISTS = Pattern.compile("^\\* (\\d+) EXISTS$");
    private static final Pattern EXPUNGE = Pattern.compile("^\\* (\\d+) EXPUNGE$");

    @TempDir
    Path dir;

    @Test
    void anIdlingSessionKeepsExactCountWhileOthersAppendAndExpunge() throws Exception {
        try (ImapFixture f = new ImapFixture(dir, true, Duration.ofMillis(50));
             ImapTestClient idler = f.client().login("alice@example.org")) {
            idler.command("s", "SELECT INBOX");
            idler.send("i IDLE");
            assertThat(idler.line()).isEqualTo("+ idling");

            ExecutorService pool = Executors.newFixedThreadPool(3);
            List<Future<?>> work = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int worker = w;
                work.add(pool.submit(() -> {
                    try (ImapTestClient c = f.client().login("alice@example.org")) {
                        c.command("s", "SELECT INBOX");
                        for (int i = 0; i < 10; i++) {
                            String r = c.tagged("a" + i, "APPEND INBOX {13+}\r\nSubject: " + worker + i + "\r\n");
                            for (int retry = 0; r.contains("NO [UNAVAILABLE]") && retry < 5; retry++) {
                                // The store may give up on a lock under contention; a client retries.
                                r = c.tagged("r" + i + retry, "APPEND INBOX {13+}\r\nSubject: " + worker + i + "\r\n");
                            }
                            assertThat(r).contains("OK [APPENDUID");
                            if (i % 3 == 2) {
                                c.command("d" + i, "STORE 1 +FLAGS.SILENT (\\Deleted)");
                                c.command("e" + i, "EXPUNGE");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> fu : work) {
                fu.get();
            }
            pool.shutdown();
            f.deliver("alice@example.org", "Subject: last\r\n\r\nx\r\n");

            int count = 0;
            int expected = -1;
            try (ImapTestClient check = f.client().login("alice@example.org")) {
                for (String l : check.command("c", "STATUS INBOX (MESSAGES)")) {
                    Matcher m = Pattern.compile("MESSAGES (\\d+)").matcher(l);
                    if (m.find()) {
                        expected = Integer.parseInt(m.group(1));
                    }
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            List<String> heard = new ArrayList<>();
            while (count != expected && System.nanoTime() < deadline) {
                String l;
                try {
                    l = idler.line();
                } catch (AssertionError e) {
                    throw new AssertionError("count " + count + " expected " + expected + " after " + heard);
                }
                heard.add(l);
                Matcher e = EXISTS.matcher(l);
                if (e.matches()) {
                    count = Integer.parseInt(e.group(1));
                } else if (EXPUNGE.matcher(l).matches()) {
                    count--;
                }
            }
            assertThat(count).isEqualTo(expected);
            idler.send("DONE");
            assertThat(idler.until("i")).last().isEqualTo("i OK IDLE terminated");
            List<String> fetched = idler.command("f", "FETCH 1:* (UID)");
            assertThat(fetched).hasSize(expected + 1);
        }
    }
}
