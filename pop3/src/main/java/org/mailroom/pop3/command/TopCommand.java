package org.mailroom.pop3.command;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;
import org.mailroom.store.Maildrop.MaildropMessage;

/**
 * {@code TOP msg n} (RFC 1939 §7): the header, the blank line, then the first n lines of the body
 * (all of it if shorter), dot-stuffed like RETR.
 */
public final class TopCommand implements Command<TopCommand.Request> {

    public record Request(int message, int lines) {
    }

    @Override
    public String name() {
        return "TOP";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.TRANSACTION);
    }

    @Override
    public Request parse(String arguments) throws SyntaxException {
        List<String> w = Arguments.words(arguments);
        if (w.size() != 2) {
            throw new SyntaxException("Expected a message number and a line count");
        }
        return new Request(Arguments.number(w.get(0)), Arguments.number(w.get(1)));
    }

    @Override
    public void execute(Pop3Session session, Request request) throws IOException {
        Optional<MaildropMessage> m = session.liveMessage(request.message());
        if (m.isPresent()) {
            session.replyMessage(Reply.ok("Top of message follows"), m.get(), request.lines());
        }
    }
}
