package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;

/**
 * ENABLE (RFC 5161, RFC 9051 §6.3.1): {@code enable = "ENABLE" 1*(SP capability)}. IMAP4rev2,
 * UTF8=ACCEPT (RFC 6855 §3), CONDSTORE and QRESYNC (RFC 7162 §3.1, §3.2.3; QRESYNC implies CONDSTORE)
 * can be enabled; anything else is ignored, as the RFC asks. ENABLED names only what this command
 * newly enabled.
 */
final class EnableCommand implements ImapCommand<List<String>> {

    @Override
    public String name() {
        return "ENABLE";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public List<String> parse(CommandReader args, Dialect dialect) {
        List<String> caps = new ArrayList<>();
        caps.add(args.atom());
        while (args.trySp()) {
            caps.add(args.atom());
        }
        return caps;
    }

    @Override
    public Completion execute(List<String> request, ImapSession session) {
        StringBuilder enabled = new StringBuilder("ENABLED");
        for (String cap : request) {
            String upper = cap.toUpperCase(Locale.ROOT);
            if (upper.equals("IMAP4REV2") && !session.dialect().rev2()) {
                session.enableRev2();
                enabled.append(" IMAP4rev2");
            } else if (upper.equals("CONDSTORE") && !session.sync().condstore()) {
                session.sync().enableCondstore();
                enabled.append(" CONDSTORE");
            } else if (upper.equals("QRESYNC") && !session.sync().qresync()) {
                session.sync().enableQresync();
                enabled.append(" QRESYNC");
            } else if (upper.equals("UTF8=ACCEPT") && !session.dialect().utf8()) {
                session.enableUtf8(); // RFC 6855 §3
                enabled.append(" UTF8=ACCEPT");
            }
        }
        session.out().untagged(enabled.toString());
        return Completion.ok("ENABLE completed");
    }
}
