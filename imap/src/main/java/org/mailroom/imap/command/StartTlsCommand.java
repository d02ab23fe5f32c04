package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * STARTTLS (RFC 9051 §6.2.1): the TLS handshake starts right after the tagged OK. Input pipelined
 * behind it is refused by the dispatcher ({@link #endsPipeline()}); nothing learned before TLS is kept,
 * as nothing but the greeting's capabilities was said (and a client must ask for them again).
 */
final class StartTlsCommand implements ImapCommand<NoArguments> {

    @Override
    public String name() {
        return "STARTTLS";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.BEFORE_LOGIN;
    }

    @Override
    public boolean endsPipeline() {
        return true;
    }

    @Override
    public NoArguments parse(CommandReader args, Dialect dialect) {
        return NoArguments.INSTANCE;
    }

    @Override
    public Completion execute(NoArguments request, ImapSession session) {
        if (!session.mayStartTls()) {
            return Completion.bad(session.transport().isSecure() ? "TLS is already active" : "TLS is not available");
        }
        session.startTlsAfterReply();
        return Completion.ok("Begin TLS negotiation now");
    }
}
