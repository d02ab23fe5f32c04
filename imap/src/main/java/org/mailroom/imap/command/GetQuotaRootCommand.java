package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;
import org.mailroom.store.Quota;

/**
 * GETQUOTAROOT (RFC 9208 §4.1.2): {@code getquotaroot = "GETQUOTAROOT" SP mailbox}. Answers QUOTAROOT
 * with the mailbox's roots (§4.2.2), then QUOTA for each; a mailbox of an account without limits has
 * no root, and the QUOTAROOT response then lists none. The mailbox need not exist (§4.1.2): the answer
 * is the root it would have, the account's.
 */
final class GetQuotaRootCommand implements ImapCommand<MailboxName> {

    @Override
    public String name() {
        return "GETQUOTAROOT";
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
    public Completion execute(MailboxName mailbox, ImapSession session) {
        Quota quota = session.mailboxes().quota();
        String name = MailboxArgument.quoted(session.dialect(), mailbox);
        if (!QuotaReport.hasRoot(quota)) {
            session.out().untagged("QUOTAROOT " + name);
        } else {
            session.out().untagged("QUOTAROOT " + name + " \"" + QuotaReport.ROOT + "\"");
            session.out().untagged(QuotaReport.response(quota, session.mailboxes().usage()));
        }
        return Completion.ok("GETQUOTAROOT completed");
    }
}
