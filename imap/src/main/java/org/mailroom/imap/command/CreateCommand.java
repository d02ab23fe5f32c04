package org.mailroom.imap.command;

import java.util.Optional;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;

/**
 * CREATE (RFC 9051 §6.3.4): {@code create = "CREATE" SP mailbox}. A trailing separator only says
 * the client means to create children, and is dropped; missing ancestors are created too.
 */
final class CreateCommand implements ImapCommand<MailboxName> {

    @Override
    public String name() {
        return "CREATE";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public MailboxName parse(CommandReader args, Dialect dialect) {
        String wire = args.astring();
        while (wire.length() > 1 && wire.endsWith("/")) {
            wire = wire.substring(0, wire.length() - 1);
        }
        return dialect.mailbox(wire);
    }

    @Override
    public Completion execute(MailboxName name, ImapSession session) {
        long id = session.mailboxes().create(name, Optional.empty()).id();
        return Completion.ok("[MAILBOXID (" + org.mailroom.imap.fetch.ObjectIds.mailboxId(id) + ")] CREATE completed"); // RFC 8474 §4.1
    }
}
