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
 */
final class FetchCommand implements ImapCommand<FetchCommand.Request> {

    record Request(SequenceSet set, List<FetchItem> items) {
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
        return new Request(set, byUid ? FetchItems.withUid(items) : items);
    }

    @Override
    public Completion execute(Request r, ImapSession session) {
        SelectedMailbox s = session.requireSelected();
        if (byUid) {
            session.tellUpdates(true);
        }
        List<Long> uids = s.resolve(r.set(), byUid);
        if (uids.isEmpty()) {
            return Completion.ok(name() + " completed");
        }
        List<MessageSummary> found = session.mailboxes().messages(s.id(), UidSet.ofUids(uids));
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
        boolean flagsAsked = r.items().contains(FetchItem.Simple.FLAGS);
        boolean recentShown = !session.dialect().rev2();
        MessageFetcher fetcher = new MessageFetcher(session.mailboxes(), s.id(), session.out());
        fetcher.prepare(found);
        for (MessageSummary m : found) {
            int seq = s.seqOf(m.uid());
            if (seq == 0) {
                continue;
            }
            fetcher.write(seq, m, r.items(), recentShown && s.isRecent(m.uid()), seenNow.contains(m.uid()) && !flagsAsked);
        }
        session.remember(found);
        if (found.size() < uids.size() && !byUid) {
            return Completion.no("[EXPUNGEISSUED] Some of the requested messages no longer exist");
        }
        return Completion.ok(name() + " completed");
    }
}
