package org.mailroom.smtp.protocol;

import java.time.Duration;
import java.util.Optional;

/** What the session does after a command ran: the dispatcher carries it out (STYLE.md §6). */
public sealed interface Result {

    static Result reply(Reply reply) {
        return new Send(reply);
    }

    /** Send a reply and read the next command. */
    record Send(Reply reply) implements Result {
    }

    /** Send a reply and close the connection. */
    record Close(Reply reply) implements Result {
    }

    /** Send a reply after a pause, reading nothing meanwhile (growing delays for abusers, failed logins). */
    record Delayed(Reply reply, Duration delay, boolean closeAfter) implements Result {
    }

    /** Send {@code intermediate} (354 for DATA; none for BDAT) and hand the following octets to {@code transfer}. */
    record StartTransfer(Optional<Reply> intermediate, Transfer transfer) implements Result {
    }

    /** Send the 220 reply to STARTTLS in clear text, then negotiate TLS (RFC 3207 §4). */
    record StartTls(Reply ready) implements Result {
    }

    /** Send a 334 challenge; the next line goes to {@code handler} instead of being a command (RFC 4954 §4). */
    record Continue(Reply challenge, LineHandler handler) implements Result {
    }

    /** Receives the line following a {@link Continue}. */
    @FunctionalInterface
    interface LineHandler {
        Result onLine(String line, SessionContext session);
    }
}
