package org.mailroom.pop3.command;

import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.MarkedMaildrop;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/** {@code RSET} (RFC 1939 §5): unmarks every message marked deleted in this session. */
public final class RsetCommand implements Command<Void> {

    @Override
    public String name() {
        return "RSET";
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
        session.unmarkAll();
        MarkedMaildrop m = session.maildrop();
        session.reply(Reply.ok("Maildrop has " + m.count() + " messages (" + m.octets() + " octets)"));
    }
}
