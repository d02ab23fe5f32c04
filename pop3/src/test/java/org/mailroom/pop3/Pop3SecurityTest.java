package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Named regression tests for the attacks a POP3 server meets. */
class Pop3SecurityTest {

    @TempDir
    Path dir;
    Pop3Fixture f;

    private void start() {
        start(c -> c);
    }

    private void start(UnaryOperator<Pop3Config> tweak) {
        f = Pop3Fixture.start(dir, tweak);
        f.deliver(Pop3Fixture.ALICE, "Subject: one\r\n\r\nbody\r\n");
    }

    @AfterEach
    void tearDown() {
        if (f != null) {
            f.close();
        }
    }

    @Test
    void passwordBeforeTlsIsRefusedAndNotOffered() throws Exception {
        start();
        try (Pop3Client c = f.plain()) {
            Transcript.run(c, """
                    S: +OK mail.example.org POP3 server ready
                    C: CAPA
                    S: +OK Capability list follows
                    S: TOP
                    S: UIDL
                    S: RESP-CODES
                    S: AUTH-RESP-CODE
                    S: PIPELINING
                    S: EXPIRE NEVER
                    S: UTF8 USER
                    S: STLS
                    S: .
                    C: USER alice@example.org
                    S: -ERR Send STLS first: passwords are accepted only over TLS
                    C: PASS correct horse battery
                    S: -ERR Command not valid in this state
                    C: AUTH PLAIN AGFsaWNlQGV4YW1wbGUub3JnAGNvcnJlY3QgaG9yc2UgYmF0dGVyeQ==
                    S: -ERR Send STLS first: passwords are accepted only over TLS
                    """);
        }
    }

    @Test
    void stlsStartsTlsAndForgetsTheSessionBefore() throws Exception {
        start();
        try (Pop3Client c = f.plain()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: STLS
                    S: +OK Begin TLS negotiation
                    """);
            c.startTls();
            Transcript.run(c, """
                    C: CAPA
                    S: +OK Capability list follows
                    S: TOP
                    S: UIDL
                    S: RESP-CODES
                    S: AUTH-RESP-CODE
                    S: PIPELINING
                    S: EXPIRE NEVER
                    S: UTF8 USER
                    S: USER
                    S: SASL SCRAM-SHA-256 PLAIN LOGIN
                    S: .
                    C: STLS
                    S: -ERR TLS is already active
                    C: USER alice@example.org
                    S: +OK Send your password
                    C: PASS correct horse battery
                    S~ \\+OK Logged in; 1 messages \\(\\d+ octets\\)
                    C: CAPA
                    S: +OK Capability list follows
                    S: TOP
                    S: UIDL
                    S: RESP-CODES
                    S: AUTH-RESP-CODE
                    S: PIPELINING
                    S: EXPIRE NEVER
                    S: .
                    """);
        }
    }

    @Test
    void commandsPipelinedAfterStlsCloseTheConnection() throws Exception {
        start();
        try (Pop3Client c = f.plain()) {
            c.line();
            c.sendRaw("STLS\r\nUSER alice@example.org\r\nPASS correct horse battery\r\n".getBytes(StandardCharsets.US_ASCII));
            Transcript.run(c, """
                    S: -ERR Commands sent after STLS before the TLS handshake; closing
                    S: <closed>
                    """);
        }
    }

    @Test
    void bytesOfAnUnfinishedLineAfterStlsCloseTheConnectionToo() throws Exception {
        start();
        try (Pop3Client c = f.plain()) {
            c.line();
            c.sendRaw("STLS\r\nUS".getBytes(StandardCharsets.US_ASCII));
            Transcript.run(c, """
                    S: -ERR Commands sent after STLS before the TLS handshake; closing
                    S: <closed>
                    """);
        }
    }

    @Test
    void commandsSentInTheClearJustAfterStlsInALaterPacketCloseTheConnection() throws Exception {
        start();
        try (Pop3Client c = f.plain()) {
            c.line();
            c.send("STLS");
            // sent before reading the +OK, in its own packet: the server must not take it as protected input
            c.send("USER alice@example.org");
            String reply = c.line();
            if (reply == null) {
                // the clear text reached the TLS layer, which gave up before the +OK was flushed
                return;
            }
            if (reply.startsWith("-ERR")) {
                // seen before the +OK went out
                assertThat(reply).isEqualTo("-ERR Commands sent after STLS before the TLS handshake; closing");
                Transcript.run(c, "S: <closed>");
            } else {
                // seen after: the server now expects a handshake and gets clear text, or closes
                assertThat(reply).isEqualTo("+OK Begin TLS negotiation");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void aRefusedStlsLeavesTheSessionUsable() throws Exception {
        start();
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            Transcript.run(c, """
                    C: STLS
                    S: -ERR Command not valid in this state
                    C: NOOP
                    S: +OK
                    """);
        }
        try (Pop3Client c = f.plain()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: STLS now
                    S: -ERR No arguments expected
                    C: CAPA
                    S: +OK Capability list follows
                    """);
        }
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameReply() throws Exception {
        start();
        String unknown;
        String wrong;
        try (Pop3Client c = f.tls()) {
            c.line();
            c.send("USER nobody@example.org");
            assertThat(c.line()).isEqualTo("+OK Send your password");
            c.send("PASS correct horse battery");
            unknown = c.line();
        }
        try (Pop3Client c = f.tls()) {
            c.line();
            c.send("USER alice@example.org");
            assertThat(c.line()).isEqualTo("+OK Send your password");
            c.send("PASS wrong");
            wrong = c.line();
        }
        assertThat(unknown).isEqualTo(wrong).isEqualTo("-ERR [AUTH] Invalid user name or password");
    }

    @Test
    void aFailedLoginIsAnsweredOnlyAfterTheThrottleDelayAndHoldsPipelinedCommands() throws Exception {
        start();
        try (Pop3Client c = f.tls()) {
            c.line();
            long t0 = System.nanoTime();
            c.sendRaw("USER alice@example.org\r\nPASS wrong\r\nCAPA\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(c.line()).isEqualTo("+OK Send your password");
            assertThat(c.line()).isEqualTo("-ERR [AUTH] Invalid user name or password");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).isGreaterThanOrEqualTo(TestAccounts.FIRST_DELAY.toMillis() - 20);
            assertThat(c.line()).isEqualTo("+OK Capability list follows");
        }
    }

    @Test
    void theErrorBudgetClosesTheConnection() throws Exception {
        start(c -> new Pop3Config(c.port(), c.tlsPort(), c.bindAddress(), c.hostname(), c.allowPlaintextAuth(),
                c.idleTimeout(), c.maxLineLength(), c.maxConnectionsPerAddress(), 5, 5));
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: BOGUS
                    S: -ERR Unknown command
                    C: BOGUS
                    S: -ERR Unknown command
                    C: BOGUS
                    S: -ERR Unknown command
                    C: BOGUS
                    S: -ERR Unknown command
                    C: BOGUS
                    S: -ERR Too many errors; closing the connection
                    S: <closed>
                    """);
        }
    }

    @Test
    void anOverlongLineIsRefusedAndTheSessionGoesOn() throws Exception {
        start();
        try (Pop3Client c = f.tls()) {
            c.line();
            c.send("USER " + "a".repeat(10_000));
            Transcript.run(c, """
                    S: -ERR Line too long
                    C: QUIT
                    S: +OK Bye
                    """);
        }
    }

    @Test
    void anHttpRequestIsClosedAtOnce() throws Exception {
        start();
        try (Pop3Client c = f.plain()) {
            c.line();
            c.send("GET / HTTP/1.1");
            c.send("Host: mail.example.org");
            Transcript.run(c, "S: <closed>");
        }
    }

    @Test
    void connectionsPerAddressAreLimited() throws Exception {
        start(c -> new Pop3Config(c.port(), c.tlsPort(), c.bindAddress(), c.hostname(), c.allowPlaintextAuth(),
                c.idleTimeout(), c.maxLineLength(), 2, c.errorSoftLimit(), c.errorHardLimit()));
        try (Pop3Client a = f.plain(); Pop3Client b = f.tls(); Pop3Client third = f.plain()) {
            assertThat(a.line()).startsWith("+OK");
            assertThat(b.line()).startsWith("+OK");
            Transcript.run(third, """
                    S: -ERR [SYS/TEMP] Too many connections from your address; try again later
                    S: <closed>
                    """);
        }
        // released again when they close
        Thread.sleep(200);
        try (Pop3Client again = f.plain()) {
            assertThat(again.line()).startsWith("+OK");
        }
    }

    @Test
    void plaintextLoginWorksOnlyWhenAllowed() throws Exception {
        start(c -> new Pop3Config(c.port(), c.tlsPort(), c.bindAddress(), c.hostname(), true,
                c.idleTimeout(), c.maxLineLength(), c.maxConnectionsPerAddress(), c.errorSoftLimit(), c.errorHardLimit()));
        try (Pop3Client c = f.plain()) {
            c.line();
            c.send("CAPA");
            c.line();
            assertThat(c.body()).contains("USER", "SASL SCRAM-SHA-256 PLAIN LOGIN", "STLS");
            Transcript.run(c, """
                    C: USER alice@example.org
                    S: +OK Send your password
                    C: PASS correct horse battery
                    S~ \\+OK Logged in; .*
                    """);
        }
    }
}
