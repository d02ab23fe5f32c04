package org.mailroom.smtp.command;

import java.util.Set;
import org.mailroom.smtp.protocol.CommandFlag;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;

/** {@code NOOP [SP String]} (RFC 5321 §4.1.1.9): the argument, if any, is ignored. */
final class NoopCommand implements SmtpCommand<String> {

    @Override
    public String verb() {
        return "NOOP";
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
    public String parse(String arguments) {
        return "";
    }

    @Override
    public Result execute(String request, SessionContext session) {
        return Result.reply(Reply.OK);
    }
}
