package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * UNAUTHENTICATE (RFC 8437 §3, §6): {@code command-auth =/ "UNAUTHENTICATE"}, also in selected state.
 * Never NO (§3): the client may have pipelined its next AUTHENTICATE behind it. Unknown (BAD) when
 * {@code imap.unauthenticate} is off, as it is then not advertised either.
 */
final class UnauthenticateCommand implements ImapCommand<NoArguments> {

    @Override
    public String name() {
        return "UNAUTHENTICATE";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public NoArguments parse(CommandReader args, Dialect dialect) {
        return NoArguments.INSTANCE;
    }

    @Override
    public Completion execute(NoArguments request, ImapSession session) {
        if (!session.config().unauthenticate()) {
            return Completion.bad("Unknown command UNAUTHENTICATE");
        }
        if (session.compressed()) {
            // RFC 8437 §4.1 would end the outgoing DEFLATE layer here; the transport cannot take it off
            // again, and a NO is not allowed (§3), so this is the "preferably rare situation" of §3:
            // BYE, and the client logs in again on a new connection.
            session.out().untagged("BYE Compression cannot be ended on this connection; reconnect to log in again");
            session.unselect();
            session.logout();
            return Completion.ok("UNAUTHENTICATE completed, connection closing");
        }
        session.unauthenticate();
        return Completion.ok("UNAUTHENTICATE completed");
    }
}
