package org.mailroom.pop3;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a client sees when the store fails under it, and what is left when a client goes away mid-response. */
class Pop3FailureTest {

    @TempDir
    Path dir;
    Pop3Fixture f;

    @BeforeEach
    void setUp() {
        f = Pop3Fixture.start(dir);
        f.deliver(Pop3Fixture.ALICE, "Subject: one\r\n\r\nbody\r\n");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aClientThatLeavesInTheMiddleOfALargeRetrLosesNothingAndFreesTheMaildrop() throws Exception {
        StringBuilder m = new StringBuilder("Subject: big\r\n\r\n");
        while (m.length() < 2_000_000) {
            m.append("a line of a message that is large enough to fill every buffer on the way\r\n");
        }
        f.deliver(Pop3Fixture.ALICE, m.toString());
        Pop3Client c = f.loggedIn(Pop3Fixture.ALICE);
        c.send("DELE 1");
        c.line();
        c.send("RETR 2");
        assertThat(c.line()).startsWith("+OK ");
        c.line();
        c.drop();
        Pop3Client again = null;
        for (int i = 0; i < 100 && again == null; i++) {
            Pop3Client t = f.tls();
            t.line();
            t.send("USER " + Pop3Fixture.ALICE);
            t.line();
            t.send("PASS " + Pop3Fixture.PASSWORD);
            if (t.line().startsWith("+OK")) {
                again = t;
            } else {
                t.close();
                Thread.sleep(100);
            }
        }
        assertThat(again).as("the maildrop was released").isNotNull();
        again.send("STAT");
        assertThat(again.line()).startsWith("+OK 2 ");
        again.close();
    }

    @Test
    void aStoreThatGoesAwayGivesSysTempAndNothingIsDeleted() throws Exception {
        try (Pop3Client c = f.loggedIn(Pop3Fixture.ALICE)) {
            c.send("DELE 1");
            c.line();
            f.store.close();
            Transcript.run(c, """
                    C: RETR 1
                    S: -ERR Message already deleted
                    C: RSET
                    S~ \\+OK Maildrop has 1 messages .*
                    C: RETR 1
                    S: -ERR [SYS/TEMP] Mail store temporarily unavailable; try again later
                    C: DELE 1
                    S: +OK Message 1 deleted
                    C: QUIT
                    S: -ERR [SYS/TEMP] Some deleted messages not removed; nothing was deleted
                    S: <closed>
                    """);
        }
    }
}
