package org.mailroom.imap.command;

import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;

/** STATUS (RFC 9051 §6.3.11): {@code status = "STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"}. */
final class StatusCommand implements ImapCommand<StatusCommand.Request> {

    record Request(MailboxName mailbox, List<String> items) {
    }

    @Override
    public String name() {
        return "STATUS";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        MailboxName name = dialect.mailbox(args.astring());
        args.sp();
        return new Request(name, StatusItems.parse(args));
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        MailboxInfo info = session.mailboxes().find(r.mailbox())
                .orElseThrow(() -> new CommandFailed("[NONEXISTENT] No such mailbox"));
        session.out().untagged(StatusItems.response(session, session.dialect(), info, r.items()));
        return Completion.ok("STATUS completed");
    }
}
