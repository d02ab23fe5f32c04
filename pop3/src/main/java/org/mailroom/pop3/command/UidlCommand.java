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
 * {@code UIDL [msg]} (RFC 1939 §7): the unique-id listing. The id is {@code uidvalidity.uid} of the
 * message in INBOX: unique, never reused (UIDs are not reused within a UIDVALIDITY), stable across
 * sessions and restarts, and within the 1-70 printable characters §7 allows.
 */
public final class UidlCommand implements Command<OptionalInt> {

    @Override
    public String name() {
        return "UIDL";
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
            session.liveMessage(n).ifPresent(m -> session.reply(Reply.ok(n + " " + uniqueId(session, m.uid()))));
            return;
        }
        MarkedMaildrop m = session.maildrop();
        List<String> lines = new ArrayList<>();
        for (int i = 1; i <= m.messages().size(); i++) {
            if (!m.isDeleted(i)) {
                lines.add(i + " " + uniqueId(session, m.get(i).uid()));
            }
        }
        session.replyLines(Reply.ok("Unique-id listing follows"), lines);
    }

    static String uniqueId(Pop3Session session, long uid) {
        return session.maildrop().uidValidity() + "." + uid;
    }
}
