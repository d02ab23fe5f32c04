package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several sessions on one maildrop: the lock, and deletions applied only in the UPDATE state. */
class MaildropSessionsTest {

    @TempDir
    Path dir;
    Pop3Fixture f;

    @BeforeEach
    void setUp() {
        f = Pop3Fixture.start(dir);
        f.deliver(Pop3Fixture.ALICE, "Subject: one\r\n\r\nbody one\r\n");
        f.deliver(Pop3Fixture.ALICE, "Subject: two\r\n\r\nbody two\r\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void deletionsMadeInOneSessionAreGoneInTheNextAfterQuit() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            Transcript.run(c, """
                    C: DELE 1
                    S: +OK Message 1 deleted
                    C: QUIT
                    S: +OK Bye; 1 message deleted
                    """);
        }
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("LIST");
            assertThat(c.line()).startsWith("+OK 1 messages");
            assertThat(c.body()).hasSize(1);
            c.send("TOP 1 0");
            c.line();
            assertThat(c.body()).contains("Subject: two");
        }
    }

    @Test
    void quitPublishesTheExpungeForImapSessions() throws Exception {
        java.util.List<org.mailroom.store.MailboxEvent> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (var subscription = f.store.events().subscribe(f.alice.id(), seen::add);
             Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("DELE 2");
            c.line();
            assertThat(seen).isEmpty();
            c.send("QUIT");
            c.line();
            assertThat(c.closedByServer()).isTrue();
        }
        assertThat(seen).singleElement().isInstanceOfSatisfying(
                org.mailroom.store.MailboxEvent.MessagesExpunged.class, e -> assertThat(e.uids()).containsExactly(2L));
    }

    @Test
    void aConnectionCutAfterDeleDeletesNothing() throws Exception {
        Pop3Client c = f.loggedIn(Pop3Fixture.ALICE);
        Transcript.run(c, """
                C: DELE 1
                S: +OK Message 1 deleted
                C: DELE 2
                S: +OK Message 2 deleted
                """);
        c.drop();
        // the lock is released once the server has seen the connection go
        try (Pop3Client again = loginEventually()) {
            again.send("STAT");
            assertThat(again.line()).startsWith("+OK 2 ");
        }
        assertThat(f.inbox(f.alice)).hasSize(2);
    }

    @Test
    void aSecondSessionOnTheSameMaildropGetsInUse() throws Exception {
        try (Pop3Client first = f.loggedIn(Pop3Fixture.ALICE); Pop3Client second = f.tls()) {
            Transcript.run(second, """
                    S~ \\+OK .*
                    C: USER alice@example.org
                    S: +OK Send your password
                    C: PASS correct horse battery
                    S: -ERR [IN-USE] The maildrop is in use by another session
                    C: STAT
                    S: -ERR Command not valid in this state
                    """);
            first.send("STAT");
            assertThat(first.line()).startsWith("+OK 2 ");
        }
    }

    @Test
    void anotherAccountIsNotLocked() throws Exception {
        f.deliver(Pop3Fixture.BOB, "Subject: bob\r\n\r\nhi\r\n");
        try (Pop3Client a = f.loggedIn(Pop3Fixture.ALICE); Pop3Client b = f.loggedIn(Pop3Fixture.BOB)) {
            b.send("STAT");
            assertThat(b.line()).startsWith("+OK 1 ");
            a.send("STAT");
            assertThat(a.line()).startsWith("+OK 2 ");
        }
    }

    @Test
    void messageNumbersStayStableWhileNewMailArrives() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            f.deliver(Pop3Fixture.ALICE, "Subject: three\r\n\r\nlate\r\n");
            c.send("STAT");
            assertThat(c.line()).startsWith("+OK 2 ");
            c.send("RETR 3");
            assertThat(c.line()).isEqualTo("-ERR No such message");
        }
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("STAT");
            assertThat(c.line()).startsWith("+OK 3 ");
        }
    }

    @Test
    void idleTimeoutClosesWithoutDeleting() throws Exception {
        f.close();
        f = Pop3Fixture.start(dir.resolve("short"), c -> new Pop3Config(c.port(), c.tlsPort(), c.bindAddress(),
                c.hostname(), c.allowPlaintextAuth(), java.time.Duration.ofSeconds(1), c.maxLineLength(),
                c.maxConnectionsPerAddress(), c.errorSoftLimit(), c.errorHardLimit()));
        f.deliver(Pop3Fixture.ALICE, "Subject: x\r\n\r\ny\r\n");
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("DELE 1");
            c.line();
            Transcript.run(c, """
                    S: -ERR Idle for too long; closing the connection (nothing deleted)
                    S: <closed>
                    """);
        }
        try (Pop3Client c = loginEventually()) {
            c.send("STAT");
            assertThat(c.line()).startsWith("+OK 1 ");
        }
    }

    /** Logs in, retrying while the server has not yet released the lock of a connection just cut. */
    private Pop3Client loginEventually() throws Exception {
        for (int i = 0; i < 50; i++) {
            Pop3Client c = f.tls();
            c.line();
            c.send("USER " + Pop3Fixture.ALICE);
            c.line();
            c.send("PASS " + Pop3Fixture.PASSWORD);
            String reply = c.line();
            if (reply.startsWith("+OK")) {
                return c;
            }
            assertThat(reply).contains("[IN-USE]");
            c.close();
            Thread.sleep(50);
        }
        throw new AssertionError("the maildrop stayed locked");
    }
}
