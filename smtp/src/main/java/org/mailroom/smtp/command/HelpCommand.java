package org.mailroom.smtp.command;

import java.util.List;
import java.util.Set;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;

/** {@code HELP [SP String]} (RFC 5321 §4.1.1.8): points to the standard, names no software. */
final class HelpCommand implements SmtpCommand<String> {

    @Override
    public String verb() {
        return "HELP";
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
        return Result.reply(new Reply(214, "2.0.0", List.of(
                "Commands: HELO EHLO MAIL RCPT DATA BDAT RSET VRFY EXPN NOOP QUIT HELP STARTTLS AUTH",
                "See RFC 5321: https://www.rfc-editor.org/rfc/rfc5321")));
    }
}
