package org.mailroom.imap.command;

import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * ID (RFC 2971): {@code id = "ID" SP id-params-list}, {@code id-params-list = "(" *(string SP nstring) ")" / nil}.
 * The answer is NIL: the server names no software or version (DESIGN.md, "Security by default").
 */
final class IdCommand implements ImapCommand<NoArguments> {

    @Override
    public String name() {
        return "ID";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.ANY;
    }

    @Override
    public NoArguments parse(CommandReader args, Dialect dialect) {
        if (args.tryChar('(')) {
            int pairs = 0;
            while (!args.tryChar(')')) {
                if (pairs > 0) {
                    args.sp();
                }
                args.string();
                args.sp();
                args.nstring();
                if (++pairs > 30) {
                    throw new org.mailroom.imap.protocol.SyntaxError("too many ID fields");
                }
            }
        } else {
            args.nstring();
        }
        return NoArguments.INSTANCE;
    }

    @Override
    public Completion execute(NoArguments request, ImapSession session) {
        session.out().untagged("ID NIL");
        return Completion.ok("ID completed");
    }
}
