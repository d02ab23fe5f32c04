package org.mailroom.imap.command;

import java.util.List;
import java.util.Set;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.MailboxName;
import org.mailroom.store.StoreError;
import org.mailroom.store.StoreException;
import org.mailroom.store.UidSet;
import org.mailroom.store.UserMailboxes;

/**
 * COPY and MOVE with their UID forms (RFC 9051 §6.4.7–6.4.8, MOVE RFC 6851, COPYUID RFC 4315):
 * {@code copy = "COPY" SP sequence-set SP mailbox}. MOVE sends COPYUID untagged before its EXPUNGE
 * responses (RFC 6851 §4.3); a missing target is {@code [TRYCREATE]}. A copy past the account's quota is
 * {@code [OVERQUOTA]} (RFC 9208 §4.3.1); a move never is, as it stays within the account's one quota
 * root and adds nothing to its usage (§4.3.1 names additions that put the target over a limit).
 */
final class CopyCommand implements ImapCommand<CopyCommand.Request> {

    record Request(SequenceSet set, MailboxName target) {
    }

    private final boolean byUid;
    private final boolean move;

    CopyCommand(boolean byUid, boolean move) {
        this.byUid = byUid;
        this.move = move;
    }

    @Override
    public String name() {
        return (byUid ? "UID " : "") + (move ? "MOVE" : "COPY");
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.WITH_MAILBOX;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        SequenceSet set = SequenceSet.read(args);
        args.sp();
        return new Request(set, dialect.mailbox(args.astring()));
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (move && s.readOnly()) {
            return Completion.no("[READ-ONLY] Mailbox is read-only");
        }
        if (move) {
            session.tellUpdates(true);
        }
        List<Long> uids = s.resolve(r.set(), byUid);
        if (uids.isEmpty()) {
            return Completion.ok(byUid ? name() + " completed, no messages" : name() + " completed");
        }
        UserMailboxes.Copied copied;
        try {
            copied = move ? session.mailboxes().move(s.id(), UidSet.ofUids(uids), r.target())
                    : session.mailboxes().copy(s.id(), UidSet.ofUids(uids), r.target());
        } catch (StoreException e) {
            if (e.error() == StoreError.NOT_FOUND && session.mailboxes().find(r.target()).isEmpty()) {
                return Completion.no("[TRYCREATE] No such mailbox");
            }
            throw e;
        }
        String code = copied.sourceUids().isEmpty() ? ""
                : "[COPYUID " + copied.uidValidity() + " " + SequenceSet.format(copied.sourceUids()) + " "
                + SequenceSet.format(copied.copyUids()) + "] ";
        if (move) {
            if (!code.isEmpty()) {
                session.out().untagged("OK " + code + "Moved");
            }
            s.expunged(copied.sourceUids(), session.out());
            return Completion.ok(name() + " completed");
        }
        return Completion.ok(code + name() + " completed");
    }
}
