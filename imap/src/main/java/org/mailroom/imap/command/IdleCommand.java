package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * IDLE (RFC 2177, RFC 9051 §6.3.13): after the continuation request, the selected mailbox's changes
 * go out as they are committed (the store's events wake the session) until the client sends DONE.
 */
final class IdleCommand implements ImapCommand<NoArguments> {

    @Override
    public String name() {
        return "IDLE";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public NoArguments parse(CommandReader args, Dialect dialect) {
        return NoArguments.INSTANCE;
    }

    @Override
    public Completion execute(NoArguments request, ImapSession session) {
        session.out().continuation("idling");
        // Idling first: a change committed from here on wakes the session, none falls in between.
        session.idling(true);
        session.tellUpdates(true);
        return session.continueWith(line -> {
            session.idling(false);
            if (line.equalsIgnoreCase("DONE")) {
                return Completion.ok("IDLE terminated");
            }
            return Completion.bad("Expected DONE");
        });
    }
}
