package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * SETQUOTA (RFC 9208 §4.1.3): {@code setquota = "SETQUOTA" SP quota-root SP setquota-list}. Quotas
 * are the administrator's (mailroom-admin), never the user's, so a well-formed SETQUOTA is always
 * refused; QUOTASET is not advertised (RFC 9208 §4.1.3 lets a server refuse it this way).
 */
final class SetQuotaCommand implements ImapCommand<String> {

    @Override
    public String name() {
        return "SETQUOTA";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    /** {@code setquota-list = "(" [setquota-resource *(SP setquota-resource)] ")"}, resource-name SP number. */
    @Override
    public String parse(CommandReader args, Dialect dialect) {
        String root = args.astring();
        args.sp();
        args.list(() -> {
            String resource = args.atom();
            args.sp();
            args.number();
            return resource;
        }, true);
        return root;
    }

    @Override
    public Completion execute(String root, ImapSession session) {
        return Completion.no("[NOPERM] Quotas are set by the administrator");
    }
}
