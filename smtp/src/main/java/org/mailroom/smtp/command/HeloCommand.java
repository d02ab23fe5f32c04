package org.mailroom.smtp.command;

import java.util.Set;
import org.mailroom.smtp.protocol.CommandFlag;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SyntaxException;

/** {@code HELO domain} (RFC 5321 §4.1.1.1): the old greeting, without extensions. */
final class HeloCommand implements org.mailroom.smtp.protocol.SmtpCommand<String> {

    @Override
    public String verb() {
        return "HELO";
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
    public String parse(String arguments) throws SyntaxException {
        return ClientName.parse(arguments, "HELO");
    }

    @Override
    public Result execute(String name, SessionContext session) {
        session.greeted(name, false);
        return Result.reply(Reply.plain(250, session.hostname()));
    }
}
