package org.mailroom.pop3.command;

import java.util.Set;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/**
 * {@code USER name} (RFC 1939 §7). Every name is accepted, known or not, so that the answer to PASS
 * is the only one and says nothing about which of the two was wrong.
 */
public final class UserCommand implements Command<String> {

    @Override
    public String name() {
        return "USER";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.AUTHORIZATION, Pop3State.USER_GIVEN);
    }

    @Override
    public boolean carriesCredentials() {
        return true;
    }

    @Override
    public String parse(String arguments) throws SyntaxException {
        String name = arguments.strip();
        if (name.isEmpty() || name.contains(" ")) {
            throw new SyntaxException("Expected one user name");
        }
        return name;
    }

    @Override
    public void execute(Pop3Session session, String name) {
        session.userGiven(name);
        session.reply(Reply.ok("Send your password"));
    }
}
