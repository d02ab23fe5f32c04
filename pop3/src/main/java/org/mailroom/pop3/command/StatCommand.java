package org.mailroom.pop3.command;

import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/** {@code STAT} (RFC 1939 §5): {@code +OK count octets}, messages marked deleted left out. */
public final class StatCommand implements Command<Void> {

    @Override
    public String name() {
        return "STAT";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public Void parse(String arguments) throws SyntaxException {
        Arguments.none(arguments);
        return null;
    }

    @Override
    public void execute(Pop3Session session, Void request) {
        session.reply(Reply.ok(session.maildrop().count() + " " + session.maildrop().octets()));
    }
}
