package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.Quota;

/**
 * GETQUOTA (RFC 9208 §4.1.1): {@code getquota = "GETQUOTA" SP quota-root}. The only root is the
 * account's own, {@code ""}; any other name, or the root of an account without limits, is NO.
 */
final class GetQuotaCommand implements ImapCommand<String> {

    @Override
    public String name() {
        return "GETQUOTA";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public String parse(CommandReader args, Dialect dialect) {
        return args.astring();
    }

    @Override
    public Completion execute(String root, ImapSession session) {
        Quota quota = session.mailboxes().quota();
        if (!root.equals(QuotaReport.ROOT) || !QuotaReport.hasRoot(quota)) {
            throw new CommandFailed("[NONEXISTENT] No such quota root");
        }
        session.out().untagged(QuotaReport.response(quota, session.mailboxes().usage()));
        return Completion.ok("GETQUOTA completed");
    }
}
