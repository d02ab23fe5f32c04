package org.mailroom.imap.command;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.mailroom.imap.fetch.FetchItem;
import org.mailroom.imap.fetch.FetchItems;
import org.mailroom.imap.fetch.MessageFetcher;
import org.mailroom.imap.protocol.CommandReader;
import org.mailroom.imap.protocol.SequenceSet;
import org.mailroom.imap.protocol.SyntaxError;
import org.mailroom.imap.session.Completion;
import org.mailroom.imap.session.Dialect;
import org.mailroom.imap.session.ImapSession;
import org.mailroom.imap.session.SelectedMailbox;
import org.mailroom.imap.session.SessionState;
import org.mailroom.store.Flag;
import org.mailroom.store.FlagUpdate;
import org.mailroom.store.Flags;
import org.mailroom.store.MessageSummary;
import org.mailroom.store.UidSet;

/**
 * FETCH and UID FETCH (RFC 9051 §6.4.5, §6.4.9):
 * {@code fetch = "FETCH" SP sequence-set SP ("ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")")}.
 * A body fetch without PEEK in a read-write selection sets \Seen first and reports FLAGS.
 * Messages another session expunged, not yet told, are left out and the reply says EXPUNGEISSUED.
 * RFC 7162 adds the MODSEQ item (§3.1.4.2) and the modifiers
 * {@code fetch-modifiers = SP "(" fetch-modifier *(SP fetch-modifier) ")"}:
 * {@code CHANGEDSINCE mod-sequence-valzer} (§3.1.4.1) and, for UID FETCH, {@code VANISHED} (§3.2.6).
 */
final class FetchCommand implements ImapCommand<FetchCommand.Request> {

    record Request(SequenceSet set, List<FetchItem> items, OptionalLong changedSince, boolean vanished) {
    }

    private final boolean byUid;

    FetchCommand(boolean byUid) {
        this.byUid = byUid;
    }

    @Override
    public String name() {
        return byUid ? "UID FETCH" : "FETCH";
    }

    @Override
    public Set<SessionState> states() {
        return SessionState.WITH_MAILBOX;
    }

    @Override
    public boolean mayExpunge() {
        return byUid;
    }

    @Override
    public Request parse(CommandReader args, Dialect dialect) {
        SequenceSet set = SequenceSet.read(args);
        args.sp();
        List<FetchItem> items = FetchItems.read(args);
        OptionalLong changedSince = OptionalLong.empty();
        boolean vanished = false;
        if (args.startsWithIgnoreCase(" (")) {
            args.sp();
            long[] since = {-1};
            boolean[] van = new boolean[1];
            args.list(() -> {
                String modifier = args.keyword();
                if (modifier.equals("CHANGEDSINCE") && since[0] < 0) {
                    args.sp();
                    since[0] = ModSeqArgument.valzer(args);
                } else if (modifier.equals("VANISHED") && byUid && !van[0]) {
                    van[0] = true;
                } else {
                    throw new SyntaxError("unknown or repeated FETCH modifier");
                }
                return modifier;
            }, false);
            if (van[0] && since[0] < 0) {
                throw new SyntaxError("VANISHED needs CHANGEDSINCE"); // RFC 7162 §3.2.6
            }
            changedSince = since[0] < 0 ? OptionalLong.empty() : OptionalLong.of(since[0]);
            vanished = van[0];
        }
        return new Request(set, byUid ? FetchItems.withUid(items) : items, changedSince, vanished);
    }

    /**
     * The items answered: MODSEQ joins them with CHANGEDSINCE (RFC 7162 §3.1.4.1); UID and MODSEQ join
     * a fetch that sets \Seen once CONDSTORE is on (RFC 7162 §3.1: such FETCH responses carry both).
     */
    private static List<FetchItem> effectiveItems(Request r, ImapSession session, boolean setsSeen) {
        List<FetchItem> items = r.items();
        boolean condstoreSeen = setsSeen && session.sync().condstore();
        if (!items.contains(FetchItem.Simple.MODSEQ) && (r.changedSince().isPresent() || condstoreSeen)) {
            items = new java.util.ArrayList<>(items);
            items.add(FetchItem.Simple.MODSEQ);
        }
        return condstoreSeen ? FetchItems.withUid(items) : items;
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (r.vanished() && !session.sync().qresync()) {
            return Completion.bad("VANISHED needs ENABLE QRESYNC"); // RFC 7162 §3.2.6
        }
        if (r.changedSince().isPresent() || r.items().contains(FetchItem.Simple.MODSEQ)) {
            session.sync().enableCondstore(); // RFC 7162 §3.1: CONDSTORE enabling commands
        }
        if (byUid) {
            session.tellUpdates(true);
        }
        List<FetchItem> items = effectiveItems(r, session, FetchItems.setsSeen(r.items()) && !s.readOnly());
        if (r.vanished()) {
            reportVanished(session, s, r);
        }
        List<Long> uids = s.resolve(r.set(), byUid);
        if (uids.isEmpty()) {
            return Completion.ok(name() + " completed");
        }
        UidSet wanted = UidSet.ofUids(uids);
        List<MessageSummary> found = r.changedSince().isPresent()
                ? session.mailboxes().messagesChangedSince(s.id(), wanted, r.changedSince().getAsLong())
                : session.mailboxes().messages(s.id(), wanted);
        Set<Long> seenNow = new HashSet<>();
        if (FetchItems.setsSeen(r.items()) && !s.readOnly()) {
            List<Long> unseen = found.stream().filter(m -> !m.flags().has(Flag.SEEN)).map(MessageSummary::uid).toList();
            if (!unseen.isEmpty()) {
                Map<Long, MessageSummary> updated = new HashMap<>();
                for (MessageSummary m : session.mailboxes().setFlags(s.id(), UidSet.ofUids(unseen),
                        FlagUpdate.add(Flags.of(Flag.SEEN)), OptionalLong.empty()).updated()) {
                    updated.put(m.uid(), m);
                    seenNow.add(m.uid());
                }
                found = found.stream().map(m -> updated.getOrDefault(m.uid(), m)).toList();
            }
        }
        boolean flagsAsked = items.contains(FetchItem.Simple.FLAGS);
        boolean recentShown = !session.dialect().rev2();
        MessageFetcher fetcher = new MessageFetcher(session.mailboxes(), s.id(), session.out());
        fetcher.prepare(found);
        for (MessageSummary m : found) {
            int seq = s.seqOf(m.uid());
            if (seq == 0) {
                continue;
            }
            fetcher.write(seq, m, items, recentShown && s.isRecent(m.uid()), seenNow.contains(m.uid()) && !flagsAsked);
        }
        session.remember(found);
        if (found.size() < uids.size() && !byUid && r.changedSince().isEmpty()) {
            return Completion.no("[EXPUNGEISSUED] Some of the requested messages no longer exist");
        }
        return Completion.ok(name() + " completed");
    }

    /**
     * RFC 7162 §3.2.6: the UIDs of the set expunged since CHANGEDSINCE, as {@code VANISHED (EARLIER)},
     * before the FETCH responses; the set is taken as written, UIDs no longer in view included.
     */
    private static void reportVanished(ImapSession session, SelectedMailbox s, Request r) {
        if (r.set().saved()) {
            return; // "$" names only messages in view, none of which is expunged
        }
        // "*" reaches past the highest UID left, so that expunged UIDs above it are reported too.
        UidSet asked = Resynchronisation.uidSet(r.set(), Long.MAX_VALUE);
        List<Long> gone = new java.util.ArrayList<>();
        for (long uid : session.mailboxes().expungedSince(s.id(), r.changedSince().getAsLong())) {
            if (asked.contains(uid)) {
                gone.add(uid);
            }
        }
        if (!gone.isEmpty()) {
            session.out().untagged("VANISHED (EARLIER) " + SequenceSet.format(gone));
        }
    }
}
