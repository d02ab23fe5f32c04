package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;

/**
 * DELETE (RFC 9051 §6.3.5): {@code delete = "DELETE" SP mailbox}. INBOX is refused by the store
 * ([CANNOT]). A mailbox with children is refused with NO [HASCHILDREN], as §6.3.5 asks of a server
 * that keeps no \Noselect names; deleting the selected mailbox unselects it.
 */
final class DeleteCommand implements ImapCommand<MailboxName> {

    @Override
    public String name() {
        return "DELETE";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public MailboxName parse(CommandReader args, Dialect dialect) {
        return dialect.mailbox(args.astring());
    }

    @Override
    public Completion execute(MailboxName name, ImapSession session) {
        if (session.mailboxes().list().stream().anyMatch(m -> m.name().isDescendantOf(name))) {
            return Completion.no("[HASCHILDREN] Delete the mailboxes inside it first");
        }
        session.mailboxes().delete(name);
        SelectedMailbox s = session.selected();
        if (s != null && s.name().equals(name)) {
            session.unselect();
            if (session.dialect().rev2()) {
                session.out().untagged("OK [CLOSED] Selected mailbox deleted");
            }
        }
        return Completion.ok("DELETE completed");
    }
}
