package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mailroom.store.Flag;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/** PIPELINING, UTF8, the USER-then-something-else paths, a concurrent IMAP expunge, server shutdown, a large message. */
class Pop3ExtensionsTest {

    @TempDir
    Path dir;
    Pop3Fixture f;
    byte[] stored;

    @BeforeEach
    void setUp() {
        f = Pop3Fixture.start(dir);
        stored = f.deliver(Pop3Fixture.ALICE, "Subject: one\r\n\r\nbody\r\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void pipelinedCommandsAreAnsweredInOrder() throws Exception {
        try (Pop3Client c = f.tls()) {
            c.line();
            c.sendRaw(("USER alice@example.org\r\nPASS correct horse battery\r\nSTAT\r\nLIST\r\nUIDL 1\r\n"
                    + "RETR 1\r\nDELE 1\r\nQUIT\r\n").getBytes(StandardCharsets.US_ASCII));
            Transcript.run(c, """
                    S: +OK Send your password
                    S: +OK Logged in; 1 messages (%1$d octets)
                    S: +OK 1 %1$d
                    S: +OK 1 messages (%1$d octets)
                    S: 1 %1$d
                    S: .
                    S~ \\+OK 1 \\d+\\.1
                    S: +OK %1$d octets
                    S: Return-Path: <sender@remote.test>
                    S: Delivered-To: alice@example.org
                    S: Subject: one
                    S:
                    S: body
                    S: .
                    S: +OK Message 1 deleted
                    S: +OK Bye; 1 message deleted
                    S: <closed>
                    """.formatted(stored.length));
        }
        assertThat(f.inbox(f.alice)).isEmpty();
    }

    @Test
    void utf8IsAcceptedBeforeLoginOnly() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: UTF8
                    S: +OK UTF8 enabled
                    C: USER alice@example.org
                    S: +OK Send your password
                    C: PASS correct horse battery
                    S~ \\+OK Logged in; .*
                    C: UTF8
                    S: -ERR Command not valid in this state
                    """);
        }
    }

    @Test
    void aCommandOtherThanPassAfterUserStartsTheLoginOver() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: USER alice@example.org
                    S: +OK Send your password
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
                    C: USER bob@example.org
                    S: +OK Send your password
                    C: UTF8
                    S: +OK UTF8 enabled
                    C: PASS correct horse battery
                    S: -ERR Command not valid in this state
                    C: QUIT
                    S: +OK Bye
                    """);
        }
    }

    @Test
    void authWithoutAMechanismListsTheMechanisms() throws Exception {
        try (Pop3Client c = f.tls()) {
            Transcript.run(c, """
                    S~ \\+OK .*
                    C: AUTH
                    S: +OK Mechanisms follow
                    S: SCRAM-SHA-256
                    S: PLAIN
                    S: LOGIN
                    S: .
                    C: AUTH CRAM-MD5
                    S: -ERR Unsupported authentication mechanism
                    """);
        }
    }

    @Test
    void aMessageExpungedByAnotherProtocolMeanwhileCannotBeRetrieved() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            UserMailboxes imap = f.store.mailboxes().of(f.alice.id());
            long inbox = imap.find(MailboxName.INBOX).orElseThrow().id();
            imap.setFlags(inbox, UidSet.ALL, FlagUpdate.add(Flags.of(Flag.DELETED)), OptionalLong.empty());
            imap.expunge(inbox, UidSet.ALL);
            Transcript.run(c, """
                    C: RETR 1
                    S: -ERR That message was removed by another session
                    C: DELE 1
                    S: +OK Message 1 deleted
                    C: QUIT
                    S: +OK Bye; 1 message deleted
                    """);
        }
    }

    @Test
    void closingTheServerEndsSessionsWithoutDeleting() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("DELE 1");
            c.line();
            f.server.close();
            Transcript.run(c, """
                    S: -ERR [SYS/TEMP] Server shutting down; try again later
                    S: <closed>
                    """);
        }
        assertThat(f.inbox(f.alice)).hasSize(1);
    }

    @Test
    void aLargeMessageComesBackByteForByteWithItsListedSize() throws Exception {
        StringBuilder m = new StringBuilder("From: big@remote.test\r\nSubject: big\r\n\r\n");
        int i = 0;
        while (m.length() < 2_000_000) {
            m.append(i++ % 7 == 0 ? "." : "").append("line ").append(i).append(" of a large message, 8-bit: \u00e9\r\n");
        }
        String body = new String(m.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
        byte[] big = f.deliver(Pop3Fixture.ALICE, body);
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("LIST 2");
            assertThat(c.line()).isEqualTo("+OK 2 " + big.length);
            c.send("RETR 2");
            assertThat(c.line()).isEqualTo("+OK " + big.length + " octets");
            assertThat(c.message()).isEqualTo(big);
            c.send("NOOP");
            assertThat(c.line()).isEqualTo("+OK");
        }
    }
}
