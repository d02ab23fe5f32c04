package org.mailroom.imap.command;

import java.util.Arrays;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/** LOGIN (RFC 9051 §6.2.3): {@code login = "LOGIN" SP userid SP password}; refused before TLS (LOGINDISABLED). */
final class LoginCommand implements ImapCommand<LoginCommand.Request> {

    record Request(String user, char[] password) {
        @Override
        public String toString() {
            return "LOGIN " + user + " ****";
        }
    }

    @Override
    public String name() {
        return "LOGIN";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.BEFORE_LOGIN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        String user = args.astring();
        args.sp();
        return new Request(user, args.astring().toCharArray());
    }

    @Override
    public Completion execute(Request request, ImapSession session) {
        try {
            if (!session.mayAuthenticate()) {
                return Completion.no(LoginReplies.PRIVACY_REQUIRED);
            }
            return LoginReplies.of(session.services().authenticator().login(request.user(), request.password(),
                    session.transport().client()), session, "LOGIN");
        } finally {
            Arrays.fill(request.password(), '\0');
        }
    }
}
