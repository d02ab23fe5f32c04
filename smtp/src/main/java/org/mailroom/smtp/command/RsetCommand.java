package org.mailroom.smtp.command;

import java.util.Set;
import org.mailroom.smtp.protocol.CommandFlag;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SyntaxException;

/** {@code RSET} (RFC 5321 §4.1.1.5): abandons the transaction, keeps the greeting and the login. */
final class RsetCommand implements SmtpCommand<NoArguments> {

    @Override
    public String verb() {
        return "RSET";
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
        return NoArguments.parse(arguments, "RSET");
    }

    @Override
    public Result execute(NoArguments request, SessionContext session) {
        session.resetTransaction();
        return Result.reply(Reply.of(250, "2.0.0", "Flushed"));
    }
}
