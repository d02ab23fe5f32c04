package org.mailroom.imap.command;

import java.util.Set;
import java.util.TreeMap;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;

/**
 * LSUB (RFC 3501 §6.3.9, kept for IMAP4rev1 clients): {@code lsub = "LSUB" SP mailbox SP list-mailbox}.
 * When {@code %} stops at a level that is not itself subscribed but has subscribed children, that
 * level is listed with \Noselect, as RFC 3501 asks.
 */
final class LsubCommand implements ImapCommand<LsubCommand.Request> {

    record Request(String reference, String pattern) {
    }

    @Override
    public String name() {
        return "LSUB";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        String ref = dialect.pattern(args.astring());
        args.sp();
        return new Request(ref, dialect.pattern(args.listMailbox()));
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        MailboxPattern pattern = new MailboxPattern(r.reference(), r.pattern());
        TreeMap<String, Boolean> out = new TreeMap<>();
        for (MailboxName sub : session.mailboxes().subscriptions()) {
            for (MailboxName level : sub.lineage()) {
                if (pattern.matches(level.path())) {
                    out.merge(level.path(), level.equals(sub), Boolean::logicalOr);
                }
            }
        }
        for (var e : out.entrySet()) {
            session.out().untagged("LSUB (" + (e.getValue() ? "" : "\\Noselect") + ") \"/\" "
                    + ResponseWriter.quote(session.dialect().wire(e.getKey())));
        }
        return Completion.ok("LSUB completed");
    }
}
