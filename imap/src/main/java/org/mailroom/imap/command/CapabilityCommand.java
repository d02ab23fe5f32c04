package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/** CAPABILITY (RFC 9051 §6.1.1): {@code capability = "CAPABILITY"}. */
final class CapabilityCommand implements ImapCommand<NoArguments> {

    @Override
    public String name() {
        return "CAPABILITY";
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
        session.out().untagged("CAPABILITY " + session.capabilities());
        return Completion.ok("CAPABILITY completed");
    }
}
