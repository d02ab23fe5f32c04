package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * One IMAP command: its grammar and its execution, with what the dispatcher checks declared as data
 * (STYLE.md §4–6). {@link #parse} reads every argument after the command name into an immutable
 * request and touches nothing else; {@link #execute} runs it.
 *
 * @param <R> the parsed request
 */
public interface ImapCommand<R> {

    /** The name as the client writes it, upper case; UID forms include the prefix ("UID FETCH"). */
    String name();

    Set<SessionState> states();

    /**
     * Whether EXPUNGE responses may go out around this command: not for FETCH, STORE and SEARCH by
     * sequence number (RFC 9051 §7.5.1), whose client may be counting on sequence numbers.
     */
    default boolean mayExpunge() {
        return true;
    }

    /** Whether pipelined input after this command is a violation (STARTTLS, STYLE.md §14). */
    default boolean endsPipeline() {
        return false;
    }

    /** Reads the arguments after the command name (and its space), up to the end of the command. */
    R parse(CommandReader args, Dialect dialect);

    Completion execute(R request, ImapSession session);
}
