package org.mailroom.smtp.command;

import java.util.Set;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SyntaxException;

/**
 * {@code STARTTLS} (RFC 3207 §4): 220, then the handshake. The dispatcher refuses octets pipelined
 * after it, and once TLS is up the session starts over (RFC 3207 §4.2).
 */
final class StartTlsCommand implements SmtpCommand<NoArguments> {

    @Override
    public String verb() {
        return "STARTTLS";
    }

    @Override
    public Set<SessionState> validIn() {
        return States.OUTSIDE_TRANSACTION;
    }

    @Override
    public NoArguments parse(String arguments) throws SyntaxException {
        return NoArguments.parse(arguments, "STARTTLS");
    }

    @Override
    public Result execute(NoArguments request, SessionContext session) {
        if (session.isTls()) {
            return Result.reply(Reply.of(503, "5.5.1", "TLS already active"));
        }
        return new Result.StartTls(Reply.of(220, "2.0.0", "Ready to start TLS"));
    }
}
