package org.mailroom.pop3.command;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;
import org.mailroom.store.Maildrop.MaildropMessage;

/** {@code RETR msg} (RFC 1939 §5): the whole message, streamed from the store, dot-stuffed. */
public final class RetrCommand implements Command<Integer> {

    @Override
    public String name() {
        return "RETR";
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
    public void execute(Pop3Session session, Integer number) throws IOException {
        Optional<MaildropMessage> m = session.liveMessage(number);
        if (m.isPresent()) {
            session.replyMessage(Reply.ok(m.get().size() + " octets"), m.get(), -1);
        }
    }
}
