package org.mailroom.smtp.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailroom.smtp.protocol.CommandFlag;
import org.mailroom.smtp.protocol.Reply;
import org.mailroom.smtp.protocol.Result;
import org.mailroom.smtp.protocol.SessionContext;
import org.mailroom.smtp.protocol.SessionState;
import org.mailroom.smtp.protocol.SmtpCommand;
import org.mailroom.smtp.protocol.SyntaxException;

/**
 * {@code EHLO domain} (RFC 5321 §4.1.1.1): the greeting that lists the extensions. What is listed
 * depends on the connection: STARTTLS only before TLS, AUTH only where a password may be sent.
 */
final class EhloCommand implements SmtpCommand<String> {

    @Override
    public String verb() {
        return "EHLO";
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
        return ClientName.parse(arguments, "EHLO");
    }

    @Override
    public Result execute(String name, SessionContext session) {
        session.greeted(name, true);
        List<String> lines = new ArrayList<>();
        lines.add(session.hostname());
        lines.add("PIPELINING");                                          // RFC 2920
        lines.add("SIZE " + session.config().maxMessageSize());           // RFC 1870
        lines.add("8BITMIME");                                            // RFC 6152
        lines.add("SMTPUTF8");                                            // RFC 6531
        lines.add("ENHANCEDSTATUSCODES");                                 // RFC 2034
        if (!session.isTls()) {
            lines.add("STARTTLS");                                        // RFC 3207
        }
        if (session.mayAuthenticate() && session.user().isEmpty()) {
            lines.add("AUTH " + String.join(" ", session.services().authenticator().mechanisms())); // RFC 4954
        }
        lines.add("CHUNKING");                                            // RFC 3030
        lines.add("DSN");                                                 // RFC 3461
        lines.add("LIMITS RCPTMAX=" + session.config().maxRecipients()); // RFC 9422
        return Result.reply(new Reply(250, "", lines));
    }
}
