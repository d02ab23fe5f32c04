package org.mailroom.smtp.command;

import java.util.Set;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SyntaxException;

/**
 * {@code VRFY string} (RFC 5321 §3.5.3, §4.1.1.6): 252 for any argument, so that nobody learns which
 * users exist; the address is not even looked up.
 */
final class VrfyCommand implements SmtpCommand<String> {

    @Override
    public String verb() {
        return "VRFY";
    }

    @Override
    public Set<SessionState> validIn() {
        return States.ANY;
    }

    @Override
    public String parse(String arguments) throws SyntaxException {
        if (arguments.isBlank()) {
            throw SyntaxException.of(501, "5.5.4", "Syntax: VRFY address");
        }
        return arguments;
    }

    @Override
    public Result execute(String request, SessionContext session) {
        return Result.reply(Reply.of(252, "2.0.0", "Cannot VRFY user, but will accept message and attempt delivery"));
    }
}
