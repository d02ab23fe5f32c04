package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/** NAMESPACE (RFC 2342, RFC 9051 §6.3.10): one personal namespace, no prefix, "/" separator; nothing shared. */
final class NamespaceCommand implements ImapCommand<NoArguments> {

    @Override
    public String name() {
        return "NAMESPACE";
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
        session.out().untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        return Completion.ok("NAMESPACE completed");
    }
}
