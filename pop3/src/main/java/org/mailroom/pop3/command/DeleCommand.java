package org.mailroom.pop3.command;

import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/** {@code DELE msg} (RFC 1939 §5): only marks; the message goes at QUIT, in the UPDATE state. */
public final class DeleCommand implements Command<Integer> {

    @Override
    public String name() {
        return "DELE";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public Integer parse(String arguments) throws SyntaxException {
        return Arguments.oneNumber(arguments);
    }

    @Override
    public void execute(Pop3Session session, Integer number) {
        session.liveMessage(number).ifPresent(m -> {
            session.markDeleted(number);
            session.reply(Reply.ok("Message " + number + " deleted"));
        });
    }
}
