package org.mailroom.imap.command;

import java.util.ArrayList;
import java.util.List;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidRange;
import org.mailroom.store.UidSet;

/**
 * What a QRESYNC SELECT tells a client that comes back (RFC 7162 §3.2.5.1): the UIDs expunged since its
 * mod-sequence, as {@code VANISHED (EARLIER)}, then a FETCH of UID, FLAGS and MODSEQ for each message
 * changed or added since then, both limited to the UIDs the client says it knows. Expunged UIDs are kept
 * with the mod-sequence of their expunge, so the answer is exact, and both lists are read through the
 * store's MODSEQ indexes: their cost follows the number of changes, not the size of the mailbox.
 * The seq-match-data is checked for syntax only: it lets a server that forgets expunged UIDs narrow
 * its answer (RFC 7162 §3.2.5.2), which an exact server need not do.
 */
final class Resynchronisation {

    private Resynchronisation() {
    }

    static void report(ImapSession session, SelectedMailbox selected, SelectCommand.Resync resync) {
        // "*" among known UIDs reaches past the highest UID left: expunged ones above it count too.
        UidSet known = resync.knownUids().map(set -> uidSet(set, Long.MAX_VALUE)).orElse(UidSet.ALL);
        List<Long> vanished = new ArrayList<>();
        for (long uid : session.mailboxes().expungedSince(selected.id(), resync.modSeq())) {
            if (known.contains(uid)) {
                vanished.add(uid);
            }
        }
        if (!vanished.isEmpty()) {
            session.out().untagged("VANISHED (EARLIER) " + SequenceSet.format(vanished));
        }
        boolean rev2 = session.dialect().rev2();
        for (MessageSummary m : session.mailboxes().messagesChangedSince(selected.id(), known, resync.modSeq())) {
            int seq = selected.seqOf(m.uid());
            if (seq > 0) {
                selected.remember(m);
                session.out().untagged(selected.flagsFetch(seq, m.uid(), m.flags(), m.modSeq(), rev2, true));
            }
        }
    }

    /** A UID set as the client wrote it, {@code *} standing for the highest UID in the mailbox. */
    static UidSet uidSet(SequenceSet set, long star) {
        List<UidRange> ranges = new ArrayList<>();
        for (SequenceSet.Range r : set.ranges()) {
            long a = r.from() == SequenceSet.STAR ? star : r.from();
            long b = r.to() == SequenceSet.STAR ? star : r.to();
            if (Math.max(a, b) > 0) {
                ranges.add(new UidRange(Math.max(1, Math.min(a, b)), Math.max(a, b)));
            }
        }
        return new UidSet(ranges);
    }
}
