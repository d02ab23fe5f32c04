package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;

/**
 * SUBSCRIBE and UNSUBSCRIBE (RFC 9051 §6.3.7–6.3.8): {@code subscribe = "SUBSCRIBE" SP mailbox}.
 * Subscribing needs an existing mailbox, as Dovecot does; unsubscribing takes any name.
 */
final class SubscribeCommand implements ImapCommand<MailboxName> {

    private final boolean subscribe;

    SubscribeCommand(boolean subscribe) {
        this.subscribe = subscribe;
    }

    @Override
    public String name() {
        return subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE";
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
        if (subscribe && session.mailboxes().find(name).isEmpty()) {
            throw new CommandFailed("[NONEXISTENT] No such mailbox");
        }
        session.mailboxes().subscribe(name, subscribe);
        return Completion.ok(name() + " completed");
    }
}
