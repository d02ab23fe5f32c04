package org.mailroom.smtp.command;

import java.util.Set;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;

/** {@code EXPN} (RFC 5321 §3.5.2, §7.3): refused, since expanding lists hands out their members. */
final class ExpnCommand implements SmtpCommand<String> {

    @Override
    public String verb() {
        return "EXPN";
    }

    @Override
    public Set<SessionState> validIn() {
        return States.ANY;
    }

    @Override
    public String parse(String arguments) {
        return "";
    }

    @Override
    public Result execute(String request, SessionContext session) {
        return Result.reply(Reply.of(502, "5.5.1", "EXPN not available"));
    }
}
