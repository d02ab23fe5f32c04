package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One log line per connection and per message, with the session id; never a body or a credential. */
class SmtpLoggingTest {

    @TempDir
    Path dir;

    /** Collects every log line of the org.mailroom.smtp loggers. */
    static final class Capture extends AbstractAppender {
        final List<String> lines = new CopyOnWriteArrayList<>();

        Capture() {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            lines.add(event.getMessage().getFormattedMessage());
        }
    }

    @Test
    void sessionsAndMessagesAreLoggedOnceWithTheirIdAndNoSecrets() throws Exception {
        Capture capture = new Capture();
        capture.start();
        Logger smtp = (Logger) LogManager.getLogger("org.mailroom.smtp");
        smtp.addAppender(capture);
        try (SmtpTestServer mx = new SmtpTestServer(dir, Map.of())) {
            String secretBody = "the-secret-body-" + System.nanoTime();
            Transcript.connectTls(mx.port(ListenerKind.SUBMISSIONS)).run("""
                    S: 220 *
                    C: EHLO laptop
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250-*
                    S: 250 *
                    C: AUTH PLAIN %s
                    S: 535 *
                    C: AUTH PLAIN %s
                    S: 235 *
                    C: MAIL FROM:<alice@example.org>
                    C: RCPT TO:<bob@example.org>
                    C: DATA
                    S: 250 *
                    S: 250 *
                    S: 354 *
                    C: Subject: private
                    C:
                    C: %s
                    C: .
                    S: 250 *
                    C: QUIT
                    S: 221 *
                    CLOSED
                    """.formatted(TestSecurity.plain("alice@example.org", "a-wrong-password"),
                    SubmissionTranscriptTest.PLAIN_ALICE, secretBody));
            for (int i = 0; i < 50 && capture.lines.stream().noneMatch(l -> l.contains("end=quit")); i++) {
                Thread.sleep(50);
            }
            List<String> lines = capture.lines;
            String all = String.join("\n", lines);
            List<String> sessionLines = lines.stream().filter(l -> l.contains(" end=")).toList();
            assertThat(sessionLines).hasSize(1);
            String id = sessionLines.get(0).replaceAll(".*session=(\\w+).*", "$1");
            assertThat(sessionLines.get(0)).contains("listener=submissions", "user=alice@example.org", "messages=1",
                    "end=quit", "tls=TLSv1.");
            assertThat(lines.stream().filter(l -> l.contains("message=" + id + "-1"))).hasSize(1);
            assertThat(all).doesNotContain(secretBody, SmtpTestServer.ALICE_PASSWORD, "a-wrong-password",
                    SubmissionTranscriptTest.PLAIN_ALICE, "Subject: private");
        } finally {
            smtp.removeAppender(capture);
        }
    }
}
