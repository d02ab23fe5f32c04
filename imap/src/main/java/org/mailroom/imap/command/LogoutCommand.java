package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/** LOGOUT (RFC 9051 §6.1.3): BYE, then the tagged OK, then the connection closes. */
final class LogoutCommand implements ImapCommand<NoArguments> {

    @Override
    public String name() {
        return "LOGOUT";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.ANY;
    }

    @Override
    public NoArguments parse(CommandReader args, Dialect dialect) {
        return NoArguments.INSTANCE;
    }

    @Override
    public Completion execute(NoArguments request, ImapSession session) {
        session.out().untagged("BYE Logging out");
        session.unselect();
        session.logout();
        return Completion.ok("LOGOUT completed");
    }
}
