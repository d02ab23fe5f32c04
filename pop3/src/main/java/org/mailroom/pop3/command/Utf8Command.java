package org.mailroom.pop3.command;

import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/**
 * {@code UTF8} (RFC 6856 §2), in AUTHORIZATION: the client accepts UTF-8 in headers and replies.
 * Messages are sent as stored either way: downgrading internationalized messages for clients that
 * never send UTF8 (RFC 6857, RFC 6858) is not done, so such a client gets the UTF-8 header as delivered.
 */
public final class Utf8Command implements Command<Void> {

    @Override
    public String name() {
        return "UTF8";
    }

    @Override
    public Set<Pop3State> states() {
        return Set.of(Pop3State.AUTHORIZATION, Pop3State.USER_GIVEN);
    }

    @Override
    public Void parse(String arguments) throws SyntaxException {
        Arguments.none(arguments);
        return null;
    }

    @Override
    public void execute(Pop3Session session, Void request) {
        session.enableUtf8();
        session.reply(Reply.ok("UTF8 enabled"));
    }
}
