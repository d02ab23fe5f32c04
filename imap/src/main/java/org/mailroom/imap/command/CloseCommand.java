package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.UidSet;

/**
 * CLOSE (RFC 9051 §6.4.1) silently expunges a read-write mailbox, then unselects; UNSELECT (RFC 3691,
 * RFC 9051 §6.4.2) only unselects. Neither sends EXPUNGE responses.
 */
final class CloseCommand implements ImapCommand<NoArguments> {

    private final boolean expunge;

    CloseCommand(boolean expunge) {
        this.expunge = expunge;
    }

    @Override
    public String name() {
        return expunge ? "CLOSE" : "UNSELECT";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.WITH_MAILBOX;
    }

    @Override
    public NoArguments parse(CommandReader args, Dialect dialect) {
        return NoArguments.INSTANCE;
    }

    @Override
    public Completion execute(NoArguments request, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        session.unselect();
        if (expunge && !s.readOnly()) {
            session.mailboxes().expunge(s.id(), UidSet.ALL);
        }
        return Completion.ok(name() + " completed");
    }
}
