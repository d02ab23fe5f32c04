package org.mailroom.pop3.command;

import java.io.IOException;
import java.util.Set;
import org.mailroom.pop3.protocol.Arguments;
import org.mailroom.pop3.protocol.Command;
import org.mailroom.pop3.protocol.Pop3Session;
import org.mailroom.pop3.protocol.Pop3State;
import org.mailroom.pop3.protocol.Reply;
import org.mailroom.pop3.protocol.SyntaxException;

/**
 * {@code STLS} (RFC 2595 §4), in AUTHORIZATION only. Anything the client sent after STLS before the
 * handshake would be read as if TLS had protected it (the command injection of RFC 2595 §3.1 /
 * CVE-2011-0411): such a session is closed. Afterwards the session starts over, forgetting what it
 * learned in the clear.
 */
public final class StlsCommand implements Command<Void> {

    private static final Reply BEGIN = Reply.ok("Begin TLS negotiation");

    @Override
    public String name() {
        return "STLS";
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
    public void execute(Pop3Session session, Void request) throws IOException {
        if (session.channel().isSecure()) {
            session.fail(Reply.err("TLS is already active"));
            return;
        }
        if (!session.channel().canStartTls()) {
            session.channel().stlsDeclined();
            session.fail(Reply.err("TLS is not available"));
            return;
        }
        if (session.inputFollows()) {
            session.logOutcome("input pipelined after STLS");
            session.reply(Reply.err("Commands sent after STLS before the TLS handshake; closing"));
            session.close();
            return;
        }
        if (!session.channel().startTls(BEGIN.bytes())) {
            session.logOutcome("input pipelined after STLS");
            session.close();
            return;
        }
        session.tlsStarted();
    }
}
