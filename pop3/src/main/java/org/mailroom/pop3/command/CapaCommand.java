package org.mailroom.pop3.command;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/**
 * {@code CAPA} (RFC 2449 §5): exactly what this session may use now. USER and SASL appear only where
 * a password may be sent (after TLS, or with {@code auth.allow-plaintext}), STLS only before TLS
 * (RFC 2595 §4), and the login capabilities only before login, as RFC 2449 §5 lets the list change
 * with the state. No IMPLEMENTATION line: nothing names the software.
 */
public final class CapaCommand implements Command<Void> {

    @Override
    public String name() {
        return "CAPA";
    }

    @Override
    public Set<Pop3State> states() {
        return EnumSet.allOf(Pop3State.class);
    }

    @Override
    public Void parse(String arguments) throws SyntaxException {
        Arguments.none(arguments);
        return null;
    }

    @Override
    public void execute(Pop3Session session, Void request) {
        List<String> caps = new ArrayList<>();
        caps.add("TOP");
        caps.add("UIDL");
        caps.add("RESP-CODES");
        caps.add("AUTH-RESP-CODE");
        caps.add("PIPELINING");
        caps.add("EXPIRE NEVER");
        boolean loggingIn = session.state() != Pop3State.TRANSACTION;
        if (loggingIn) {
            // RFC 6856 §2: UTF8 with USER: names and passwords may be UTF-8 even without the UTF8 command
            caps.add("UTF8 USER");
            if (session.passwordsAllowed()) {
                caps.add("USER");
                caps.add("SASL " + String.join(" ", session.authenticator().mechanisms()));
            }
            if (session.channel().canStartTls()) {
                caps.add("STLS");
            }
        }
        session.replyLines(Reply.ok("Capability list follows"), caps);
    }
}
