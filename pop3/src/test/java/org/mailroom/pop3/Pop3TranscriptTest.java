package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every RFC 1939 command in the states it is valid in and the ones it is not, over port 995. */
class Pop3TranscriptTest {

    static final String M1 = "From: a@remote.test\r\nSubject: one\r\n\r\nFirst body line\r\n.starts with a dot\r\nthird\r\n";
    static final String M2 = "From: b@remote.test\r\nSubject: two\r\n\r\nsecond message\r\n";

    @TempDir
    Path dir;
    Pop3Fixture f;
    int size1;
    int size2;

    @BeforeEach
    void setUp() {
        f = Pop3Fixture.start(dir, Pop3Fixture::lenient);
        size1 = f.deliver(Pop3Fixture.ALICE, M1).length;
        size2 = f.deliver(Pop3Fixture.ALICE, M2).length;
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void greetingNamesTheHostAndNoSoftware() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S: +OK mail.example.org POP3 server ready
                    C: QUIT
                    S: +OK Bye
                    S: <closed>
                    """);
        }
    }

    @Test
    void userPassStatListRetrDeleQuit() throws Exception {
        int total = size1 + size2;
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: USER alice@example.org
                    S: +OK Send your password
                    C: PASS correct horse battery
                    S: +OK Logged in; 2 messages (%d octets)
                    C: STAT
                    S: +OK 2 %d
                    C: LIST
                    S: +OK 2 messages (%d octets)
                    S: 1 %d
                    S: 2 %d
                    S: .
                    C: LIST 2
                    S: +OK 2 %d
                    C: DELE 1
                    S: +OK Message 1 deleted
                    C: STAT
                    S: +OK 1 %d
                    C: LIST
                    S: +OK 1 messages (%d octets)
                    S: 2 %d
                    S: .
                    C: LIST 1
                    S: -ERR Message already deleted
                    C: RETR 1
                    S: -ERR Message already deleted
                    C: DELE 1
                    S: -ERR Message already deleted
                    C: NOOP
                    S: +OK
                    C: QUIT
                    S: +OK Bye; 1 message deleted
                    S: <closed>
                    """.formatted(total, total, total, size1, size2, size2, size2, size2, size2));
        }
        assertThat(f.inbox(f.alice)).hasSize(1);
    }

    @Test
    void retrSendsTheStoredBytesDotStuffed() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("RETR 1");
            assertThat(c.line()).isEqualTo("+OK " + size1 + " octets");
            java.util.List<String> lines = c.body();
            assertThat(lines).contains("..starts with a dot", "First body line");
            c.send("RETR 1");
            c.line();
            assertThat(c.message()).isEqualTo(f.inbox(f.alice).get(0));
        }
    }

    @Test
    void topSendsTheHeaderAndTheFirstLinesOfTheBody() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            Transcript.run(c, """
                    C: TOP 1 0
                    S: +OK Top of message follows
                    S: Return-Path: <sender@remote.test>
                    S: Delivered-To: alice@example.org
                    S: From: a@remote.test
                    S: Subject: one
                    S:
                    S: .
                    C: TOP 1 2
                    S: +OK Top of message follows
                    S: Return-Path: <sender@remote.test>
                    S: Delivered-To: alice@example.org
                    S: From: a@remote.test
                    S: Subject: one
                    S:
                    S: First body line
                    S: ..starts with a dot
                    S: .
                    C: TOP 2 100
                    S: +OK Top of message follows
                    S: Return-Path: <sender@remote.test>
                    S: Delivered-To: alice@example.org
                    S: From: b@remote.test
                    S: Subject: two
                    S:
                    S: second message
                    S: .
                    C: TOP 3 1
                    S: -ERR No such message
                    C: TOP 1
                    S: -ERR Expected a message number and a line count
                    C: TOP 1 -1
                    S: -ERR Invalid number
                    """);
        }
    }

    @Test
    void uidlIsStableAcrossSessionsAndDerivedFromUidValidity() throws Exception {
        String first;
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("UIDL");
            assertThat(c.line()).isEqualTo("+OK Unique-id listing follows");
            java.util.List<String> lines = c.body();
            assertThat(lines).hasSize(2);
            assertThat(lines.get(0)).matches("1 \\d+\\.1");
            assertThat(lines.get(1)).matches("2 \\d+\\.2");
            first = lines.get(1).substring(2);
            c.send("UIDL 2");
            assertThat(c.line()).isEqualTo("+OK 2 " + first);
            c.send("DELE 1");
            c.line();
            c.send("QUIT");
            c.line();
        }
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            Transcript.run(c, """
                    C: UIDL 1
                    S: +OK 1 %s
                    C: UIDL 2
                    S: -ERR No such message
                    """.formatted(first));
        }
    }

    @Test
    void rsetUnmarksDeletions() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            Transcript.run(c, """
                    C: DELE 1
                    S: +OK Message 1 deleted
                    C: DELE 2
                    S: +OK Message 2 deleted
                    C: STAT
                    S: +OK 0 0
                    C: RSET
                    S: +OK Maildrop has 2 messages (%d octets)
                    C: QUIT
                    S: +OK Bye; 0 messages deleted
                    """.formatted(size1 + size2));
        }
        assertThat(f.inbox(f.alice)).hasSize(2);
    }

    @Test
    void transactionCommandsAreRefusedBeforeLogin() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: STAT
                    S: -ERR Command not valid in this state
                    C: LIST
                    S: -ERR Command not valid in this state
                    C: PASS secret
                    S: -ERR Command not valid in this state
                    C: RETR 1
                    S: -ERR Command not valid in this state
                    C: DELE 1
                    S: -ERR Command not valid in this state
                    C: NOOP
                    S: -ERR Command not valid in this state
                    C: RSET
                    S: -ERR Command not valid in this state
                    C: TOP 1 0
                    S: -ERR Command not valid in this state
                    C: UIDL
                    S: -ERR Command not valid in this state
                    C: XYZZY
                    S: -ERR Unknown command
                    C: QUIT
                    S: +OK Bye
                    """);
        }
    }

    @Test
    void loginCommandsAreRefusedAfterLogin() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            Transcript.run(c, """
                    C: USER bob@example.org
                    S: -ERR Command not valid in this state
                    C: PASS x
                    S: -ERR Command not valid in this state
                    C: AUTH PLAIN
                    S: -ERR Command not valid in this state
                    C: STLS
                    S: -ERR Command not valid in this state
                    C: UTF8
                    S: -ERR Command not valid in this state
                    """);
        }
    }

    @Test
    void malformedArgumentsGetErr() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            Transcript.run(c, """
                    C: RETR
                    S: -ERR Expected one message number
                    C: RETR x
                    S: -ERR Invalid number
                    C: LIST 1 2
                    S: -ERR Too many arguments
                    C: STAT 1
                    S: -ERR No arguments expected
                    C: RETR 0
                    S: -ERR No such message
                    C: RETR 3
                    S: -ERR No such message
                    """);
        }
    }
}
