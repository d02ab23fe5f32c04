package org.mailroom.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transcripts of the MX listener (port 25): every command and its refusals, against the real store. */
class MxTranscriptTest {

    @TempDir
    Path dir;
    SmtpTestServer mx;

    @BeforeEach
    void start() {
        mx = new SmtpTestServer(dir, Map.of());
    }

    @AfterEach
    void stop() {
        mx.close();
    }

    private Transcript run(String script) throws IOException {
        return Transcript.connect(mx.port(ListenerKind.MX)).run(script);
    }

    @Test
    void aMessageForALocalUserIsStoredWithReceivedReturnPathAndDeliveredTo() throws IOException {
        run("""
                S: 220 mx.example.org ESMTP ready
                C: EHLO client.example.net
                S: 250-mx.example.org
                S: 250-PIPELINING
                S: 250-SIZE 26214400
                S: 250-8BITMIME
                S: 250-SMTPUTF8
                S: 250-ENHANCEDSTATUSCODES
                S: 250-STARTTLS
                S: 250-CHUNKING
                S: 250-DSN
                S: 250 LIMITS RCPTMAX=100
                C: MAIL FROM:<sender@example.net>
                S: 250 2.1.0 Sender OK
                C: RCPT TO:<alice@example.org>
                S: 250 2.1.5 Recipient OK
                C: DATA
                S: 354 End data with <CR><LF>.<CR><LF>
                C: From: sender@example.net
                C: Subject: hello
                C:
                C: ..a stuffed dot
                C: .
                S: 250 2.0.0 OK queued as *
                C: QUIT
                S: 221 2.0.0 mx.example.org Bye
                CLOSED
                """);
        assertThat(mx.inbox(mx.alice)).hasSize(1);
        String stored = mx.inbox(mx.alice).get(0);
        assertThat(stored).startsWith("Return-Path: <sender@example.net>\r\nDelivered-To: alice@example.org\r\n"
                + "Received: from client.example.net ([127.0.0.1])\r\n\tby mx.example.org with ESMTP\r\n\tid ");
        assertThat(stored).contains("\r\n\tfor <alice@example.org>;\r\n\t");
        assertThat(stored).endsWith(" +0000\r\nFrom: sender@example.net\r\nSubject: hello\r\n\r\n.a stuffed dot\r\n");
    }
}
