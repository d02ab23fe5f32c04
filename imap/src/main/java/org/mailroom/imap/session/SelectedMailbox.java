package org.mailroom.imap.session;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.mailroom.imap.protocol.ResponseWriter;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.store.Flags;
import org.mailroom.store.MailboxEvent;
import org.mailroom.store.MailboxName;
import org.mailroom.store.MessageSummary;

/**
 * The session's view of its selected mailbox: the UIDs in sequence-number order (one compact
 * {@code long[]}, so that selecting a mailbox of 100,000 messages loads 800 KB, not 100,000 records),
 * the MODSEQ of the flags shown for the messages the client has looked at (only those), and the
 * changes of other sessions not yet told. Changes arrive as store events on any thread and are queued; the session applies them only where RFC 9051 §7.4.1 and §5.5 let sequence numbers move:
 * EXISTS and FETCH after any command, EXPUNGE not after FETCH, STORE or SEARCH by sequence number.
 * Applying is idempotent, so the session's own changes, which it has already told, come back as no-ops.
 */
public final class SelectedMailbox {

    private final long id;
    private final MailboxName name;
    private final boolean readOnly;
    private final long uidValidity;
    private long[] uids;
    private int size;
    /**
     * The MODSEQ at which the client was last shown each message's flags, for those it was shown: a flag
     * change event not newer is stale or the session's own (events may arrive out of order). Sparse, so
     * that a large selection costs nothing per message until the client looks at it.
     */
    private final Map<Long, Long> modSeqs = new HashMap<>();
    /** \Recent of the messages loaded at selection: those with a UID in (recentAbove, loadedHighest]. */
    private long recentAbove = Long.MAX_VALUE;
    private long loadedHighest;
    /** \Recent of messages that arrived while selected. */
    private final Set<Long> recentArrivals = new HashSet<>();
    private final SyncState sync;
    private final Set<Long> expungedNotTold = new LinkedHashSet<>();
    /** The lowest MODSEQ among the expunges not yet told. */
    private long lowestUntoldExpunge = Long.MAX_VALUE;
    private final ConcurrentLinkedQueue<MailboxEvent> pending = new ConcurrentLinkedQueue<>();
    private List<Long> savedResult = List.of();
    private long highestUidSeen;

    /** Selects a mailbox before reading its messages, so that no change published meanwhile is lost. */
    public SelectedMailbox(long id, MailboxName name, boolean readOnly, long uidValidity, SyncState sync) {
        this.id = id;
        this.name = name;
        this.readOnly = readOnly;
        this.uidValidity = uidValidity;
        this.uids = new long[16];
        this.sync = sync;
    }

    /**
     * The UIDs as listed after selection (ascending; the array is kept, not copied). Those above
     * {@code recentAbove} are \Recent in this session. Events already queued for them become no-ops.
     */
    public void load(long[] sortedUids, long recentAbove) {
        uids = sortedUids.length < 16 ? java.util.Arrays.copyOf(sortedUids, 16) : sortedUids;
        size = sortedUids.length;
        highestUidSeen = size == 0 ? 0 : uids[size - 1];
        loadedHighest = highestUidSeen;
        this.recentAbove = recentAbove;
    }

    public SyncState sync() {
        return sync;
    }

    /** What {@link #tell} asks of the store and of the server's \Recent registry. */
    public interface Arrivals {
        /** The mailbox's messages with a UID above {@code uid}, in UID order. */
        List<MessageSummary> after(long uid);

        /** Claims \Recent for these new UIDs; returns those this session got. */
        List<Long> claimRecent(List<Long> uids);
    }

    public long id() {
        return id;
    }

    public MailboxName name() {
        return name;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public long uidValidity() {
        return uidValidity;
    }

    public int exists() {
        return size;
    }

    public int recentCount() {
        int from = recentAbove >= loadedHighest ? size : firstIndexAbove(recentAbove);
        int to = firstIndexAbove(loadedHighest);
        return Math.max(0, to - from) + recentArrivals.size();
    }

    public boolean isRecent(long uid) {
        return (uid > recentAbove && uid <= loadedHighest) || recentArrivals.contains(uid);
    }

    /** The index of the first UID in view above {@code uid}, {@code size} if none. */
    private int firstIndexAbove(long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        return i >= 0 ? i + 1 : -i - 1;
    }

    public long uidAt(int seq) {
        return uids[seq - 1];
    }

    /** The sequence number of {@code uid}, or 0 when it is not in view. */
    public int seqOf(long uid) {
        int i = Arrays.binarySearch(uids, 0, size, uid);
        return i < 0 ? 0 : i + 1;
    }

    /** Flags the session read from the store (FETCH, STORE, QRESYNC) are what the client knows, unless older. */
    public void remember(MessageSummary m) {
        if (seqOf(m.uid()) > 0 && m.modSeq() >= modSeqs.getOrDefault(m.uid(), 0L)) {
            modSeqs.put(m.uid(), m.modSeq());
        }
    }

    /** Whether another session expunged this message and this one has not been told yet. */
    public boolean isExpungedPending(long uid) {
        return expungedNotTold.contains(uid);
    }

    public List<Long> allUids() {
        List<Long> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(uids[i]);
        }
        return out;
    }

    public void saveResult(List<Long> uidResult) {
        savedResult = List.copyOf(uidResult);
    }

    /** The UIDs in view that a sequence set names, ascending. */
    public List<Long> resolve(SequenceSet set, boolean byUid) {
        List<Long> out = new ArrayList<>();
        if (set.saved()) {
            for (long uid : savedResult) {
                if (seqOf(uid) > 0) {
                    out.add(uid);
                }
            }
            return out;
        }
        if (byUid) {
            long star = size == 0 ? 0 : uids[size - 1];
            for (int i = 0; i < size; i++) {
                if (set.contains(uids[i], star)) {
                    out.add(uids[i]);
                }
            }
            // RFC 9051 §6.4.9: "n:*" names the highest UID even when n is above it.
            if (out.isEmpty() && size > 0 && starOnlyRangeAbove(set, star)) {
                out.add(star);
            }
            return out;
        }
        if (size == 0 && set.ranges().stream()
                .allMatch(r -> r.from() == SequenceSet.STAR || r.to() == SequenceSet.STAR)) {
            return out; // "1:*" in an empty mailbox names nothing, as Dovecot answers it
        }
        if (!set.within(size)) {
            throw new SyntaxError("invalid message sequence number");
        }
        for (int i = 0; i < size; i++) {
            if (set.contains(i + 1, size)) {
                out.add(uids[i]);
            }
        }
        return out;
    }

    private static boolean starOnlyRangeAbove(SequenceSet set, long star) {
        for (SequenceSet.Range r : set.ranges()) {
            if ((r.to() == SequenceSet.STAR) != (r.from() == SequenceSet.STAR)) {
                return true;
            }
        }
        return false;
    }

    /** Queues a committed change of this mailbox; called on the publishing thread, so it only enqueues. */
    public void enqueue(MailboxEvent event) {
        pending.add(event);
    }

    public boolean hasPending() {
        return !pending.isEmpty() || !expungedNotTold.isEmpty();
    }

    /**
     * Tells the client what changed (RFC 9051 §7.4.1): EXPUNGE first where allowed, then EXISTS (and
     * RECENT for IMAP4rev1) and FETCH of changed flags. Events of different sessions may arrive out
     * of commit order, so arrivals are read from the store (every UID above the highest known, which
     * commits in UID order make complete) and flag changes older than what is known are ignored.
     */
    public void tell(ResponseWriter out, boolean mayExpunge, boolean rev2, Arrivals arrivals) {
        boolean arrived = false;
        MailboxEvent e;
        Map<Long, MessageSummary> changed = new java.util.LinkedHashMap<>();
        while ((e = pending.poll()) != null) {
            if (e instanceof MailboxEvent.MessagesAdded a) {
                arrived |= a.uids().stream().anyMatch(uid -> uid > highestUidSeen);
            } else if (e instanceof MailboxEvent.FlagsChanged f) {
                for (MessageSummary m : f.messages()) {
                    if (seqOf(m.uid()) > 0 && m.modSeq() > modSeqs.getOrDefault(m.uid(), 0L)) {
                        modSeqs.put(m.uid(), m.modSeq());
                        changed.put(m.uid(), m);
                    }
                }
            } else if (e instanceof MailboxEvent.MessagesExpunged x) {
                for (long uid : x.uids()) {
                    if (seqOf(uid) > 0) {
                        expungedNotTold.add(uid);
                        lowestUntoldExpunge = Math.min(lowestUntoldExpunge, x.modSeq());
                    }
                }
            }
        }
        if (mayExpunge && !expungedNotTold.isEmpty()) {
            List<Long> gone = new ArrayList<>(expungedNotTold);
            expungedNotTold.clear();
            gone.forEach(changed::remove);
            expunged(gone, out);
        }
        List<Long> added = new ArrayList<>();
        if (arrived) {
            for (MessageSummary m : arrivals.after(highestUidSeen)) {
                if (m.uid() > highestUidSeen) {
                    append(m);
                    added.add(m.uid());
                }
            }
        }
        if (!added.isEmpty()) {
            if (!readOnly) {
                recentArrivals.addAll(arrivals.claimRecent(added));
            }
            out.untagged(size + " EXISTS");
            if (!rev2) {
                out.untagged(recentCount() + " RECENT");
            }
        }
        for (MessageSummary m : changed.values()) {
            int seq = seqOf(m.uid());
            if (seq > 0) {
                out.untagged(flagsFetch(seq, m.uid(), m.flags(), m.modSeq(), rev2, false));
            }
        }
        if (!mayExpunge && sync.condstore() && !expungedNotTold.isEmpty()) {
            // RFC 7162 §3.2: MODSEQs shown while expunges wait must not let the client skip them when it
            // resynchronises later, so it is told how far it is really in sync.
            out.untagged("OK [HIGHESTMODSEQ " + (lowestUntoldExpunge - 1) + "] Expunges pending");
        }
    }

    /**
     * A FETCH response with a message's flags, as STORE and changes by others report them: with UID and
     * MODSEQ once CONDSTORE is on (RFC 7162 §3.1, "Once a CONDSTORE enabling command is issued ..."),
     * with UID for a UID command ({@code withUid}).
     */
    public String flagsFetch(int seq, long uid, Flags f, long modSeq, boolean rev2, boolean withUid) {
        StringBuilder sb = new StringBuilder().append(seq).append(" FETCH (");
        sb.append("FLAGS ").append(FlagText.of(f, !rev2 && isRecent(uid)));
        if (withUid || sync.condstore()) {
            sb.append(" UID ").append(uid);
        }
        if (sync.condstore()) {
            sb.append(" MODSEQ (").append(modSeq).append(')');
        }
        return sb.append(')').toString();
    }

    /**
     * These messages are gone and the client is told now: one EXPUNGE each, highest sequence number
     * last as they come, or, once QRESYNC is enabled, one {@code VANISHED} with their UIDs (RFC 7162
     * §3.2.10), which also covers the expunges of other sessions.
     */
    public void expunged(List<Long> removed, ResponseWriter out) {
        List<Long> vanished = new ArrayList<>();
        for (long uid : removed) {
            int seq = seqOf(uid);
            if (seq > 0) {
                if (!sync.qresync()) {
                    expungeObserver.expunging(uid, seq);
                }
                remove(seq);
                if (sync.qresync()) {
                    vanished.add(uid);
                } else {
                    out.untagged(seq + " EXPUNGE");
                }
            }
            expungedNotTold.remove(uid);
        }
        if (expungedNotTold.isEmpty()) {
            lowestUntoldExpunge = Long.MAX_VALUE;
        }
        if (!vanished.isEmpty()) {
            vanished.sort(null);
            out.untagged("VANISHED " + SequenceSet.format(vanished));
        }
    }

    /** Told of each EXPUNGE just before it is written, while its sequence number is still valid. */
    public interface ExpungeObserver {
        void expunging(long uid, int seq);
    }

    private ExpungeObserver expungeObserver = (uid, seq) -> { };

    /** RFC 5267 §4.3.4: a REMOVEFROM of sequence numbers goes out before the EXPUNGE that moves them. */
    public void observeExpunges(ExpungeObserver observer) {
        expungeObserver = observer;
    }

    private void append(MessageSummary m) {
        if (size == uids.length) {
            uids = Arrays.copyOf(uids, size * 2);
        }
        uids[size++] = m.uid();
        highestUidSeen = m.uid();
        modSeqs.put(m.uid(), m.modSeq());
    }

    private void remove(int seq) {
        long uid = uids[seq - 1];
        System.arraycopy(uids, seq, uids, seq - 1, size - seq);
        size--;
        modSeqs.remove(uid);
        recentArrivals.remove(uid);
    }
}
