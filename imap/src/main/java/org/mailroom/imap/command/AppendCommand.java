package org.mailroom.imap.command;

import java.time.Instant;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageContent;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.UserMailboxes;

/**
 * APPEND (RFC 9051 §6.3.12, UIDPLUS RFC 4315 APPENDUID, BINARY RFC 3516 literal8):
 * {@code append = "APPEND" SP mailbox [SP flag-list] [SP date-time] SP literal}. The literal arrives
 * spooled by the framer (bounded by APPENDLIMIT) and is stored as it came; the store computes its
 * structure once.
 */
final class AppendCommand implements ImapCommand<AppendCommand.Request> {

    record Request(MailboxName mailbox, Flags flags, Instant date, MessageContent content) {
    }

    @Override
    public String name() {
        return "APPEND";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.LOGGED_IN;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        MailboxName mailbox = dialect.mailbox(args.astring());
        args.sp();
        Flags flags = Flags.NONE;
        if (args.peek() == '(') {
            flags = FlagArgument.list(args);
            args.sp();
        }
        Instant date = null;
        if (args.peek() == '"') {
            date = DateArgument.dateTime(args);
            args.sp();
        }
        return new Request(mailbox, flags, date, AppendData.message(args));
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        Instant date = r.date() != null ? r.date() : Instant.now();
        UserMailboxes.Appended a;
        try {
            a = session.mailboxes().append(r.mailbox(), r.content(), r.flags(), date);
        } catch (StoreException e) {
            if (e.error() == StoreError.NOT_FOUND) {
                return Completion.no("[TRYCREATE] No such mailbox");
            }
            throw e;
        }
        return Completion.ok("[APPENDUID " + a.uidValidity() + " " + a.uid() + "] APPEND completed");
    }
}
