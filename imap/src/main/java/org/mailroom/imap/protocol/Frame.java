package org.mailroom.imap.protocol;

import java.util.List;
import org.mailroom.store.MessageContent;

/** What the {@link CommandFramer} hands on: a whole command, a request to send "+", or a refusal. */
public sealed interface Frame {

    /** One part of a command: the text of a line (up to and including a literal's {n}), or a literal's octets. */
    sealed interface Part {
    }

    record Text(byte[] bytes) implements Part {
    }

    /** A literal's content; closing it releases its spool. */
    record Literal(MessageContent content, boolean binary) implements Part {
    }

    /**
     * A complete command line with its literals.
     *
     * @param pipelinedInput more octets followed this command in the same read (a STARTTLS violation)
     */
    record Command(List<Part> parts, boolean pipelinedInput) implements Frame {

        public Command {
            parts = List.copyOf(parts);
        }
    }

    /** A synchronising literal was announced and fits: the session sends a continuation request (RFC 9051 §7.5). */
    record ContinuationWanted() implements Frame {
    }

    /**
     * The command was dropped before its end: a line too long, or a synchronising literal larger than
     * allowed. The client sends nothing more of it; the session replies to {@code tag}.
     */
    record Refused(String tag, Reason reason) implements Frame {
    }

    /** Input the session cannot recover from (a non-synchronising literal too big): BYE and close. */
    record Fatal(String tag, Reason reason) implements Frame {
    }

    enum Reason { LINE_TOO_LONG, LITERAL_TOO_BIG, TOO_MANY_LITERALS, COMMAND_TOO_BIG }
}
