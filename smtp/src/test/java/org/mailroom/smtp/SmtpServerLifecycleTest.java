package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start, the bound ports, and a close that stops accepting but lets a message in flight finish. */
class SmtpServerLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void closeFinishesTheMessageInFlightAndTellsIdleSessions421() throws Exception {
        SmtpTestServer mx = new SmtpTestServer(dir, Map.of("smtp.shutdown-grace", "10s"));
        int port = mx.port(ListenerKind.MX);
        Transcript idle = Transcript.connect(port).run("S: 220 *");
        Transcript busy = Transcript.connect(port).run("""
                S: 220 *
                C: HELO client.example.net
                S: 250 *
                C: MAIL FROM:<s@example.net>
                C: RCPT TO:<bob@example.org>
                C: DATA
                S: 250 *
                S: 250 *
                S: 354 *
                C: Subject: in flight
                C:
                """);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(mx.server::close);
        idle.run("""
                S: 421 4.3.2 mx.example.org Service shutting down, try again later
                CLOSED
                """);
        Thread.sleep(300);
        assertThat(closing).isNotDone();
        busy.run("""
                C: still here
                C: .
                S: 250 2.0.0 OK queued as *
                S: 421 4.3.2 *
                CLOSED
                """);
        closing.get();
        assertThat(mx.inbox(mx.bob)).hasSize(1);
        boolean refused = false;
        try (Socket s = new Socket("127.0.0.1", port)) {
            refused = s.getInputStream().read() < 0;
        } catch (ConnectException e) {
            refused = true;
        }
        assertThat(refused).isTrue();
        mx.store.close();
    }

    @Test
    void aListenerWithPortZeroIsNotStarted() throws IOException {
        try (SmtpTestServer mx = new SmtpTestServer(dir, Map.of("submission.port", "0", "smtps.port", "0"))) {
            assertThat(mx.port(ListenerKind.MX)).isPositive();
            assertThat(mx.port(ListenerKind.SUBMISSION)).isZero();
            assertThat(mx.port(ListenerKind.SUBMISSIONS)).isZero();
        }
    }
}
