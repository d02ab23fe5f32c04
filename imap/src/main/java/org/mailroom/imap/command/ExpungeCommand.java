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
import org.mailroom.store.UidSet;

/**
 * EXPUNGE (RFC 9051 §6.4.3) and UID EXPUNGE (RFC 4315 §2.1, RFC 9051 §6.4.9):
 * {@code "UID EXPUNGE" SP sequence-set}. Each removed message gets its EXPUNGE response.
 */
final class ExpungeCommand implements ImapCommand<SequenceSet> {

    private final boolean byUid;

    ExpungeCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public String name() {
        return byUid ? "UID EXPUNGE" : "EXPUNGE";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.WITH_MAILBOX;
    }

    @Override
    public SequenceSet parse(CommandReader args, Dialect dialect) {
        return byUid ? SequenceSet.read(args) : null;
    }

    @Override
    public Completion execute(SequenceSet set, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (s.readOnly()) {
            return Completion.no("[READ-ONLY] Mailbox is read-only");
        }
        // Changes of other sessions first, so that our EXPUNGE responses use current numbers.
        session.tellUpdates(true);
        UidSet uids = byUid ? UidSet.ofUids(s.resolve(set, true)) : UidSet.ALL;
        if (uids.isEmpty()) {
            return Completion.ok(name() + " completed");
        }
        List<Long> removed = session.mailboxes().expunge(s.id(), uids);
        s.expunged(removed, session.out());
        return Completion.ok(name() + " completed");
    }
}
