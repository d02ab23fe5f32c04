package org.mailroom.pop3.command;

import java.util.EnumSet;
import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.RespCode;
import org.mailroom.pop3.protocol.SyntaxException;
import org.mailroom.store.StoreException;

/**
 * {@code QUIT} (RFC 1939 §4, §6). In TRANSACTION it enters the UPDATE state: the messages marked
 * deleted are removed in one transaction and the maildrop is released; if that fails nothing is
 * removed and the reply says so. In AUTHORIZATION it only says goodbye.
 */
public final class QuitCommand implements Command<Void> {

    @Override
    public String name() {
        return "QUIT";
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
        if (session.state() == Pop3State.TRANSACTION) {
            try {
                int n = session.commitDeletions();
                session.reply(Reply.ok("Bye; " + n + (n == 1 ? " message" : " messages") + " deleted"));
            } catch (StoreException e) {
                session.logOutcome("update failed: " + e.error());
                session.reply(Reply.err(RespCode.SYS_TEMP, "Some deleted messages not removed; nothing was deleted"));
            }
        } else {
            session.logOutcome("quit");
            session.reply(Reply.BYE);
        }
        session.close();
    }
}
