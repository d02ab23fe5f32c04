package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;

/**
 * RENAME (RFC 9051 §6.3.6): {@code rename = "RENAME" SP mailbox SP mailbox}. Children move with their
 * parent; renaming INBOX moves its messages to the new mailbox and leaves INBOX empty (the store does it).
 */
final class RenameCommand implements ImapCommand<RenameCommand.Request> {

    record Request(MailboxName from, MailboxName to) {
    }

    @Override
    public String name() {
        return "RENAME";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        MailboxName from = dialect.mailbox(args.astring());
        args.sp();
        return new Request(from, dialect.mailbox(args.astring()));
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        if (r.to().isInbox()) {
            return Completion.no("[ALREADYEXISTS] INBOX exists already");
        }
        session.mailboxes().rename(r.from(), r.to());
        return Completion.ok("RENAME completed");
    }
}
