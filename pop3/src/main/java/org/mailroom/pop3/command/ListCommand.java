package org.mailroom.pop3.command;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.MarkedMaildrop;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/**
 * {@code LIST [msg]} (RFC 1939 §5): the scan listing {@code msg octets}, where octets is the exact size
 * RETR sends (before dot-stuffing). Without an argument, a multi-line listing of undeleted messages.
 */
public final class ListCommand implements Command<OptionalInt> {

    @Override
    public String name() {
        return "LIST";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public OptionalInt parse(String arguments) throws SyntaxException {
        return Arguments.optionalNumber(arguments);
    }

    @Override
    public void execute(Pop3Session session, OptionalInt number) {
        if (number.isPresent()) {
            int n = number.getAsInt();
            session.liveMessage(n).ifPresent(m -> session.reply(Reply.ok(n + " " + m.size())));
            return;
        }
        MarkedMaildrop m = session.maildrop();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= m.messages().size(); i++) {
            if (!m.isDeleted(i)) {
                lines.add(i + " " + m.get(i).size());
            }
        }
        session.replyLines(Reply.ok(m.count() + " messages (" + m.octets() + " octets)"), lines);
    }
}
