package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * NOOP (RFC 9051 §6.1.2) and CHECK (RFC 3501 §6.4.1, gone from IMAP4rev2 but still sent by rev1
 * clients): nothing to do beyond what the dispatcher does after every command, telling the changes.
 */
final class NoopCommand implements ImapCommand<NoArguments> {

    private final String name;

    NoopCommand(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<SessionState> states() {
        return name.equals("CHECK") ? SessionState.WITH_MAILBOX : SessionState.ANY;
    }

    @Override
    public NoArguments parse(CommandReader args, Dialect dialect) {
        return NoArguments.INSTANCE;
    }

    @Override
    public Completion execute(NoArguments request, ImapSession session) {
        return Completion.ok(name + " completed");
    }
}
