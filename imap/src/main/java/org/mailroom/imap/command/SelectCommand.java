package org.mailroom.imap.command;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.session.CommandFailed;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxInfo;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;

/**
 * SELECT and EXAMINE (RFC 9051 §6.3.2–6.3.3): {@code select = "SELECT" SP mailbox}. A failed SELECT
 * leaves no mailbox selected. IMAP4rev1 clients also get RECENT and UNSEEN; IMAP4rev2 clients a
 * LIST response and, when a mailbox was selected before, {@code [CLOSED]} (RFC 9051 §7.1).
 */
final class SelectCommand implements ImapCommand<MailboxName> {

    static final String SYSTEM_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";
    private final boolean readOnly;

    SelectCommand(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public String name() {
        return readOnly ? "EXAMINE" : "SELECT";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public MailboxName parse(CommandReader args, Dialect dialect) {
        return dialect.mailbox(args.astring());
    }

    @Override
    public Completion execute(MailboxName name, ImapSession session) {
        ResponseWriter out = session.out();
        boolean rev2 = session.dialect().rev2();
        if (session.selected() != null) {
            session.unselect();
            if (rev2) {
                out.untagged("OK [CLOSED] Previous mailbox closed");
            }
        }
        MailboxInfo info = session.mailboxes().find(name)
                .orElseThrow(() -> new CommandFailed("[NONEXISTENT] No such mailbox"));
        SelectedMailbox selected = new SelectedMailbox(info.id(), info.name(), readOnly, info.uidValidity());
        session.select(selected);
        List<MessageSummary> messages;
        try {
            messages = session.mailboxes().messages(info.id(), UidSet.ALL);
        } catch (RuntimeException e) {
            session.unselect(); // RFC 9051 §6.3.2: a failed SELECT leaves no mailbox selected
            throw e;
        }
        List<Long> uids = messages.stream().map(MessageSummary::uid).toList();
        List<Long> recent = readOnly ? List.of() : session.recentRegistry().claim(info.id(), uids);
        selected.load(messages, recent);
        Set<String> keywords = new TreeSet<>();
        for (MessageSummary m : messages) {
            keywords.addAll(m.flags().keywords());
        }
        String kw = keywords.isEmpty() ? "" : " " + String.join(" ", keywords);
        long uidNext = Math.max(info.uidNext(), uids.isEmpty() ? 1 : uids.get(uids.size() - 1) + 1);

        out.untagged("FLAGS (" + SYSTEM_FLAGS + kw + ")");
        out.untagged(selected.exists() + " EXISTS");
        if (!rev2) {
            out.untagged(selected.recentCount() + " RECENT");
            int unseen = selected.firstUnseen();
            if (unseen > 0) {
                out.untagged("OK [UNSEEN " + unseen + "] First unseen");
            }
        }
        out.untagged("OK [UIDVALIDITY " + info.uidValidity() + "] UIDs valid");
        out.untagged("OK [UIDNEXT " + uidNext + "] Predicted next UID");
        out.untagged(readOnly ? "OK [PERMANENTFLAGS ()] No permanent flags permitted"
                : "OK [PERMANENTFLAGS (" + SYSTEM_FLAGS + kw + " \\*)] Flags permitted");
        out.untagged("OK [MAILBOXID (" + org.mailroom.imap.fetch.ObjectIds.mailboxId(info.id()) + ")] Ok"); // RFC 8474 §4.2
        if (rev2) {
            out.untagged("LIST () \"/\" " + MailboxArgument.quoted(session.dialect(), info.name()));
        }
        return Completion.ok((readOnly ? "[READ-ONLY] " : "[READ-WRITE] ") + name() + " completed");
    }
}
