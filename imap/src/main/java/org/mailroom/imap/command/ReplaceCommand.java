package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.spool.Spool;
import org.mailroom.store.MailboxName;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.UserMailboxes;

/**
 * REPLACE and UID REPLACE (RFC 8508 §3, §5): {@code replace = "REPLACE" SP seq-number SP mailbox
 * append-message}, CATENATE included (§4.2). The new message is appended and the old one expunged in
 * one store transaction with the quota charged for the difference (§3.4); APPENDUID goes out untagged
 * before the EXPUNGE (§4.3), and nothing is sent for the implied STORE. Selected state only (§3.5).
 */
final class ReplaceCommand implements ImapCommand<ReplaceCommand.Request> {

    record Request(SequenceSet message, MailboxName target, AppendCommand.Message replacement) {
    }

    private final boolean byUid;

    ReplaceCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public String name() {
        return byUid ? "UID REPLACE" : "REPLACE";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.WITH_MAILBOX;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        SequenceSet set = SequenceSet.read(args);
        // seq-number = nz-number / "*" (RFC 8508 §5): one message, not a set.
        if (set.saved() || set.ranges().size() != 1 || set.ranges().get(0).from() != set.ranges().get(0).to()) {
            throw new SyntaxError("REPLACE takes one message number");
        }
        args.sp();
        MailboxName target = dialect.mailbox(args.astring());
        args.sp();
        return new Request(set, target, AppendCommand.message(args));
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (s.readOnly()) {
            return Completion.no("[READ-ONLY] Mailbox is read-only");
        }
        if (byUid) {
            session.tellUpdates(true);
        }
        List<Long> uids = s.resolve(r.message(), byUid);
        if (uids.size() != 1) {
            return byUid ? Completion.no("[NONEXISTENT] No such message")
                    : Completion.bad("Invalid message sequence number");
        }
        long uid = uids.get(0);
        List<Spool> assembled = new ArrayList<>(1);
        try {
            UserMailboxes.NewMessage message = AppendCommand.newMessage(session, r.replacement(), assembled);
            if (message == null) {
                return Completion.no("Empty message, REPLACE cancelled");
            }
            UserMailboxes.Appended a;
            try {
                a = session.mailboxes().replace(s.id(), uid, r.target(), message);
            } catch (StoreException e) {
                if (e.error() == StoreError.NOT_FOUND && session.mailboxes().find(r.target()).isEmpty()) {
                    return Completion.no("[TRYCREATE] No such mailbox");
                }
                if (e.error() == StoreError.EXPUNGED) {
                    return Completion.no("[EXPUNGEISSUED] The message to replace no longer exists");
                }
                throw e;
            }
            session.out().untagged("OK [APPENDUID " + a.uidValidity() + " " + a.uid() + "] Replacement Message ready");
            s.expunged(List.of(uid), session.out());
            return Completion.ok(name() + " completed");
        } finally {
            AppendCommand.release(assembled);
        }
    }
}
