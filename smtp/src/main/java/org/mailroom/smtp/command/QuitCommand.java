package org.mailroom.smtp.command;

import java.util.Set;
import org.mailroom.smtp.protocol.CommandFlag;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SyntaxException;

/** {@code QUIT} (RFC 5321 §4.1.1.10): 221, then the server closes; an unfinished transaction is dropped. */
final class QuitCommand implements SmtpCommand<NoArguments> {

    @Override
    public String verb() {
        return "QUIT";
    }

    @Override
    public Set<SessionState> validIn() {
        return States.ANY;
    }

    @Override
    public Set<CommandFlag> flags() {
        return Set.of(CommandFlag.QUICK);
    }

    @Override
    public NoArguments parse(String arguments) throws SyntaxException {
        return NoArguments.parse(arguments, "QUIT");
    }

    @Override
    public Result execute(NoArguments request, SessionContext session) {
        session.resetTransaction();
        return new Result.Close(Reply.of(221, "2.0.0", session.hostname() + " Bye"));
    }
}
