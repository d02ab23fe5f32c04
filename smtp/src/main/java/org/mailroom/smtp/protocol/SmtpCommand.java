package org.mailroom.smtp.protocol;

import java.util.Set;

/**
 * One SMTP command: its grammar and its execution (STYLE.md §4, §6). Parsing consumes the whole
 * argument and touches no state; the dispatcher then checks {@link #validIn()} and {@link #flags()}
 * and only then calls {@link #execute}.
 *
 * @param <R> the parsed request
 */
public interface SmtpCommand<R> {

    String verb();

    Set<SessionState> validIn();

    default Set<CommandFlag> flags() {
        return Set.of();
    }

    /** @throws SyntaxException with the 500/501/555 reply to send */
    R parse(String arguments) throws SyntaxException;

    Result execute(R request, SessionContext session);

    /** The reply when the command comes in a state it is not valid in. */
    default Reply outOfSequence(SessionState state) {
        return Reply.BAD_SEQUENCE;
    }

    /**
     * Carries out a refusal decided by the dispatcher. BDAT overrides it, since its chunk follows
     * whatever the answer and must be read (RFC 3030 §3).
     */
    default Result refuse(R request, Reply why) {
        return Result.reply(why);
    }
}
